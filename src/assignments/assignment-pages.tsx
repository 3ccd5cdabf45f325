import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Actor } from "../accounts/actor.js";
import { can } from "../accounts/policy.js";
import type { Tx } from "../db/connect.js";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import { Form } from "../http/forms.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import {
  chrome,
  type FormRender,
  read,
  requireActor,
  requireMunicipality,
  submitForm,
} from "../http/pages.js";
import { closeAssignment } from "./close-assignment.js";
import { giveAssignmentInCase } from "./give-assignment.js";
import {
  bodyOptions,
  type C,
  CloseForm,
  closeFields,
  decisionFrom,
  decisionLink,
  NewAssignmentForm,
  newFields,
  statusText,
} from "./page-parts.js";
import { assignmentPath, bodyAssignmentsPath } from "./present.js";
import { assignmentReader, readAssignment } from "./read-assignments.js";

/** One assignment: the form that gives it, its page, and the form on it that closes it. */
export function registerAssignmentPagesOfOne(app: OpenAPIHono<AppEnv>) {
  formRoute(app, "/uppdrag/ny", {
    load: bodyOptions,
    title: () => "Nytt uppdrag",
    trail: () => [{ href: "/uppdrag", label: "Uppdrag" }, { label: "Nytt uppdrag" }],
    fields: (bodies) => newFields(bodies),
    schema: NewAssignmentForm,
    run: (tx: Tx, actor: Actor, f) =>
      giveAssignmentInCase(tx, actor, f.caseNumber, {
        givenBy: decisionFrom("givenBy", f),
        bodyId: f.bodyId,
        text: f.text,
        deadline: f.deadline ?? null,
      }),
    redirect: (a) => assignmentPath(a.id),
    submitLabel: "Spara uppdraget",
  });

  const loadDetail = async (c: C) => {
    const m = requireMunicipality(c);
    const reader = assignmentReader(c.get("actor"));
    const a = await read(c, (tx) => readAssignment(tx, m.id, c.req.param("id") ?? "", reader));
    const editable = a.status === "open" && can(c.get("actor"), "assignment:write");
    return { a, editable, bodies: editable ? await bodyOptions(c) : [] };
  };
  const detailView = (c: C, d: Awaited<ReturnType<typeof loadDetail>>, state: FormRender) => {
    const { a, editable, bodies } = d;
    return (
      <Layout title="Uppdrag" chrome={chrome(c)} current="/uppdrag">
        <Breadcrumbs
          trail={[
            { href: "/uppdrag", label: "Uppdrag" },
            { href: bodyAssignmentsPath(a.bodySlug), label: a.bodyName },
            { label: a.givenBy.code },
          ]}
        />
        <h1>{`Uppdrag till ${a.bodyName}`}</h1>
        <p>{a.text}</p>
        <dl class="facts">
          <dt>Givet genom</dt>
          <dd>
            {decisionLink(a.givenBy)}
            {` (${a.givenBy.bodyName} ${a.givenBy.decidedOn})`}
          </dd>
          <dt>Ärende</dt>
          <dd>{`${a.caseNumber} ${a.caseTitle}`}</dd>
          <dt>Sista dag</dt>
          <dd>{a.deadline ?? "Ingen angiven"}</dd>
          <dt>Status</dt>
          <dd>{statusText(a)}</dd>
          {a.closedBy ? (
            <>
              <dt>Avslutat genom</dt>
              <dd>
                {decisionLink(a.closedBy)}
                {` (${a.closedBy.bodyName} ${a.closedBy.decidedOn})`}
              </dd>
            </>
          ) : null}
        </dl>
        {editable ? (
          <section>
            <h2>Avsluta uppdraget</h2>
            <Form
              action={`${assignmentPath(a.id)}/avsluta`}
              fields={closeFields(bodies)}
              values={state.values}
              errors={state.errors}
              csrfToken={c.get("csrfToken")}
              submitLabel="Avsluta uppdraget"
            />
          </section>
        ) : null}
      </Layout>
    );
  };
  app.get("/uppdrag/:id", async (c) =>
    c.html(detailView(c, await loadDetail(c), { values: {}, errors: [] })),
  );
  app.post("/uppdrag/:id/avsluta", async (c) => {
    requireActor(c);
    const d = await loadDetail(c);
    const bodies = d.bodies.length ? d.bodies : await bodyOptions(c);
    return submitForm(c, {
      fields: closeFields(bodies),
      schema: CloseForm,
      run: (tx, actor, f) =>
        closeAssignment(tx, actor, d.a.id, { outcome: f.outcome, closedBy: decisionFrom("closedBy", f) }),
      render: (state) => detailView(c, { ...d, editable: true, bodies }, state),
      redirect: () => assignmentPath(d.a.id),
    });
  });
}
