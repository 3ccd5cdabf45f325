import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyOptions, decisionFrom } from "../assignments/page-parts.js";
import { inTransaction } from "../db/transaction.js";
import { todayInStockholm } from "../domain/clock.js";
import { DomainError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { describeError } from "../http/errors.js";
import { formRoute } from "../http/form-route.js";
import { Csrf, type Field, FieldInput } from "../http/forms.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireActor, requireMunicipality } from "../http/pages.js";
import { secretAccess } from "../register/access.js";
import { registerCalendarPage } from "./calendar-page.js";
import { periodWords, statusWords } from "./columns.js";
import { registerDashboardPages } from "./dashboard-pages.js";
import { decideCallOff } from "./decide-call-off.js";
import { decisionFields, isoDate, kronor, paragraphNumber } from "./form-parts.js";
import { readFile } from "./import-file.js";
import {
  type ImportSource,
  importAllOrNothing,
  isLargeFile,
  queueImport,
  type RowError,
} from "./import-rows.js";
import { registerNewReservePages } from "./new-pages.js";
import { callOffPath, followUpPath } from "./present.js";
import { readCallOff } from "./read-follow-up.js";
import { recordPayment } from "./record-payment.js";
import { reverseCallOff } from "./reverse-call-off.js";
import { submitReport } from "./submit-report.js";
import { importKinds, reportPeriods, reportStatuses } from "./tables.js";

type C = Context<AppEnv>;

const DecideForm = z.object({
  outcome: z.enum(["granted", "partly_granted", "rejected"], {
    error: "Välj bifall, delvis bifall eller avslag.",
  }),
  granted: kronor(true).nullish(),
  "decidedBy.bodyId": z.uuid({ error: "Välj det organ som fattade beslutet." }),
  "decidedBy.decidedOn": isoDate("Ange beslutsdatum som ÅÅÅÅ-MM-DD."),
  "decidedBy.paragraphNumber": paragraphNumber,
});

const ReversalForm = z.object({
  kind: z.enum(["grant", "payment"], {
    error: "Välj om beviljat belopp minskas eller en utbetalning rättas.",
  }),
  amount: kronor(),
  reason: z
    .string({ error: "Ange skälet till beslutet." })
    .trim()
    .min(1, "Ange skälet till beslutet.")
    .max(2000, "Texten får vara högst 2000 tecken."),
  "decidedBy.bodyId": z.uuid({ error: "Välj det organ som fattade beslutet." }),
  "decidedBy.decidedOn": isoDate("Ange beslutsdatum som ÅÅÅÅ-MM-DD."),
  "decidedBy.paragraphNumber": paragraphNumber,
});

const PaymentForm = z.object({
  amount: kronor(),
  paidOn: isoDate("Ange utbetalningsdag som ÅÅÅÅ-MM-DD."),
  note: z.string().trim().max(500, "Anteckningen får vara högst 500 tecken.").nullish(),
});

async function loadCallOff(c: C) {
  const m = requireMunicipality(c);
  const actor = requireActor(c);
  const id = c.req.param("id") ?? "";
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError("call_off_not_found");
  return read(c, (tx) => readCallOff(tx, m.id, id, secretAccess(actor)));
}

const trail = (l: Awaited<ReturnType<typeof loadCallOff>>, last: string) => [
  { href: followUpPath, label: "Uppföljning" },
  { href: callOffPath(l.callOff.id), label: l.callOff.title },
  { label: last },
];

/** Reserves' pages: the public dashboard, and the forms that decide, pay, report and import. */
export function registerReservePages(app: OpenAPIHono<AppEnv>) {
  registerImportPage(app);
  registerCalendarPage(app);
  registerNewReservePages(app);
  registerDashboardPages(app);

  formRoute(app, `${followUpPath}/insatser/:id/beslut`, {
    load: async (c) => ({ ...(await loadCallOff(c)), bodies: await bodyOptions(c) }),
    title: (l) => `Beslut om avrop: ${l.callOff.title}`,
    trail: (l) => trail(l, "Beslut"),
    intro:
      "Bifall beviljar det sökta beloppet; delvis bifall det belopp du anger. Reservens saldo flyttas i samma stund.",
    fields: (l) => [
      {
        name: "outcome",
        label: "Beslut",
        type: "select",
        required: true,
        options: [
          { value: "granted", label: `Bifall (${l.callOff.requested})` },
          { value: "partly_granted", label: "Delvis bifall" },
          { value: "rejected", label: "Avslag" },
        ],
      },
      {
        name: "granted",
        label: "Beviljat belopp i kronor (vid delvis bifall)",
        hint: `Återstår i reserven: ${l.reserve.money.remaining}.`,
      },
      ...decisionFields(l.bodies),
    ],
    schema: DecideForm,
    run: (tx, actor, f, l) =>
      decideCallOff(tx, actor, l.callOff.id, {
        outcome: f.outcome,
        grantedOre: f.granted ?? undefined,
        decidedBy: decisionFrom("decidedBy", f),
      }),
    redirect: (_r, l) => callOffPath(l.callOff.id),
    submitLabel: "Spara beslutet",
    current: followUpPath,
  });

  formRoute(app, `${followUpPath}/insatser/:id/utbetalning`, {
    load: loadCallOff,
    title: (l) => `Utbetalning: ${l.callOff.title}`,
    trail: (l) => trail(l, "Utbetalning"),
    fields: (l) => [
      {
        name: "amount",
        label: "Belopp i kronor",
        required: true,
        hint: `Kvar att betala ut: ${l.callOff.money.unpaid}.`,
      },
      { name: "paidOn", label: "Utbetalningsdag", type: "date", required: true },
      { name: "note", label: "Anteckning", type: "textarea" },
    ],
    initial: () => ({ paidOn: todayInStockholm() }),
    schema: PaymentForm,
    run: (tx, actor, f, l) =>
      recordPayment(tx, actor, l.callOff.id, { amountOre: f.amount, paidOn: f.paidOn, note: f.note ?? null }),
    redirect: (_r, l) => callOffPath(l.callOff.id),
    submitLabel: "Registrera utbetalningen",
    current: followUpPath,
  });

  formRoute(app, `${followUpPath}/insatser/:id/aterforing`, {
    load: async (c) => ({ ...(await loadCallOff(c)), bodies: await bodyOptions(c) }),
    title: (l) => `Minska beviljat belopp eller rätta utbetalning: ${l.callOff.title}`,
    trail: (l) => trail(l, "Minska eller rätta"),
    intro:
      "Ett beslut kan minska eller återkalla ett beviljat belopp (pengarna går tillbaka till reserven) eller rätta en utbetalning. Beslutet skrivs som en ny rad i huvudboken; inget tidigare ändras.",
    fields: (l) => [
      {
        name: "kind",
        label: "Vad beslutet gäller",
        type: "select",
        required: true,
        options: [
          {
            value: "grant",
            label: `Minska eller återkalla beviljat belopp (beviljat ${l.callOff.money.granted})`,
          },
          { value: "payment", label: `Rätta utbetalning (utbetalt ${l.callOff.money.paid})` },
        ],
      },
      {
        name: "amount",
        label: "Belopp i kronor",
        required: true,
        hint: `Beviljat ${l.callOff.money.granted}, utbetalt ${l.callOff.money.paid}. Hela det beviljade beloppet återkallar beviljandet.`,
      },
      { name: "reason", label: "Skäl", type: "textarea", required: true },
      ...decisionFields(l.bodies),
    ],
    schema: ReversalForm,
    run: (tx, actor, f, l) =>
      reverseCallOff(tx, actor, l.callOff.id, {
        kind: f.kind,
        amountOre: f.amount,
        reason: f.reason,
        decidedBy: decisionFrom("decidedBy", f),
      }),
    redirect: (_r, l) => callOffPath(l.callOff.id),
    submitLabel: "Spara beslutet",
    current: followUpPath,
  });

  formRoute(app, `${followUpPath}/insatser/:id/rapport`, {
    load: loadCallOff,
    title: (l) => `Rapport: ${l.callOff.title}`,
    trail: (l) => trail(l, "Rapport"),
    intro:
      "En rapport per period i uppföljningskalendern; en ny rapport för samma period ersätter den förra.",
    fields: (l) => [
      { name: "year", label: "År", type: "number", required: true },
      {
        name: "period",
        label: "Period",
        type: "select",
        required: true,
        options: reportPeriods.map((p) => ({ value: p, label: periodWords[p] })),
      },
      {
        name: "status",
        label: "Status",
        type: "select",
        required: true,
        options: reportStatuses.map((s) => ({ value: s, label: statusWords[s] })),
      },
      {
        name: "moneyUsed",
        label: "Använda medel i kronor",
        required: true,
        hint: `Utbetalt hittills: ${l.callOff.money.paid}.`,
      },
      { name: "narrative", label: "Vad har hänt?", type: "textarea", required: true },
      { name: "reportedOn", label: "Rapportdatum", type: "date", required: true },
      ...l.callOff.indicators.map(
        (i): Field => ({
          name: `value.${i.id}`,
          label: `${i.name} (${i.unitText})`,
          hint: `Utgångsvärde ${i.format(i.baseline)}, mål ${i.format(i.target)}.`,
        }),
      ),
    ],
    initial: () => ({ year: Number(todayInStockholm().slice(0, 4)), reportedOn: todayInStockholm() }),
    schema: z
      .object({
        year: z.int({ error: "Ange året som ett heltal." }),
        period: z.enum(reportPeriods, { error: "Välj period." }),
        status: z.enum(reportStatuses, { error: "Välj status." }),
        moneyUsed: kronor(true),
        narrative: z
          .string({ error: "Skriv vad som har hänt." })
          .trim()
          .min(1, "Skriv vad som har hänt.")
          .max(10_000),
        reportedOn: isoDate("Ange rapportdatum som ÅÅÅÅ-MM-DD."),
      })
      .catchall(z.unknown()),
    run: (tx, actor, f, l) =>
      submitReport(tx, actor, l.callOff.id, {
        year: f.year,
        period: f.period,
        status: f.status,
        moneyUsedOre: f.moneyUsed,
        narrative: f.narrative,
        reportedOn: f.reportedOn,
        values: l.callOff.indicators.flatMap((i) => {
          const raw = f[`value.${i.id}`];
          if (raw === null || raw === undefined || raw === "") return [];
          return [{ indicatorId: i.id, value: Number(String(raw).replace(",", ".").replace(/\s/g, "")) }];
        }),
      }),
    redirect: (_r, l) => callOffPath(l.callOff.id),
    submitLabel: "Lämna rapporten",
    current: followUpPath,
  });
}

const importFields: Field[] = [
  {
    name: "kind",
    label: "Vad läses in",
    type: "select",
    required: true,
    options: [
      { value: "areas", label: "Områden" },
      { value: "indicators", label: "Indikatorer" },
      { value: "reports", label: "Rapporter" },
      { value: "reserves", label: "Reserver" },
      { value: "call_offs", label: "Avrop" },
    ],
  },
  {
    name: "content",
    label: "Eller klistra in filens innehåll (CSV med semikolon)",
    type: "textarea",
    hint: "Används bara när ingen fil är vald.",
  },
];

function ImportPage({ c, errors, result }: { c: C; errors: RowError[]; result?: string }) {
  return (
    <Layout title="Läs in från CSV eller Excel" chrome={chrome(c)} current={followUpPath}>
      <Breadcrumbs trail={[{ href: followUpPath, label: "Uppföljning" }, { label: "Läs in" }]} />
      <h1>Läs in från CSV eller Excel</h1>
      <p>
        Raderna uppdaterar på externt id: en rad med ett id som redan finns ändrar det, en ny skapar. Har
        någon rad fel sparas ingenting, och varje fel visas med sin rad (som Excel numrerar den). Beviljat,
        utbetalt och återstående belopp räknas fram ur huvudboken och ändras bara genom beslut.
      </p>
      {result ? <p role="status">{result}</p> : null}
      {errors.length > 0 ? (
        <table>
          <caption>{`${errors.length} fel – inget har sparats`}</caption>
          <thead>
            <tr>
              <th scope="col">Rad</th>
              <th scope="col">Kolumn</th>
              <th scope="col">Fel</th>
            </tr>
          </thead>
          <tbody>
            {errors.map((e) => (
              <tr>
                <td>{e.row}</td>
                <td>{e.field}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form method="post" action={`${followUpPath}/inlasning`} enctype="multipart/form-data" novalidate>
        <Csrf token={c.get("csrfToken")} />
        <FieldInput field={importFields[0]!} />
        <div class="field">
          <label for="f-file">Fil (CSV eller XLSX)</label>
          <p class="hint" id="f-file-hint">
            Filen som den laddades ner från Uppföljning (samma kolumner), ändrad i Excel. Högst 1 MB.
          </p>
          <input type="file" id="f-file" name="file" accept=".csv,.xlsx" aria-describedby="f-file-hint" />
        </div>
        <FieldInput field={importFields[1]!} />
        <button type="submit">Läs in</button>
      </form>
    </Layout>
  );
}

const maxImportBytes = 1_000_000;

function registerImportPage(app: OpenAPIHono<AppEnv>) {
  app.get(`${followUpPath}/inlasning`, (c) => {
    requireActor(c);
    return c.html(<ImportPage c={c} errors={[]} />);
  });
  app.post(`${followUpPath}/inlasning`, async (c) => {
    const actor = requireActor(c);
    const form = await c.req.parseBody();
    const kind = importKinds.find((k) => k === form.kind);
    const upload = form.file instanceof File && form.file.size > 0 ? form.file : null;
    const content = typeof form.content === "string" ? form.content : "";
    const refuse = (field: string, message: string) =>
      c.html(<ImportPage c={c} errors={[{ row: 1, field, message }]} />, 400);
    if (!kind) return refuse("kind", "Välj vad som läses in.");
    if (!upload && content.trim() === "")
      return refuse("file", "Välj en fil eller klistra in filens innehåll.");
    if ((upload?.size ?? content.length) > maxImportBytes)
      return refuse("file", "Filen är för stor (högst 1 MB).");
    let file: ImportSource;
    try {
      file = upload ? await readFile(new Uint8Array(await upload.arrayBuffer())) : content;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return refuse("file", describeError(error).message);
    }
    const db = c.get("deps").database.db;
    if (isLargeFile(file)) {
      const queued = await inTransaction(db, (tx) => queueImport(tx, actor, kind, file));
      return c.html(
        <ImportPage
          c={c}
          errors={[]}
          result={`Filen är stor och läses in av ett jobb (inläsning ${queued.id}).`}
        />,
        202,
      );
    }
    const result = await importAllOrNothing(db, actor, kind, file);
    if (!result.ok) return c.html(<ImportPage c={c} errors={result.errors} />, 400);
    return c.html(<ImportPage c={c} errors={[]} result={`${result.rows} rader inlästa.`} />);
  });
}
