import type { OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../accounts/policy.js";
import { inTransaction } from "../db/transaction.js";
import { todayInStockholm } from "../domain/clock.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { describeError } from "../http/errors.js";
import { type FormValues, formInput, keptValues } from "../http/forms.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import {
  chrome,
  type FormRender,
  read,
  requireActor,
  requireMunicipality,
  submitForm,
} from "../http/pages.js";
import { type FieldError, fieldErrors } from "../http/validation.js";
import { secretAccess } from "./access.js";
import type { IncomingFile } from "./file-content.js";
import { defaultFileStore } from "./file-store.js";
import { directionLabel, fileSize, recordTypeLabel } from "./labels.js";
import {
  type C,
  type Choices,
  FormPage,
  flatSecrecy,
  loadCaseRow,
  loadChoices,
  RecordForm,
  recordFields,
  SecrecyNote,
  UploadForm,
} from "./page-parts.js";
import { casePath, recordPath } from "./present.js";
import { readRecord } from "./read-record.js";
import { registerRecord } from "./register-record.js";
import { updateRecord } from "./update-record.js";

/** Record pages: registering with files, the record page, correcting, and handing out files. */
export function registerRecordPages(app: OpenAPIHono<AppEnv>) {
  // Registering a record, with files.
  const newRecordView = (c: C, number: string, choices: Choices, state: FormRender) => (
    <Layout title={`Registrera handling i ${number}`} chrome={chrome(c)} current="/diarium">
      <Breadcrumbs
        trail={[
          { href: "/diarium", label: "Diarium" },
          { href: casePath(number), label: number },
          { label: "Registrera handling" },
        ]}
      />
      <h1>{`Registrera handling i ${number}`}</h1>
      <p>Handlingen får ärendets nästa handlingsnummer när du registrerar.</p>
      <UploadForm
        action={`${casePath(number)}/handlingar/ny`}
        fields={recordFields(choices)}
        state={state}
        csrfToken={c.get("csrfToken")}
        submitLabel="Registrera"
      />
    </Layout>
  );
  app.get("/diarium/:number/handlingar/ny", async (c) => {
    requireActor(c);
    const row = await loadCaseRow(c);
    const choices = await loadChoices(c);
    return c.html(
      newRecordView(c, row.number, choices, { values: { datedOn: todayInStockholm() }, errors: [] }),
    );
  });
  app.post("/diarium/:number/handlingar/ny", async (c) => {
    const actor = requireActor(c);
    const row = await loadCaseRow(c);
    const choices = await loadChoices(c);
    const fields = recordFields(choices);
    const form = await c.req.parseBody({ all: true });
    const single = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    const values = keptValues(fields, single);
    const render = (errors: FieldError[], status: number) =>
      c.html(newRecordView(c, row.number, choices, { values, errors }), status as 400);
    const parsed = RecordForm.safeParse(formInput(fields, single));
    if (!parsed.success) return render(fieldErrors(parsed.error), 400);
    const uploads = ([] as unknown[])
      .concat(form.files ?? [])
      .filter((f): f is File => f instanceof File && f.size > 0);
    const files: IncomingFile[] = [];
    for (const f of uploads)
      files.push({ name: f.name, declaredType: f.type, bytes: new Uint8Array(await f.arrayBuffer()) });
    try {
      const created = await inTransaction(c.get("deps").database.db, (tx) =>
        registerRecord(tx, actor, { ...parsed.data, caseId: row.id, files }, defaultFileStore()),
      );
      return c.redirect(`${casePath(row.number)}?registrerat=${encodeURIComponent(created.number)}`, 303);
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        ["not_found", "forbidden", "unauthenticated"].includes(error.code)
      )
        throw error;
      const { status, message } = describeError(error);
      return render([{ field: error.field ?? "_", message }], status);
    }
  });

  const loadRecord = async (c: C) => {
    const m = requireMunicipality(c);
    const number = c.req.param("number") ?? "";
    const sequence = c.req.param("sequence") ?? "";
    if (!/^[1-9]\d{0,6}$/.test(sequence)) throw new NotFoundError("record");
    const access = secretAccess(c.get("actor"));
    const found = await read(c, (tx) =>
      readRecord(tx, m.id, access, { caseNumber: number, sequence: Number(sequence) }),
    );
    return { view: found.caseRef, row: found.owner, record: found.view, stored: found.row };
  };

  // One record.
  app.get("/diarium/:number/handlingar/:sequence", async (c) => {
    const { view, row, record } = await loadRecord(c);
    const writable = can(c.get("actor"), "register:write", row.responsibleBodyId);
    return c.html(
      <Layout title={`${record.number} ${record.description}`} chrome={chrome(c)} current="/diarium">
        <Breadcrumbs
          trail={[
            { href: "/diarium", label: "Diarium" },
            { href: casePath(view.number), label: view.number },
            { label: record.number },
          ]}
        />
        <h1>
          <span class="number">{record.number}</span> {record.description}
        </h1>
        <SecrecyNote marking={record.secrecy} withheld={record.withheld} />
        <dl class="facts">
          <dt>Ärende</dt>
          <dd>
            <a href={casePath(view.number)}>{`${view.number} ${view.title}`}</a>
          </dd>
          <dt>Datum</dt>
          <dd>{record.datedOn}</dd>
          <dt>Riktning</dt>
          <dd>{directionLabel[record.direction]}</dd>
          <dt>Handlingstyp</dt>
          <dd>{recordTypeLabel[record.recordType]}</dd>
          {record.counterpartBody || record.counterpartName ? (
            <>
              <dt>{record.direction === "outgoing" ? "Mottagare" : "Avsändare"}</dt>
              <dd>
                {record.counterpartBody ? (
                  <a href={`/organ/${record.counterpartBody.slug}`}>{record.counterpartBody.name}</a>
                ) : (
                  record.counterpartName
                )}
              </dd>
            </>
          ) : null}
        </dl>
        {writable ? (
          <div class="actions">
            <a href={`${recordPath(view.number, Number(record.number.slice(view.number.length + 1)))}/andra`}>
              Rätta uppgifterna
            </a>
            {can(c.get("actor"), "audit:read") ? (
              <a href={`/admin/logg?typ=record&id=${record.id}`}>Ändringslogg</a>
            ) : null}
          </div>
        ) : null}
        <h2>Filer</h2>
        {record.files.length ? (
          <ul class="files">
            {record.files.map((f) => (
              <li>
                <a href={f.url}>{f.fileName}</a>{" "}
                <span class="muted">{`${fileSize(f.sizeBytes)}, ${f.mediaType}`}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>
            {record.withheld ? "Filerna omfattas av sekretess och visas inte." : "Inga filer är bifogade."}
          </p>
        )}
      </Layout>,
    );
  });

  // Correcting a record.
  const editRecordView = (
    c: C,
    recordNumber: string,
    caseNumber: string,
    action: string,
    choices: Choices,
    state: FormRender,
  ) => (
    <FormPage
      c={c}
      title={`Rätta ${recordNumber}`}
      trail={[
        { href: "/diarium", label: "Diarium" },
        { href: casePath(caseNumber), label: caseNumber },
        { label: `Rätta ${recordNumber}` },
      ]}
      action={action}
      fields={recordFields(choices)}
      state={state}
      submitLabel="Spara rättelsen"
      intro="Handlingsnumret ändras inte. Varje ändring loggas."
    />
  );
  app.get("/diarium/:number/handlingar/:sequence/andra", async (c) => {
    const actor = requireActor(c);
    const { view, row, record, stored } = await loadRecord(c);
    if (!can(actor, "register:write", row.responsibleBodyId)) throw new DomainError("forbidden");
    const choices = await loadChoices(c);
    const values: FormValues = {
      direction: stored.direction,
      recordType: stored.recordType,
      datedOn: stored.datedOn,
      description: stored.description,
      counterpartBodyId: stored.counterpartBodyId,
      counterpartName: stored.counterpartName,
      publicDescription: stored.publicDescription,
      ...flatSecrecy(stored),
    };
    return c.html(editRecordView(c, record.number, view.number, c.req.path, choices, { values, errors: [] }));
  });
  app.post("/diarium/:number/handlingar/:sequence/andra", async (c) => {
    const { view, record } = await loadRecord(c);
    const choices = await loadChoices(c);
    return submitForm(c, {
      fields: recordFields(choices),
      schema: RecordForm,
      run: (tx, actor, input) => updateRecord(tx, actor, record.id, input),
      render: (state) => editRecordView(c, record.number, view.number, c.req.path, choices, state),
      redirect: () => `${casePath(view.number)}#${record.number}`,
    });
  });

  // A file of a record; a withheld record has no files to hand out.
  app.get("/diarium/:number/handlingar/:sequence/filer/:position", async (c) => {
    const { record } = await loadRecord(c);
    const position = c.req.param("position");
    const found = record.files.find((f) => f.url.endsWith(`/filer/${position}`));
    if (!found) throw new NotFoundError("file");
    const bytes = await defaultFileStore().get(found.sha256);
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": found.mediaType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(found.fileName)}`,
      "Cache-Control": record.secrecy ? "private, no-store" : "public, max-age=3600",
    });
  });
}
