import type { OpenAPIHono } from "@hono/zod-openapi";
import type { FC } from "hono/jsx";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import { Form } from "../http/forms.js";
import { read, requireMunicipality } from "../http/pages.js";
import { closeMeeting } from "./close-meeting.js";
import { openMeeting } from "./open-meeting.js";
import { planMeeting } from "./plan-meeting.js";
import { publishNotice } from "./publish-notice.js";
import { readPlanningBodies, type SecretaryDesk, type SecretaryMeeting } from "./read-secretary-desk.js";
import { PlanMeetingInput } from "./schemas.js";
import type { DeskForms } from "./secretary-actions.js";
import { deskPath } from "./secretary-present.js";
import { MomentForm, PublishNoticeForm } from "./secretary-schemas.js";

// The meeting itself: planning it, publishing its notice, opening and closing it.

/** The page that plans a meeting, and then leads to its desk. */
export function registerPlanningPage(app: OpenAPIHono<AppEnv>) {
  formRoute(app, "/sammantraden/ny", {
    load: (c) => read(c, (tx) => readPlanningBodies(tx, requireMunicipality(c).id)),
    title: () => "Planera ett sammanträde",
    trail: () => [{ href: "/sammantraden", label: "Sammanträden" }, { label: "Planera" }],
    fields: (bodies) => [
      {
        name: "bodyId",
        label: "Organ",
        type: "select",
        required: true,
        options: bodies.map((b) => ({ value: b.id, label: b.name })),
      },
      { name: "heldOn", label: "Datum", type: "date", required: true },
      { name: "startsAt", label: "Starttid", required: true, hint: "TT:MM, till exempel 17:00." },
      { name: "place", label: "Plats", required: true },
    ],
    schema: PlanMeetingInput,
    run: (tx, actor, input) => planMeeting(tx, actor, input),
    redirect: (planned) => deskPath(planned.id),
    submitLabel: "Planera sammanträdet",
    current: "/sammantraden",
  });
}

/** The state of the meeting, and what can be done with it next. */
export const MeetingSection: FC<{ desk: SecretaryDesk; csrf: string }> = ({ desk, csrf }) => (
  <>
    <h2>Sammanträdet</h2>
    <p>{desk.statusText}</p>
    {desk.status === "planned" || desk.status === "notice_published" ? (
      <>
        <Form
          action={`${desk.path}/kallelse`}
          csrfToken={csrf}
          fields={[{ name: "publishedOn", label: "Kallelsen anslås", type: "date" }]}
          submitLabel="Publicera kallelsen"
        />
        <Form action={`${desk.path}/oppna`} csrfToken={csrf} fields={[]} submitLabel="Öppna sammanträdet" />
      </>
    ) : null}
    {desk.status === "opened" ? (
      <Form
        action={`${desk.path}/avsluta`}
        csrfToken={csrf}
        fields={[]}
        submitLabel="Avsluta sammanträdet"
        submitClass="danger"
      />
    ) : null}
  </>
);

export function registerMeetingForms(desk: DeskForms<SecretaryMeeting>) {
  const back = (_: unknown, m: SecretaryMeeting) => deskPath(m.id);
  desk.post("/kallelse", {
    schema: PublishNoticeForm,
    run: (tx, actor, input, m) => publishNotice(tx, actor, m.id, input),
    back,
  });
  desk.post("/oppna", {
    schema: MomentForm,
    run: (tx, actor, input, m) => openMeeting(tx, actor, m.id, input),
    back,
  });
  desk.post("/avsluta", {
    schema: MomentForm,
    run: (tx, actor, input, m) => closeMeeting(tx, actor, m.id, input),
    back,
  });
}
