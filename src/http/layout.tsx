import type { Child, FC } from "hono/jsx";
import type { Actor } from "../accounts/actor.js";
import type { MunicipalityRef } from "./context.js";

export interface PageChrome {
  municipality: MunicipalityRef | null;
  actor: Actor | null;
  userEmail: string | null;
  csrfToken: string;
  /** The path of the page, so that logging in returns to it. */
  path?: string;
}

const nav = [
  { href: "/", label: "Start" },
  { href: "/diarium", label: "Diarium" },
  { href: "/organ", label: "Organ" },
  { href: "/partier", label: "Partier" },
  { href: "/personer", label: "Personer" },
  { href: "/sammantraden", label: "Sammanträden" },
  { href: "/anslagstavla", label: "Anslagstavla" },
  { href: "/uppdrag", label: "Uppdrag" },
  { href: "/remisser", label: "Remisser" },
  { href: "/uppfoljning", label: "Uppföljning" },
  { href: "/api", label: "API" },
];

/** The frame of every page: skip link, header with navigation, main landmark, footer. */
export const Layout: FC<{ title: string; chrome: PageChrome; current?: string; children?: Child }> = ({
  title,
  chrome,
  current,
  children,
}) => (
  <html lang="sv">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} – ${chrome.municipality?.name ?? "Paragraf"}`}</title>
      <link rel="stylesheet" href="/static/paragraf.css" />
    </head>
    <body>
      <a class="skip" href="#innehall">
        Hoppa till innehållet
      </a>
      <header class="site">
        <p class="brand">
          <a href="/">Paragraf</a>
          {chrome.municipality ? <span class="municipality">{chrome.municipality.name}</span> : null}
        </p>
        <nav aria-label="Huvudmeny">
          <ul>
            {nav.map((item) => (
              <li>
                <a href={item.href} aria-current={current === item.href ? "page" : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          {chrome.actor ? (
            <form method="post" action="/logga-ut">
              <span>{chrome.actor.label}</span>
              {chrome.actor.grants.some((g) => g.role === "admin") ? (
                <a href="/admin/konton">Konton</a>
              ) : null}
              <input type="hidden" name="_csrf" value={chrome.csrfToken} />
              <button type="submit">Logga ut</button>
            </form>
          ) : (
            <a
              href={
                chrome.path && chrome.path !== "/logga-in"
                  ? `/logga-in?tillbaka=${encodeURIComponent(chrome.path)}`
                  : "/logga-in"
              }
            >
              Logga in
            </a>
          )}
        </div>
      </header>
      <main id="innehall" tabindex={-1}>
        {children}
      </main>
      <footer class="site">
        <p>
          Paragraf – öppen källkod för kommunernas beslutsprocess.{" "}
          <a href="/tillganglighet">Tillgänglighetsredogörelse</a>
        </p>
      </footer>
    </body>
  </html>
);

export const Breadcrumbs: FC<{ trail: { href?: string; label: string }[] }> = ({ trail }) => (
  <nav aria-label="Brödsmulor" class="breadcrumbs">
    <ol>
      {trail.map((step) => (
        <li>
          {step.href ? <a href={step.href}>{step.label}</a> : <span aria-current="page">{step.label}</span>}
        </li>
      ))}
    </ol>
  </nav>
);

/** Swedish date as people write it in minutes: 2026-01-22. */
export function isoDay(value: string | Date | null | undefined): string {
  if (!value) return "";
  if (typeof value === "string") return value.slice(0, 10);
  return value.toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
}

/** Swedish date and time: 2026-01-22 13:00. */
export function isoMinute(value: Date): string {
  return value.toLocaleString("sv-SE", { timeZone: "Europe/Stockholm" }).slice(0, 16);
}
