import type { OpenAPIHono } from "@hono/zod-openapi";
import type { FC } from "hono/jsx";
import type { AppEnv } from "../http/context.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireMunicipality } from "../http/pages.js";
import { type NoticeBoard, type NoticeView, noticeArchive, noticeBoard } from "./read-notice-board.js";

// /anslagstavla: the municipality's official notice board (M10): notices of approval with their dates (L13–L15),
// the council's meeting notices (L1), a standing text on how to appeal (KL 13 kap.), an archive and an Atom feed.

/** How to appeal a decision by laglighetsprövning, as the board always says. KL 13 kap. */
export const appealText = [
  "Alla som är medlemmar i kommunen har rätt att överklaga kommunens beslut genom laglighetsprövning enligt 13 kap. kommunallagen. Överklagandet prövas av förvaltningsrätten.",
  "Överklagandet ska ha kommit in till förvaltningsrätten inom tre veckor från den dag då det tillkännagavs på kommunens anslagstavla att protokollet har justerats (13 kap. 5 § kommunallagen). Infaller sista dagen på en lördag, söndag eller helgdag, midsommarafton, julafton eller nyårsafton räcker det att överklagandet kommer in nästa vardag.",
  "I överklagandet ska du ange vilket beslut som överklagas och skälen till att beslutet bör upphävas. Ett beslut kan upphävas bara om det inte har kommit till på lagligt sätt, om det rör något som inte är en angelägenhet för kommunen, om organet har överskridit sina befogenheter eller om beslutet strider mot lag eller annan författning.",
];

const NoticeTable: FC<{ notices: NoticeView[]; caption: string }> = ({ notices, caption }) => (
  <table>
    <caption>{caption}</caption>
    <thead>
      <tr>
        <th scope="col">Organ</th>
        <th scope="col">Sammanträde</th>
        <th scope="col">Justerat</th>
        <th scope="col">Anslaget</th>
        <th scope="col">Sista dag att överklaga</th>
        <th scope="col">Tas ned</th>
        <th scope="col">Protokollet förvaras</th>
      </tr>
    </thead>
    <tbody>
      {notices.map((n) => (
        <tr>
          <th scope="row">
            <a href={n.path}>{`${n.bodyName}, ${n.scope}`}</a>
          </th>
          <td>{n.meetingDate}</td>
          <td>{n.approvedOn}</td>
          <td>{n.postedOn}</td>
          <td>{n.appealEndsOn}</td>
          <td>{n.takeDownOn}</td>
          <td>{n.minutesKeptAt}</td>
        </tr>
      ))}
    </tbody>
  </table>
);

function boardPage(board: NoticeBoard) {
  return (
    <>
      <h1>Anslagstavla</h1>
      <p>
        Kommunens officiella anslagstavla. <a href="/anslagstavla/arkiv">Arkiv</a> ·{" "}
        <a href="/anslagstavla.atom">Prenumerera (Atom)</a>
      </p>
      <h2>Justerade protokoll</h2>
      {board.notices.length === 0 ? (
        <p>Inga tillkännagivanden om justerade protokoll är uppsatta.</p>
      ) : (
        <NoticeTable
          notices={board.notices}
          caption="Tillkännagivanden om justerade protokoll (KL 8 kap. 12 §)"
        />
      )}
      <h2>Kallelser till fullmäktige</h2>
      {board.meetings.length === 0 ? (
        <p>Inga kallelser är uppsatta.</p>
      ) : (
        <ul>
          {board.meetings.map((m) => (
            <li>
              <a href={m.path}>{`${m.bodyName} ${m.heldOn} kl. ${m.startsAt}, ${m.place}`}</a>
              {` (anslagen ${m.postedOn})`}
            </li>
          ))}
        </ul>
      )}
      <h2>Så överklagar du ett beslut</h2>
      {appealText.map((p) => (
        <p>{p}</p>
      ))}
    </>
  );
}

const xml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** The board as an Atom feed (RFC 4287): one entry per notice of approval and per meeting notice. */
export function atomFeed(origin: string, municipality: string, board: NoticeBoard): string {
  const entries = [
    ...board.notices.map((n) => ({
      id: `${origin}/anslagstavla#notice-${n.id}`,
      title: `${n.bodyName} ${n.meetingDate}: ${n.scope} justerat ${n.approvedOn}`,
      link: `${origin}${n.path}`,
      updated: `${n.postedOn}T00:00:00Z`,
      summary: `Justerat ${n.approvedOn}, anslaget ${n.postedOn}. Sista dag att överklaga: ${n.appealEndsOn}. Tas ned ${n.takeDownOn}. Protokollet förvaras: ${n.minutesKeptAt}. Kontrollsumma (SHA-256): ${n.hash}.`,
    })),
    ...board.meetings.map((m) => ({
      id: `${origin}/anslagstavla#meeting-${m.id}`,
      title: `Kallelse: ${m.bodyName} ${m.heldOn} kl. ${m.startsAt}`,
      link: `${origin}${m.path}`,
      updated: `${m.postedOn}T00:00:00Z`,
      summary: `${m.bodyName} sammanträder ${m.heldOn} kl. ${m.startsAt}, ${m.place}. Anslaget ${m.postedOn}.`,
    })),
  ];
  const updated =
    entries
      .map((e) => e.updated)
      .sort()
      .at(-1) ?? "2000-01-01T00:00:00Z";
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">
<title>${xml(`Anslagstavla – ${municipality}`)}</title>
<id>${xml(`${origin}/anslagstavla`)}</id>
<link rel="self" href="${xml(`${origin}/anslagstavla.atom`)}"/>
<link rel="alternate" type="text/html" href="${xml(`${origin}/anslagstavla`)}"/>
<updated>${updated}</updated>
${entries
  .map(
    (e) => `<entry>
<id>${xml(e.id)}</id>
<title>${xml(e.title)}</title>
<link href="${xml(e.link)}"/>
<updated>${e.updated}</updated>
<summary>${xml(e.summary)}</summary>
</entry>`,
  )
  .join("\n")}
</feed>
`;
}

/** The public notice board, its archive and its feed. */
export function registerNoticeBoardPages(app: OpenAPIHono<AppEnv>) {
  app.get("/anslagstavla", async (c) => {
    const m = requireMunicipality(c);
    const board = await read(c, (tx) => noticeBoard(tx, m.id));
    return c.html(
      <Layout title="Anslagstavla" chrome={chrome(c)} current="/anslagstavla">
        <link rel="alternate" type="application/atom+xml" href="/anslagstavla.atom" title="Anslagstavla" />
        {boardPage(board)}
      </Layout>,
    );
  });
  app.get("/anslagstavla/arkiv", async (c) => {
    const m = requireMunicipality(c);
    const notices = await read(c, (tx) => noticeArchive(tx, m.id));
    return c.html(
      <Layout title="Anslagstavlans arkiv" chrome={chrome(c)} current="/anslagstavla">
        <Breadcrumbs trail={[{ href: "/anslagstavla", label: "Anslagstavla" }, { label: "Arkiv" }]} />
        <h1>Anslagstavlans arkiv</h1>
        {notices.length === 0 ? (
          <p>Inga tillkännagivanden har tagits ned ännu.</p>
        ) : (
          <NoticeTable notices={notices} caption="Nedtagna tillkännagivanden om justerade protokoll" />
        )}
      </Layout>,
    );
  });
  app.get("/anslagstavla.atom", async (c) => {
    const m = requireMunicipality(c);
    const board = await read(c, (tx) => noticeBoard(tx, m.id));
    const origin = new URL(c.req.url).origin;
    return c.body(atomFeed(origin, m.name, board), 200, {
      "Content-Type": "application/atom+xml; charset=utf-8",
    });
  });
}
