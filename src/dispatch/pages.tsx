import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { authorize } from "../accounts/policy.js";
import { todayInStockholm } from "../domain/clock.js";
import { NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { ErrorSummary, Form } from "../http/forms.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, type FormRender, read, requireActor, submitForm } from "../http/pages.js";
import { paragraphView } from "../meetings/read-minutes.js";
import { dispatchParagraph } from "./dispatch-paragraph.js";
import { readParagraphDispatch } from "./read-dispatch.js";
import { resendDelivery } from "./resend-delivery.js";
import { DispatchInput } from "./schemas.js";
import { DeliveryTable, dispatchPagePath } from "./section.js";

// The secretary's dispatch page of one paragraph: dispatch the decision, follow each recipient's delivery, and
// resend one that failed or bounced.

type C = Context<AppEnv>;

const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const pageRoute = `/sammantraden/:id{${uuid}}/sekreterare/paragrafer/:pid{${uuid}}/expediering`;

const readinessText = {
  not_approved: "Beslutet kan expedieras när protokollet är justerat eller paragrafen omedelbart justerad.",
  no_decision: "Paragrafen har inget protokollfört beslut ännu.",
} as const;

async function load(c: C) {
  const actor = requireActor(c);
  const meetingId = c.req.param("id")!;
  const paragraphId = c.req.param("pid")!;
  return read(c, async (tx) => {
    const view = await paragraphView(tx, actor.municipalityId, paragraphId);
    if (!view || view.meeting.id !== meetingId) throw new NotFoundError("page");
    authorize(actor, "meeting:write", view.body.id);
    const dispatch = await readParagraphDispatch(
      tx,
      actor.municipalityId,
      { id: view.id, bodyId: view.body.id },
      actor,
    );
    return { view, dispatch };
  });
}

type Loaded = Awaited<ReturnType<typeof load>>;

function page(c: C, { view, dispatch }: Loaded, state: FormRender) {
  const path = dispatchPagePath(view.meeting.id, view.id);
  const title = `Expediering av ${view.code}`;
  const csrf = c.get("csrfToken");
  return (
    <Layout title={title} chrome={chrome(c)} current="/sammantraden">
      <Breadcrumbs
        trail={[
          { href: "/sammantraden", label: "Sammanträden" },
          {
            href: `/sammantraden/${view.meeting.id}/sekreterare`,
            label: `Sekreterare ${view.body.name} ${view.meeting.heldOn}`,
          },
          {
            href: `/sammantraden/${view.meeting.id}/sekreterare/paragrafer/${view.id}`,
            label: `§ ${view.number}`,
          },
          { label: "Expediering" },
        ]}
      />
      <h1>{title}</h1>
      <p>{`§ ${view.number} ${view.title} (${view.caseNumber})`}</p>
      <ErrorSummary errors={state.errors} heading="Det gick inte att expediera" />
      {dispatch.deliveries.length > 0 ? (
        <>
          <p>{`Expedierat ${dispatch.dispatchedOn} till ${dispatch.deliveries.length} mottagare.`}</p>
          <DeliveryTable
            v={dispatch}
            caption="Utskick per mottagare"
            csrf={csrf}
            resendPath={(id) => `${path}/${id}/skicka-om`}
          />
        </>
      ) : (
        <>
          <h2>Beslutet skickas till</h2>
          {view.recipients.length > 0 ? (
            <ul>
              {view.recipients.map((r) => (
                <li>{r}</li>
              ))}
            </ul>
          ) : (
            <p>Paragrafen har inga mottagare ännu.</p>
          )}
          {dispatch.readiness && !dispatch.readiness.ready ? (
            <p>{readinessText[dispatch.readiness.reason]}</p>
          ) : (
            <Form
              action={path}
              csrfToken={csrf}
              values={state.values}
              errors={[]}
              fields={[
                {
                  name: "dispatchedOn",
                  label: "Expedieringsdag",
                  type: "date",
                  hint: "De utgående handlingarnas datum. Mottagare med e-postadress får utdraget med e-post, övriga internt.",
                },
              ]}
              submitLabel="Expediera beslutet"
            />
          )}
        </>
      )}
    </Layout>
  );
}

/** The dispatch page of a paragraph and its two forms. */
export function registerDispatchPages(app: OpenAPIHono<AppEnv>) {
  app.get(pageRoute, async (c) => {
    const loaded = await load(c);
    return c.html(page(c, loaded, { values: { dispatchedOn: todayInStockholm() }, errors: [] }));
  });
  app.post(pageRoute, async (c) => {
    const loaded = await load(c);
    return submitForm(c, {
      input: (form) => ({
        dispatchedOn:
          typeof form.dispatchedOn === "string" && form.dispatchedOn ? form.dispatchedOn : undefined,
      }),
      schema: DispatchInput,
      run: (tx, actor, input) => dispatchParagraph(tx, actor, loaded.view.id, input),
      render: (state) => page(c, loaded, state),
      redirect: () => dispatchPagePath(loaded.view.meeting.id, loaded.view.id),
    });
  });
  app.post(`${pageRoute}/:did{${uuid}}/skicka-om`, async (c) => {
    const loaded = await load(c);
    // Only a delivery of the paragraph in the address.
    if (!loaded.dispatch.deliveries.some((d) => d.id === c.req.param("did"))) throw new NotFoundError("page");
    return submitForm(c, {
      input: () => ({ deliveryId: c.req.param("did") }),
      schema: z.object({ deliveryId: z.uuid() }),
      run: (tx, actor, input) => resendDelivery(tx, actor, input.deliveryId),
      render: (state) => page(c, loaded, state),
      redirect: () => dispatchPagePath(loaded.view.meeting.id, loaded.view.id),
    });
  });
}
