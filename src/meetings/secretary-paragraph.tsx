import type { OpenAPIHono } from "@hono/zod-openapi";
import { dispatchPagePath } from "../dispatch/section.js";
import type { AppEnv } from "../http/context.js";
import { ErrorSummary } from "../http/forms.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireActor } from "../http/pages.js";
import type { FieldError } from "../http/validation.js";
import { uuidParam } from "./guards.js";
import {
  readSecretaryParagraph,
  type SecretaryTarget,
  secretaryParagraph,
  secretaryWritten,
} from "./read-secretary-desk.js";
import { ParagraphSection, SecretTextNote } from "./render.js";
import { type C, deskForms, deskRoute } from "./secretary-actions.js";
import {
  DecisionSection,
  ElectionSection,
  MotionSection,
  QuestionSection,
  registerProceedingForms,
  VoteSection,
} from "./secretary-proceedings.js";
import {
  RecipientsSection,
  ReservationSection,
  registerStatementForms,
  registerWrittenForms,
  StatementSection,
  WrittenSection,
} from "./secretary-statements.js";

export { voteScript } from "./secretary-proceedings.js";

// One paragraph's page of the desk: the paragraph as the minutes will show it, and the forms that record its
// proceedings in the order they happen: motions, votes and elections, the chair's questions, the decision,
// reservations, statements and their written texts, and where the decision is sent.

const paragraphRoute = `${deskRoute}/paragrafer/:pid{[0-9a-f-]{36}}`;

async function paragraphPage(c: C, meetingId: string, paragraphId: string, errors: FieldError[]) {
  const actor = requireActor(c);
  const desk = await read(c, (tx) => readSecretaryParagraph(tx, actor, meetingId, paragraphId));
  const { view } = desk;
  const csrf = c.get("csrfToken");
  return (
    <Layout title={desk.title} chrome={chrome(c)} current="/sammantraden">
      <Breadcrumbs
        trail={[
          { href: "/sammantraden", label: "Sammanträden" },
          { href: desk.meetingPath, label: `Sekreterare ${view.body.name} ${view.meeting.heldOn}` },
          { label: `§ ${view.number}` },
        ]}
      />
      <ErrorSummary errors={errors} heading="Det gick inte att spara" />
      {view.secretCase ? <SecretTextNote /> : null}
      <ParagraphSection p={view} level={1} />
      <p>{`Tjänstgör i ärendet: ${desk.serving.length} med namn${desk.unnamed > 0 ? ` och ${desk.unnamed} enligt upprop` : ""}.`}</p>
      <MotionSection desk={desk} csrf={csrf} />
      <VoteSection desk={desk} csrf={csrf} />
      <ElectionSection desk={desk} csrf={csrf} />
      <QuestionSection desk={desk} csrf={csrf} />
      <DecisionSection desk={desk} csrf={csrf} />
      <ReservationSection desk={desk} csrf={csrf} />
      <StatementSection desk={desk} csrf={csrf} />
      <WrittenSection desk={desk} csrf={csrf} />
      <RecipientsSection desk={desk} csrf={csrf} />
      <h2 id="expediering">Expediering</h2>
      <p>
        <a href={dispatchPagePath(meetingId, paragraphId)}>Expediera beslutet och följ utskicken</a>
      </p>
    </Layout>
  );
}

/** The page of one paragraph and its forms; the paragraph must have been given at the meeting in the address. */
export function registerParagraphPages(app: OpenAPIHono<AppEnv>) {
  app.get(paragraphRoute, async (c) => c.html(paragraphPage(c, uuidParam(c, "id"), uuidParam(c, "pid"), [])));
  const render = (c: C, at: SecretaryTarget, errors: FieldError[]) =>
    paragraphPage(c, at.meeting.id, at.paragraph.id, errors);
  const paragraph = deskForms(
    app,
    paragraphRoute,
    (tx, actor, c) => secretaryParagraph(tx, actor, uuidParam(c, "id"), uuidParam(c, "pid")),
    render,
  );
  registerProceedingForms(paragraph);
  registerStatementForms(paragraph);
  for (const [segment, kind] of [
    ["yttrande", "statement"],
    ["reservation", "reservation"],
  ] as const)
    registerWrittenForms(
      deskForms(
        app,
        `${paragraphRoute}/${segment}/:wid{[0-9a-f-]{36}}`,
        (tx, actor, c) =>
          secretaryWritten(tx, actor, {
            meetingId: uuidParam(c, "id"),
            paragraphId: uuidParam(c, "pid"),
            kind,
            id: uuidParam(c, "wid"),
          }),
        render,
      ),
    );
}
