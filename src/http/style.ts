// One small stylesheet, served from memory. Colours meet WCAG 2.1 AA contrast on white.
export const stylesheet = `
:root { --ink: #1a1a1a; --muted: #4a4a4a; --accent: #0b5394; --error: #b00020; --line: #c8c8c8; --bg-soft: #f3f5f8; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); line-height: 1.5; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .5rem; z-index: 10; }
header.site { display: flex; flex-wrap: wrap; gap: 1rem 2rem; align-items: center; padding: .75rem 1.5rem; border-bottom: 3px solid var(--accent); }
header.site .brand { margin: 0; font-weight: 700; font-size: 1.25rem; }
header.site .brand a { text-decoration: none; color: var(--ink); }
header.site .municipality { font-weight: 400; margin-left: .75rem; color: var(--muted); }
header.site nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
header.site nav a[aria-current="page"] { font-weight: 700; text-decoration: none; border-bottom: 3px solid var(--accent); }
header.site .account { margin-left: auto; }
header.site .account form { display: flex; gap: .5rem; align-items: center; }
main { max-width: 72rem; padding: 1rem 1.5rem 3rem; }
footer.site { border-top: 1px solid var(--line); padding: 1rem 1.5rem; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg-soft); }
.breadcrumbs ol { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; margin: 0 0 1rem; }
.breadcrumbs li + li::before { content: "›"; margin-right: .5rem; color: var(--muted); }
.field { margin: 1rem 0; }
.field label { display: block; font-weight: 600; }
.field .hint { margin: .1rem 0; color: var(--muted); }
.field input[type=text], .field input[type=email], .field input[type=password], .field input[type=number], .field input[type=date], .field select, .field textarea { width: 100%; max-width: 32rem; padding: .4rem; border: 2px solid var(--ink); border-radius: 2px; font: inherit; }
.field.has-error { border-left: 4px solid var(--error); padding-left: .75rem; }
.field-error { color: var(--error); font-weight: 600; margin: .1rem 0; }
.required { font-weight: 400; color: var(--muted); }
button { font: inherit; padding: .4rem 1rem; background: var(--accent); color: #fff; border: 2px solid var(--accent); border-radius: 3px; cursor: pointer; }
button.secondary { background: #fff; color: var(--accent); }
button.danger { background: var(--error); border-color: var(--error); }
.error-summary { border: 4px solid var(--error); padding: .75rem 1rem; margin: 1rem 0; }
.error-summary h2 { margin-top: 0; font-size: 1.15rem; }
.actions { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; margin: 1rem 0; }
.actions form { display: inline; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); gap: 1rem; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); padding: 1rem; border-radius: 4px; }
.cards h2 { overflow-wrap: anywhere; hyphens: auto; }
td a[href^="/diarium/"] { white-space: nowrap; }
.muted { color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
code, pre { background: var(--bg-soft); padding: .1rem .3rem; }
pre { padding: .75rem; overflow-x: auto; }
`;
