import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../http/context.js";
import { ErrorSummary } from "../http/forms.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireActor } from "../http/pages.js";
import type { FieldError } from "../http/validation.js";
import { uuidParam } from "./guards.js";
import { readSecretaryDesk, secretaryItem, secretaryMeeting } from "./read-secretary-desk.js";
import { type C, deskForms, deskRoute } from "./secretary-actions.js";
import { AttendanceSection, registerAttendanceForms } from "./secretary-attendance.js";
import { ItemsSection, registerAgendaForms, registerItemForms } from "./secretary-items.js";
import { MeetingSection, registerMeetingForms, registerPlanningPage } from "./secretary-meeting.js";
import { registerParagraphPages, voteScript } from "./secretary-paragraph.js";

// The secretary's pages during a meeting: plain forms that post and come back to the same page, so they work
// without JavaScript; each form is one use case, in one transaction, and a refusal is shown at the top of the page.

/** The desk of a meeting: its state, attendance and agenda, with the forms for each. */
async function deskPage(c: C, meetingId: string, errors: FieldError[]) {
  const actor = requireActor(c);
  const desk = await read(c, (tx) => readSecretaryDesk(tx, actor, meetingId));
  const v = desk.view;
  const csrf = c.get("csrfToken");
  return (
    <Layout title={desk.title} chrome={chrome(c)} current="/sammantraden">
      <Breadcrumbs
        trail={[
          { href: "/sammantraden", label: "Sammanträden" },
          { href: `/sammantraden/${v.meeting.id}`, label: `${v.body.name} ${v.meeting.heldOn}` },
          { label: "Sekreterare" },
        ]}
      />
      <h1>{desk.title}</h1>
      <ErrorSummary errors={errors} heading="Det gick inte att spara" />
      {desk.gaps.length > 0 ? (
        <div role="status">
          <h2>Protokollet saknar</h2>
          <ul>
            {desk.gaps.map((g) => (
              <li>{g}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <MeetingSection desk={desk} csrf={csrf} />
      <AttendanceSection desk={desk} csrf={csrf} />
      <ItemsSection desk={desk} csrf={csrf} />
    </Layout>
  );
}

/** The secretary's pages for planning a meeting, keeping attendance and the proceedings of each paragraph. */
export function registerSecretaryPages(app: OpenAPIHono<AppEnv>) {
  app.get("/static/meetings.js", (c) =>
    c.body(voteScript, 200, {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
    }),
  );
  registerPlanningPage(app);

  app.get(deskRoute, async (c) => c.html(deskPage(c, uuidParam(c, "id"), [])));
  const desk = deskForms(
    app,
    deskRoute,
    (tx, actor, c) => secretaryMeeting(tx, actor, uuidParam(c, "id")),
    (c, m, errors) => deskPage(c, m.id, errors),
  );
  registerMeetingForms(desk);
  registerAttendanceForms(desk);
  registerAgendaForms(desk);
  registerItemForms(
    deskForms(
      app,
      `${deskRoute}/arenden/:itemId{[0-9a-f-]{36}}`,
      (tx, actor, c) => secretaryItem(tx, actor, uuidParam(c, "id"), uuidParam(c, "itemId")),
      (c, at, errors) => deskPage(c, at.meeting.id, errors),
    ),
  );
  registerParagraphPages(app);
}
