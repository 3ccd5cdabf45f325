import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { formRoute } from "../http/form-route.js";
import { type Field, Form, type FormValues } from "../http/forms.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, type FormRender, read, requireActor, submitForm } from "../http/pages.js";
import { uuidParam } from "../meetings/guards.js";
import { appointApprovers } from "./appoint-approvers.js";
import { collectSignature } from "./collect-signature.js";
import { freezeMinutes } from "./freeze-minutes.js";
import { openCorrection } from "./open-correction.js";
import {
  type ApprovalDesk,
  approvalDesk,
  collectableSignatures,
  type VersionView,
  versionView,
} from "./read-approval.js";
import { findAppealTarget } from "./read-notice-board.js";
import { recordAppeal } from "./record-appeal.js";
import { refuseMinutes } from "./refuse-minutes.js";
import {
  AppointApproversInput,
  CollectSignatureInput,
  FreezeMinutesInput,
  RecordAppealInput,
  RefuseMinutesInput,
  SignMinutesInput,
} from "./schemas.js";
import { signMinutes } from "./sign-minutes.js";
import type { SigningProvider } from "./signing.js";

// The secretary's approval page (appoint approvers, freeze a version, approve a paragraph at once, open a correction)
// and a signer's page (sign or refuse with a comment). Plain forms that post and come back, as the secretary's
// other pages.

type C = Context<AppEnv>;
const _none: FormRender = { values: {}, errors: [] };

function arrangementFields(d: ApprovalDesk): Field[] {
  return [
    {
      name: "chairId",
      label: "Ordförande som signerar",
      type: "select",
      required: true,
      options: d.eligible,
    },
    {
      name: "approverIds",
      label: "Justerare",
      type: "checkboxes",
      options: d.eligible,
      hint: "Bland ledamöter och tjänstgörande ersättare som var med vid sammanträdet.",
    },
    {
      name: "approvalAt",
      label: "Tid för justeringen",
      required: true,
      hint: "ÅÅÅÅ-MM-DDTTT:MM, till exempel 2026-01-29T10:00.",
    },
    { name: "place", label: "Plats för justeringen", required: true },
    {
      name: "minutesKeptAt",
      label: "Var protokollet förvaras",
      required: true,
      hint: "Står i anslaget på anslagstavlan.",
    },
  ];
}

const freezeFields: Field[] = [
  {
    name: "reason",
    label: "Skäl till ny version",
    type: "textarea",
    hint: "Krävs för varje version efter den första: vad rättades och varför.",
  },
  {
    name: "lateReason",
    label: "Skäl till sen justering",
    type: "textarea",
    hint: "Krävs när justeringen sker senare än 14 dagar efter sammanträdet (KL 5 kap. 69 §).",
  },
];

function immediateFields(d: ApprovalDesk): Field[] {
  return [
    {
      name: "paragraphId",
      label: "Paragraf",
      type: "select",
      required: true,
      id: "f-immediate-paragraph",
      options: d.paragraphs
        .filter((p) => p.decided)
        .map((p) => ({ value: p.id, label: `§ ${p.number} ${p.title}` })),
    },
  ];
}

const correctionFields: Field[] = [
  {
    name: "reason",
    label: "Skäl till rättelsen",
    type: "textarea",
    required: true,
    id: "f-correction-reason",
  },
];

function arrangementValues(d: ApprovalDesk): FormValues {
  const a = d.arrangement;
  return a
    ? {
        chairId: a.chairId,
        approverIds: a.approvers.map((x) => x.personId).join("\n"),
        approvalAt: d.meeting.approvalAtText?.replace(" ", "T") ?? "",
        place: a.place,
        minutesKeptAt: a.minutesKeptAt,
      }
    : { approvalAt: d.meeting.approvalAtText?.replace(" ", "T") ?? "" };
}

function deskPage(
  c: C,
  d: ApprovalDesk,
  forms: Partial<Record<"arrangement" | "freeze" | "immediate" | "correction", FormRender>> = {},
) {
  const base = `/sammantraden/${d.meeting.id}/justering`;
  const csrf = c.get("csrfToken");
  return (
    <Layout title={`Justering – ${d.title}`} chrome={chrome(c)} current="/sammantraden">
      <Breadcrumbs
        trail={[
          { href: "/sammantraden", label: "Sammanträden" },
          { href: `/sammantraden/${d.meeting.id}`, label: d.title },
          { label: "Justering" },
        ]}
      />
      <h1>{`Justering – ${d.title}`}</h1>
      {d.warn ? (
        <div role="alert">
          <p>
            <strong>
              {d.overdue
                ? `Protokollet skulle ha justerats senast ${d.deadline} (KL 5 kap. 69 §). Justeringen kräver nu ett skäl till att den sker sent.`
                : `Protokollet ska justeras senast ${d.deadline}, 14 dagar efter sammanträdet (KL 5 kap. 69 §).`}
            </strong>
          </p>
        </div>
      ) : (
        <p>
          {d.approved
            ? "Protokollet är justerat."
            : `Protokollet ska justeras senast ${d.deadline} (KL 5 kap. 69 §).`}
        </p>
      )}
      <h2>Justerare, tid och plats</h2>
      {d.arrangement ? (
        <dl class="facts">
          <dt>Ordförande</dt>
          <dd>{d.arrangement.chair}</dd>
          <dt>Justerare</dt>
          <dd>{d.arrangement.approvers.map((a) => a.name).join(", ")}</dd>
          <dt>Tid</dt>
          <dd>{d.meeting.approvalAtText ?? "–"}</dd>
          <dt>Plats</dt>
          <dd>{d.arrangement.place}</dd>
          <dt>Protokollet förvaras</dt>
          <dd>{d.arrangement.minutesKeptAt}</dd>
        </dl>
      ) : (
        <p>Inga justerare är utsedda.</p>
      )}
      {d.mayKeepMinutes && !d.current && !d.approved ? (
        <Form
          action={`${base}/justerare`}
          fields={arrangementFields(d)}
          values={forms.arrangement?.values ?? arrangementValues(d)}
          errors={forms.arrangement?.errors}
          csrfToken={csrf}
          submitLabel="Spara justerare, tid och plats"
        />
      ) : null}
      <h2>Versioner</h2>
      {d.versions.length === 0 ? (
        <p>Protokollet är inte fryst för justering ännu.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Omfattning</th>
              <th scope="col">Läge</th>
              <th scope="col">Skäl</th>
              <th scope="col">Signaturer</th>
            </tr>
          </thead>
          <tbody>
            {d.versions.map((v) => (
              <tr>
                <th scope="row">
                  <a href={`/justering/${v.id}`}>{`Version ${v.number}`}</a>
                </th>
                <td>{v.scope}</td>
                <td>
                  {v.changedSince
                    ? `${v.statusLabel} (protokollet har ändrats sedan versionen frystes)`
                    : v.statusLabel}
                </td>
                <td>
                  {[v.reason, v.lateReason ? `Sen justering: ${v.lateReason}` : null]
                    .filter(Boolean)
                    .join(" ") || "–"}
                </td>
                <td>
                  <ul>
                    {v.signatures.map((s) => (
                      <li>{`${s.roleLabel} ${s.name}: ${s.statusLabel}${s.comment ? ` – ”${s.comment}”` : ""}`}</li>
                    ))}
                    {v.missing.map((s) => (
                      <li>{`${s.roleLabel} ${s.name}: har inte signerat`}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d.mayKeepMinutes && d.arrangement && d.meeting.status === "closed" && !d.approved ? (
        <>
          <h2>Frys protokollet för justering</h2>
          <p>{`Protokollets kontrollsumma just nu: ${d.liveHash}`}</p>
          <Form
            action={`${base}/versioner`}
            fields={freezeFields}
            values={forms.freeze?.values}
            errors={forms.freeze?.errors}
            csrfToken={csrf}
            submitLabel="Frys en version för signering"
          />
        </>
      ) : null}
      {d.mayKeepMinutes && d.arrangement && d.paragraphs.some((p) => p.decided) && !d.approved ? (
        <>
          <h2>Omedelbar justering</h2>
          <p>En paragraf kan justeras omedelbart vid sammanträdet (KL 5 kap. 70 §).</p>
          <Form
            action={`${base}/omedelbar`}
            fields={immediateFields(d)}
            values={forms.immediate?.values}
            errors={forms.immediate?.errors}
            csrfToken={csrf}
            submitLabel="Frys paragrafen för omedelbar justering"
          />
        </>
      ) : null}
      {d.mayKeepMinutes && d.approved ? (
        <>
          <h2>Rättelse</h2>
          <p>
            Ett justerat protokoll ändras inte. En rättelse blir en ny version med skälet till rättelsen, som
            justeras på nytt.
          </p>
          <Form
            action={`${base}/rattelse`}
            fields={correctionFields}
            values={forms.correction?.values}
            errors={forms.correction?.errors}
            csrfToken={csrf}
            submitLabel="Öppna protokollet för rättelse"
            submitClass="danger"
          />
        </>
      ) : null}
    </Layout>
  );
}

const refuseFields: Field[] = [
  { name: "comment", label: "Vad behöver rättas?", type: "textarea", required: true },
];

function versionPage(
  c: C,
  { v, collectable }: { v: VersionView; collectable: Set<string> },
  forms: { sign?: FormRender; refuse?: FormRender; collect?: FormRender & { signatureId: string } } = {},
) {
  const csrf = c.get("csrfToken");
  const signing = v.status === "signing";
  return (
    <Layout title={`Justering – ${v.title}, version ${v.number}`} chrome={chrome(c)} current="/sammantraden">
      <Breadcrumbs
        trail={[
          { href: "/sammantraden", label: "Sammanträden" },
          { href: `/sammantraden/${v.meeting.id}`, label: v.title },
          { href: `/sammantraden/${v.meeting.id}/justering`, label: "Justering" },
          { label: `Version ${v.number}` },
        ]}
      />
      <h1>{`Justering – ${v.title}, version ${v.number}`}</h1>
      <dl class="facts">
        <dt>Läge</dt>
        <dd>{v.statusLabel}</dd>
        <dt>Fryst</dt>
        <dd>{v.createdText}</dd>
        <dt>Kontrollsumma (SHA-256)</dt>
        <dd>
          <code>{v.hash}</code>
        </dd>
        {v.reason ? (
          <>
            <dt>Skäl till versionen</dt>
            <dd>{v.reason}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/sammantraden/${v.meeting.id}/protokoll`}>Läs protokollet</a>
        {" · "}
        <a href={`/api/minutes-versions/${v.id}`}>Versionens innehåll (det som signeras)</a>
      </p>
      <h2>Signaturer</h2>
      <ul>
        {v.signatures.map((s) =>
          s.status === "pending" ? (
            <li>
              {`${s.roleLabel} ${s.name}: Väntar på signering hos ${s.method}, startad ${s.startedText}`}
              {collectable.has(s.id) ? (
                <Form
                  action={`/justering/${v.id}/signaturer/${s.id}/hamta`}
                  fields={[]}
                  errors={forms.collect?.signatureId === s.id ? forms.collect.errors : undefined}
                  csrfToken={csrf}
                  submitLabel="Hämta status"
                />
              ) : null}
            </li>
          ) : (
            <li>{`${s.roleLabel} ${s.name}: ${s.statusLabel} ${s.atText} (${s.method})${s.comment ? ` – ”${s.comment}”` : ""}`}</li>
          ),
        )}
        {v.missing.map((s) => (
          <li>{`${s.roleLabel} ${s.name}: har inte signerat`}</li>
        ))}
      </ul>
      {signing ? (
        <>
          <h2>Signera</h2>
          <p>
            Du signerar den version vars kontrollsumma står ovan. Har protokollet ändrats sedan du läste det,
            vägras signaturen.
          </p>
          <Form
            action={`/justering/${v.id}/signera`}
            fields={[]}
            errors={forms.sign?.errors}
            csrfToken={csrf}
            submitLabel="Signera protokollet"
          >
            <input type="hidden" name="hash" value={v.hash} />
          </Form>
          <h2>Vägra att signera</h2>
          <Form
            action={`/justering/${v.id}/vagra`}
            fields={refuseFields}
            values={forms.refuse?.values}
            errors={forms.refuse?.errors}
            csrfToken={csrf}
            submitLabel="Vägra och skicka tillbaka till sekreteraren"
            submitClass="danger"
          >
            <input type="hidden" name="hash" value={v.hash} />
          </Form>
        </>
      ) : null}
    </Layout>
  );
}

async function loadDesk(c: C) {
  const actor = requireActor(c);
  const d = await read(c, (tx) => approvalDesk(tx, actor, uuidParam(c, "id")));
  if (!d) throw new NotFoundError("page");
  return d;
}

async function loadVersion(c: C) {
  const actor = requireActor(c);
  const id = uuidParam(c, "id");
  const loaded = await read(c, async (tx) => ({
    v: await versionView(tx, actor.municipalityId, id),
    collectable: await collectableSignatures(tx, actor, id),
  }));
  if (!loaded.v) throw new NotFoundError("page");
  return { v: loaded.v, collectable: loaded.collectable };
}

const deskBack = (d: ApprovalDesk) => `/sammantraden/${d.meeting.id}/justering`;

/**
 * The approval pages: the secretary's, a version's signing page (signatures go through `signing`, and a pending one
 * can be collected now), and the registrar's appeal form.
 */
export function registerApprovalPages(app: OpenAPIHono<AppEnv>, signing: SigningProvider) {
  const desk = "/sammantraden/:id{[0-9a-f-]{36}}/justering";
  app.get(desk, async (c) => c.html(deskPage(c, await loadDesk(c))));
  app.post(`${desk}/justerare`, async (c) => {
    const d = await loadDesk(c);
    const fields = arrangementFields(d);
    return submitForm(c, {
      fields,
      input: (form) => ({
        chairId: form.chairId || undefined,
        approverIds: ([] as unknown[]).concat(form.approverIds ?? []).filter((x) => x !== ""),
        approvalAt: form.approvalAt || undefined,
        place: form.place,
        minutesKeptAt: form.minutesKeptAt,
      }),
      schema: AppointApproversInput,
      run: (tx, actor, input) => appointApprovers(tx, actor, d.meeting.id, input),
      render: (state) => deskPage(c, d, { arrangement: state }),
      redirect: () => deskBack(d),
    });
  });
  app.post(`${desk}/versioner`, async (c) => {
    const d = await loadDesk(c);
    return submitForm(c, {
      fields: freezeFields,
      schema: FreezeMinutesInput,
      run: (tx, actor, input) => freezeMinutes(tx, actor, d.meeting.id, { ...input, paragraphId: null }),
      render: (state) => deskPage(c, d, { freeze: state }),
      redirect: (v) => `/justering/${v.id}`,
    });
  });
  app.post(`${desk}/omedelbar`, async (c) => {
    const d = await loadDesk(c);
    return submitForm(c, {
      fields: immediateFields(d),
      schema: FreezeMinutesInput,
      run: (tx, actor, input) => freezeMinutes(tx, actor, d.meeting.id, input),
      render: (state) => deskPage(c, d, { immediate: state }),
      redirect: (v) => `/justering/${v.id}`,
    });
  });
  app.post(`${desk}/rattelse`, async (c) => {
    const d = await loadDesk(c);
    return submitForm(c, {
      fields: correctionFields,
      schema: z.object({
        reason: z
          .string({ error: "Ange skälet till rättelsen." })
          .trim()
          .min(1, "Ange skälet till rättelsen.")
          .max(2000),
      }),
      run: (tx, actor, input) => openCorrection(tx, actor, d.meeting.id, input),
      render: (state) => deskPage(c, d, { correction: state }),
      redirect: () => deskBack(d),
    });
  });

  const version = "/justering/:id{[0-9a-f-]{36}}";
  app.get(version, async (c) => c.html(versionPage(c, await loadVersion(c))));
  app.post(`${version}/signera`, async (c) => {
    const loaded = await loadVersion(c);
    const { v } = loaded;
    return submitForm(c, {
      input: (form) => ({ hash: form.hash }),
      schema: SignMinutesInput,
      run: (tx, actor, input) => signMinutes(tx, actor, v.id, input, signing),
      render: (state) => versionPage(c, loaded, { sign: state }),
      redirect: () => `/justering/${v.id}`,
    });
  });
  app.post(`${version}/vagra`, async (c) => {
    const loaded = await loadVersion(c);
    const { v } = loaded;
    return submitForm(c, {
      fields: refuseFields,
      input: (form) => ({ hash: form.hash, comment: form.comment }),
      schema: RefuseMinutesInput,
      run: (tx, actor, input) => refuseMinutes(tx, actor, v.id, input),
      render: (state) => versionPage(c, loaded, { refuse: state }),
      redirect: () => `/justering/${v.id}`,
    });
  });
  app.post(`${version}/signaturer/:signature{[0-9a-f-]{36}}/hamta`, async (c) => {
    const loaded = await loadVersion(c);
    const { v } = loaded;
    const signatureId = uuidParam(c, "signature");
    return submitForm(c, {
      input: () => ({}),
      schema: CollectSignatureInput,
      run: async (tx, actor) => {
        const collected = await collectSignature(tx, actor, signatureId, signing);
        if (collected.signature.versionId !== v.id) throw new NotFoundError("page");
        return collected;
      },
      render: (state) => versionPage(c, loaded, { collect: { ...state, signatureId } }),
      redirect: () => `/justering/${v.id}`,
    });
  });

  formRoute(app, "/paragrafer/:id{[0-9a-f-]{36}}/overklagande", {
    load: async (c) => {
      const actor = requireActor(c);
      const target = await read(c, (tx) => findAppealTarget(tx, actor.municipalityId, uuidParam(c, "id")));
      if (!target) throw new NotFoundError("page");
      return target;
    },
    title: (t) => `Registrera överklagande – ${t.label}`,
    trail: (t) => [{ href: t.path, label: t.label }, { label: "Överklagande" }],
    fields: () => [
      { name: "court", label: "Domstol", required: true, hint: "Till exempel Förvaltningsrätten i Malmö." },
      { name: "receivedOn", label: "Inkom till domstolen", type: "date", required: true },
      { name: "caseNumber", label: "Målnummer", required: true },
    ],
    schema: RecordAppealInput,
    run: (tx, actor, input, t) => recordAppeal(tx, actor, t.paragraphId, input),
    redirect: (_r, t) => t.path,
    submitLabel: "Registrera överklagandet",
    intro:
      "Ett överklagande som kommit in (laglighetsprövning, KL 13 kap.): beslutet visas då som överklagat i stället för att vinna laga kraft.",
  });
}
