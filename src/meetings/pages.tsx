import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import { readParagraphDispatch } from "../dispatch/read-dispatch.js";
import { DispatchSection, dispatchPagePath } from "../dispatch/section.js";
import { NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireMunicipality } from "../http/pages.js";
import { secretAccess } from "../register/access.js";
import { uuidParam } from "./guards.js";
import { listMeetingSummaries, meetingView, paragraphViewByNumber } from "./read-minutes.js";
import { AttachmentSection, AttendanceSection, Downloads, ParagraphSection, Paragraphs } from "./render.js";

/** Whether the actor keeps minutes for some body (the planning page then lists the bodies). */
function keepsMinutes(actor: Actor | null): boolean {
  return !!actor?.grants.some((g) => g.role === "admin" || g.role === "secretary");
}

const routeRoleLabel: Record<string, string> = { prepare: "Bereder", decide: "Beslutar", note: "Anmäls" };

const statusLabel: Record<string, string> = {
  planned: "Planerat",
  notice_published: "Kallelse publicerad",
  opened: "Pågår",
  closed: "Avslutat",
};

/**
 * What approval (src/approval) adds to the minutes and paragraph pages, given by the app's assembly so that meetings
 * need not import it: the signed hash an approved page's strong ETag is made from, and the "Justerat" block.
 */
export interface MinutesSeals {
  paragraphEtag(
    tx: Tx,
    municipalityId: string,
    ref: { bodySlug: string; year: number; number: number },
  ): Promise<string | null>;
  minutesEtag(tx: Tx, municipalityId: string, meetingId: string): Promise<string | null>;
  paragraphStamp(tx: Tx, municipalityId: string, paragraphId: string, actor: Actor | null): Promise<Child>;
  minutesStamp(tx: Tx, municipalityId: string, meetingId: string, paragraphIds: string[]): Promise<Child>;
}

/** The strong ETag of approved minutes, for an anonymous reader only: a signed-in reader's frame and access differ. */
function approvedEtag(c: Context<AppEnv>, tag: () => Promise<string | null>): Promise<string | null> {
  return c.get("actor") ? Promise.resolve(null) : tag();
}

/**
 * Approved minutes never change, so their page carries a strong ETag from the signed hash, and a reader who already
 * has it gets 304 with no body. Returns the 304, or null to render the page.
 */
function notModified(c: Context<AppEnv>, tag: string | null): Response | null {
  if (!tag) return null;
  const quoted = `"${tag}"`;
  c.header("ETag", quoted);
  c.header("Cache-Control", "public, no-cache");
  const asked = c.req.header("If-None-Match");
  if (asked?.split(",").some((x) => x.trim() === quoted || x.trim() === "*")) return c.body(null, 304);
  return null;
}

/** The public pages: /sammantraden, a meeting with its notice and agenda, its minutes, and one paragraph. */
/** A meeting with its notice and agenda: the page at its readable address (/sammantraden/{organ}/{datum}). */
export async function renderMeetingPage(c: Context<AppEnv>, meetingId: string) {
  const m = requireMunicipality(c);
  const v = await read(c, (tx) => meetingView(tx, m.id, meetingId, secretAccess(c.get("actor"))));
  if (!v) throw new NotFoundError("page");
  const title = `${v.body.name} ${v.meeting.heldOn}`;
  return c.html(
    <Layout title={title} chrome={chrome(c)} current="/sammantraden">
      <Breadcrumbs trail={[{ href: "/sammantraden", label: "Sammanträden" }, { label: title }]} />
      <h1>{title}</h1>
      <dl class="facts">
        <dt>Tid</dt>
        <dd>{`${v.meeting.heldOn} kl. ${v.meeting.startsAt}`}</dd>
        <dt>Plats</dt>
        <dd>{v.meeting.place}</dd>
        <dt>Sammanträdet är</dt>
        <dd>{v.meeting.isPublic ? "offentligt" : "inte offentligt"}</dd>
        <dt>Läge</dt>
        <dd>{statusLabel[v.meeting.status]}</dd>
        <dt>Kallelse</dt>
        <dd>
          {v.meeting.noticePublishedOn
            ? `Anslagen ${v.meeting.noticePublishedOn}`
            : v.noticeDeadline
              ? `Inte anslagen ännu; ska anslås senast ${v.noticeDeadline} (KL 5 kap. 12 §)`
              : "Inte publicerad ännu"}
        </dd>
      </dl>
      <Downloads
        label="Ladda ner kallelsen med föredragningslistan"
        base={`/sammantraden/${v.meeting.id}/kallelse`}
      />
      {can(c.get("actor"), "meeting:write", v.body.id) ? (
        <p class="actions">
          <a href={`/sammantraden/${v.meeting.id}/sekreterare`}>Sekreterarens sida</a>
          {" · "}
          <a href={`/sammantraden/${v.meeting.id}/justering`}>Justering</a>
        </p>
      ) : null}
      {v.paragraphs.length > 0 ? (
        <p>
          <a href={`/sammantraden/${v.meeting.id}/protokoll`}>Protokollet</a>
        </p>
      ) : null}
      <h2>Föredragningslista</h2>
      {v.items.length === 0 ? (
        <p>Inga ärenden är anmälda.</p>
      ) : (
        <ol class="agenda">
          {v.items.map((i) => (
            <li value={i.position}>
              <h3>{`Ärende ${i.position}: ${i.title}`}</h3>
              <p>{i.caseNumber}</p>
              {i.proposal ? (
                <p>
                  <a href={i.proposal.path}>{i.proposal.label}</a>
                </p>
              ) : null}
              {i.proposalReport && !i.proposal ? (
                <>
                  <h4>Förslag till beslut</h4>
                  {i.reportProposalText ? <Paragraphs text={i.reportProposalText} /> : null}
                  <p>
                    <a href={i.proposalReport.path}>{i.proposalReport.label}</a>
                  </p>
                </>
              ) : null}
              {i.paragraphPath ? (
                <p>
                  <a href={i.paragraphPath}>{`§ ${i.paragraphNumber}`}</a>
                </p>
              ) : null}
              {i.route.length > 0 ? (
                <table>
                  <caption>Beslutsplanering</caption>
                  <thead>
                    <tr>
                      <th scope="col">Datum</th>
                      <th scope="col">Organ</th>
                      <th scope="col">Roll</th>
                      <th scope="col">Beslut</th>
                    </tr>
                  </thead>
                  <tbody>
                    {i.route.map((step) => (
                      <tr>
                        <td>
                          {step.meetingPath ? (
                            <a href={step.meetingPath}>{step.plannedOn}</a>
                          ) : (
                            step.plannedOn
                          )}
                        </td>
                        <th scope="row">{step.bodyName}</th>
                        <td>{routeRoleLabel[step.role]}</td>
                        <td>
                          {step.paragraph ? <a href={step.paragraph.path}>{step.paragraph.label}</a> : "–"}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Layout>,
  );
}

/** The public pages: /sammantraden, a meeting with its notice and agenda, its minutes, and one paragraph. */
export function registerMeetingPages(app: OpenAPIHono<AppEnv>, seals?: MinutesSeals) {
  app.get("/sammantraden", async (c) => {
    const m = requireMunicipality(c);
    const meetings = await read(c, (tx) => listMeetingSummaries(tx, m.id));
    const secretary = keepsMinutes(c.get("actor"));
    return c.html(
      <Layout title="Sammanträden" chrome={chrome(c)} current="/sammantraden">
        <h1>Sammanträden</h1>
        {secretary ? (
          <p class="actions">
            <a href="/sammantraden/ny">Planera ett sammanträde</a>
          </p>
        ) : null}
        {meetings.length === 0 ? (
          <p>Inga sammanträden är planerade.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Datum</th>
                <th scope="col">Organ</th>
                <th scope="col">Tid och plats</th>
                <th scope="col">Läge</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((x) => (
                <tr>
                  <td>
                    <a href={`/sammantraden/${x.id}`}>{x.heldOn}</a>
                  </td>
                  <td>{x.bodyName}</td>
                  <td>{`${x.startsAt}, ${x.place}`}</td>
                  <td>{statusLabel[x.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });

  app.get("/sammantraden/:id{[0-9a-f-]{36}}", (c) => renderMeetingPage(c, uuidParam(c, "id")));

  app.get("/sammantraden/:id{[0-9a-f-]{36}}/protokoll", async (c) => {
    const m = requireMunicipality(c);
    const meetingId = uuidParam(c, "id");
    // One transaction: the ETag of approved minutes (and 304 if the reader has them), else the minutes and their stamp.
    const found = await read(c, async (tx) => {
      const tag = seals ? await approvedEtag(c, () => seals.minutesEtag(tx, m.id, meetingId)) : null;
      const unchanged = notModified(c, tag);
      if (unchanged) return { unchanged };
      const v = await meetingView(tx, m.id, meetingId, secretAccess(c.get("actor")));
      const stamp =
        v && seals
          ? await seals.minutesStamp(
              tx,
              m.id,
              v.meeting.id,
              v.paragraphs.map((p) => p.id),
            )
          : null;
      return { v, stamp };
    });
    if (found.unchanged) return found.unchanged;
    const { v, stamp } = found;
    if (!v) throw new NotFoundError("page");
    const title = `Protokoll ${v.body.name} ${v.meeting.heldOn}`;
    return c.html(
      <Layout title={title} chrome={chrome(c)} current="/sammantraden">
        <Breadcrumbs
          trail={[
            { href: "/sammantraden", label: "Sammanträden" },
            { href: `/sammantraden/${v.meeting.id}`, label: `${v.body.name} ${v.meeting.heldOn}` },
            { label: "Protokoll" },
          ]}
        />
        <h1>{title}</h1>
        <dl class="facts">
          <dt>Tid</dt>
          <dd>{`${v.meeting.heldOn} kl. ${v.meeting.startsAt}`}</dd>
          <dt>Plats</dt>
          <dd>{v.meeting.place}</dd>
          <dt>Paragrafer</dt>
          <dd>
            {v.paragraphs.length === 0
              ? "–"
              : `§ ${v.paragraphs[0]!.number}${v.paragraphs.length > 1 ? `–${v.paragraphs.at(-1)!.number}` : ""}`}
          </dd>
        </dl>
        {stamp}
        <Downloads label="Ladda ner protokollet" base={`/sammantraden/${v.meeting.id}/protokoll`} />
        <AttendanceSection v={v} />
        {v.paragraphs.map((p) => (
          <ParagraphSection p={p} level={2} />
        ))}
        {v.paragraphs.some((p) => p.attachments.length > 0) || v.otherAttachments.length > 0 ? (
          <section aria-labelledby="bilagor">
            <h2 id="bilagor">Bilagor</h2>
            {v.paragraphs.flatMap((p) => p.attachments.map((a) => <AttachmentSection a={a} level={3} />))}
            {v.otherAttachments.map((a) => (
              <section class="attachment">
                <h3>{`Bilaga ${a.number}`}</h3>
                <p>{a.title}</p>
              </section>
            ))}
          </section>
        ) : null}
      </Layout>,
    );
  });

  app.get("/protokoll/:slug/:year{[0-9]{4}}/:number{[0-9]+}", async (c) => {
    const m = requireMunicipality(c);
    if (c.req.param("number").length > 6) throw new NotFoundError("page");
    const ref = {
      bodySlug: c.req.param("slug"),
      year: Number(c.req.param("year")),
      number: Number(c.req.param("number")),
    };
    const actor = c.get("actor");
    const found = await read(c, async (tx) => {
      const sealed = seals ? await approvedEtag(c, () => seals.paragraphEtag(tx, m.id, ref)) : null;
      const p = await paragraphViewByNumber(tx, m.id, ref, secretAccess(actor));
      if (!p) return { p };
      const stamp = seals ? await seals.paragraphStamp(tx, m.id, p.id, actor) : null;
      const dispatch = await readParagraphDispatch(tx, m.id, { id: p.id, bodyId: p.body.id }, actor);
      // The signed text never changes, but the dispatch's progress is shown beside it: the tag names both.
      const progress = dispatch.deliveries.map((d) => d.status[0]).join("");
      const unchanged = notModified(c, sealed ? `${sealed}-d${progress}` : null);
      return { unchanged, p, stamp, dispatch };
    });
    if (found.unchanged) return found.unchanged;
    const { p, stamp, dispatch } = found;
    if (!p || !dispatch) throw new NotFoundError("page");
    const title = `${p.body.name} ${p.meeting.heldOn} § ${p.number}`;
    return c.html(
      <Layout title={title} chrome={chrome(c)} current="/sammantraden">
        <Breadcrumbs
          trail={[
            { href: "/sammantraden", label: "Sammanträden" },
            { href: `/sammantraden/${p.meeting.id}`, label: `${p.body.name} ${p.meeting.heldOn}` },
            { label: `§ ${p.number}` },
          ]}
        />
        <p>{`Protokollsutdrag – ${p.body.name}, sammanträde ${p.meeting.heldOn}`}</p>
        <ParagraphSection p={p} level={1} />
        {p.attachments.map((a) => (
          <>
            <AttachmentSection a={a} level={2} />
            <Downloads
              label={`Ladda ner bilaga ${a.number}`}
              base={`/sammantraden/${p.meeting.id}/bilagor/${a.number}`}
            />
          </>
        ))}
        {stamp}
        <DispatchSection
          v={dispatch}
          level={2}
          action={can(actor, "meeting:write", p.body.id) ? dispatchPagePath(p.meeting.id, p.id) : undefined}
        />
        <Downloads label="Ladda ner utdraget" base={`${p.path}/utdrag`} />
        <p>
          <a href={`/sammantraden/${p.meeting.id}/protokoll`}>Hela protokollet</a>
        </p>
      </Layout>,
    );
  });
}
