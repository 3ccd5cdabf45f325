import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { FC } from "hono/jsx";
import { can } from "../accounts/policy.js";
import type { SigningProvider } from "../approval/signing.js";
import { NotFoundError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { Csrf, ErrorSummary } from "../http/forms.js";
import { Breadcrumbs, Layout } from "../http/layout.js";
import { chrome, read, requireMunicipality, submitForm } from "../http/pages.js";
import type { FieldError } from "../http/validation.js";
import { secretAccess } from "../register/access.js";
import { casePath } from "../register/present.js";
import { readCase } from "../register/read-case.js";
import { addReportImage } from "./add-report-image.js";
import { imagesOf, type ReportPart, type ReportView } from "./present.js";
import { readReport, readReportImage, reportsOfCase } from "./read-report.js";
import { removeReportImage } from "./remove-report-image.js";
import { saveReportVersion } from "./save-report-version.js";
import {
  AddReportImageInput,
  CollectReportSignatureInput,
  RemoveReportImageForm,
  SaveVersionInput,
  SignReportInput,
} from "./schemas.js";
import { isWritten } from "./sections.js";
import { collectReportSignature, signReport } from "./sign-report.js";

// The official report's page: the report as it prints, its versions, its downloads, and for the case officer the
// forms to write a new version and to sign the version read.

const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const Part: FC<{ part: ReportPart; reportId: string }> = ({ part, reportId }) => {
  switch (part.kind) {
    case "image":
      return (
        <p>
          <img
            src={`/tjansteskrivelser/${reportId}/bilder/${part.id}`}
            alt={part.alt}
            width={part.width}
            height={part.height}
            style="max-width:100%;height:auto"
          />
        </p>
      );
    case "paragraph":
      return <p>{part.text}</p>;
    case "subheading":
      return <h3>{part.text}</h3>;
    case "list": {
      const items = part.items.map((i) => (
        <li value={part.ordered ? i.value : undefined}>
          {i.text}
          {i.note ? (
            <>
              <br />
              {i.note}
            </>
          ) : null}
        </li>
      ));
      return part.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case "rows":
      return (
        <table>
          <tbody>
            {part.rows.map(([a, b]) => (
              <tr>
                <th scope="row">{a}</th>
                <td>{b}</td>
              </tr>
            ))}
          </tbody>
        </table>
      );
  }
};

/** The report as it prints: stamp, header, title, sections. */
export const ReportBody: FC<{ r: ReportView }> = ({ r }) => (
  <article aria-labelledby="rapport">
    {r.signature ? <p class="stamp">{r.signature.stamp}</p> : <p>Utkast – inte signerad</p>}
    <p>
      <strong>{r.municipalityName}</strong>
      <br />
      {r.administration}
    </p>
    <dl class="facts">
      <dt>Tjänsteskrivelse</dt>
      <dd>{`Version ${r.version}`}</dd>
      <dt>Datum</dt>
      <dd>{r.datedOn}</dd>
      <dt>Vår referens</dt>
      <dd>{[r.reference.name, r.reference.title, r.reference.email].filter(Boolean).join(", ")}</dd>
    </dl>
    <h1 id="rapport">{r.title}</h1>
    <p>
      <a href={casePath(r.caseNumber)}>{r.caseNumber}</a>
    </p>
    {r.sections.map((s) => (
      <section>
        <h2>{s.heading}</h2>
        {s.parts.map((part) => (
          <Part part={part} reportId={r.id} />
        ))}
      </section>
    ))}
  </article>
);

function page(c: Context<AppEnv>, r: ReportView, errors: FieldError[] = []) {
  const actor = c.get("actor");
  const mayWrite = can(actor, "case:handle");
  const latest = r.version === r.latestVersion;
  const base = `/tjansteskrivelser/${r.id}`;
  const versionQuery = latest ? "" : `?version=${r.version}`;
  return (
    <Layout title={`Tjänsteskrivelse ${r.title}`} chrome={chrome(c)} current="/diarium">
      <Breadcrumbs
        trail={[
          { href: "/diarium", label: "Diariet" },
          { href: casePath(r.caseNumber), label: r.caseNumber },
          { label: "Tjänsteskrivelse" },
        ]}
      />
      <ErrorSummary errors={errors} />
      <ReportBody r={r} />
      <section aria-labelledby="ladda-ner">
        <h2 id="ladda-ner">Ladda ner</h2>
        <ul>
          <li>
            <a href={`${base}/dokument.pdf${versionQuery}`}>PDF (PDF/A)</a>
          </li>
          <li>
            <a href={`${base}/dokument.docx${versionQuery}`}>Word (DOCX)</a>
          </li>
          <li>
            <a href={`${base}/dokument.html${versionQuery}`}>HTML</a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="versioner">
        <h2 id="versioner">Versioner</h2>
        <ol>
          {r.versions.map((v) => (
            <li value={v.version}>
              <a href={`${base}?version=${v.version}`}>{`Version ${v.version}, ${v.datedOn}`}</a>
              {` – ${v.writtenBy}${v.stamp ? `, ${v.stamp}` : ", utkast"}`}
            </li>
          ))}
        </ol>
        {r.signature ? (
          <p>{`Signerad av ${r.signature.by} (${r.signature.method}). SHA-256: ${r.sha256}`}</p>
        ) : null}
      </section>
      {mayWrite && latest ? (
        <section aria-labelledby="skriv">
          <h2 id="skriv">Skriv och signera</h2>
          <p>
            <a href={`${base}/ny-version`}>Skriv en ny version</a>
          </p>
          {r.signature ? (
            <p>{`Version ${r.version} är signerad. Skriv en ny version för att lägga till bilder.`}</p>
          ) : (
            <>
              <ImageList c={c} r={r} />
              <ImageForm c={c} r={r} errors={errors} />
            </>
          )}
          {r.pendingSigning ? (
            <>
              <p>{`Väntar på signering hos ${r.pendingSigning.method}, startad ${r.pendingSigning.startedText}.`}</p>
              <form method="post" action={`${base}/signering/hamta`}>
                <Csrf token={chrome(c).csrfToken ?? ""} />
                <button type="submit">Hämta status</button>
              </form>
            </>
          ) : null}
          {r.failedSigning && !r.pendingSigning ? (
            <p>{`Den senaste signeringen misslyckades ${r.failedSigning.atText}: ${r.failedSigning.reason}`}</p>
          ) : null}
          {r.signature || r.pendingSigning ? null : (
            <form method="post" action={`${base}/signera`}>
              <Csrf token={chrome(c).csrfToken ?? ""} />
              <input type="hidden" name="version" value={String(r.version)} />
              <input type="hidden" name="sha256" value={r.sha256} />
              <button type="submit">{`Signera version ${r.version}`}</button>
            </form>
          )}
        </section>
      ) : null}
    </Layout>
  );
}

/** The draft's images, each with a button that takes it out of the draft (a signed version keeps it). */
const ImageList: FC<{ c: Context<AppEnv>; r: ReportView }> = ({ c, r }) => {
  const images = imagesOf(r.sections);
  if (images.length === 0) return null;
  return (
    <>
      <h3>Bilder i utkastet</h3>
      <ul>
        {images.map((image) => (
          <li>
            <form method="post" action={`/tjansteskrivelser/${r.id}/bilder/${image.id}/ta-bort`}>
              <Csrf token={chrome(c).csrfToken ?? ""} />
              {`${image.alt} `}
              <button type="submit">Ta bort bilden</button>
            </form>
          </li>
        ))}
      </ul>
    </>
  );
};

/** The case officer's form to add an image with its alternative text to a written section. */
const ImageForm: FC<{ c: Context<AppEnv>; r: ReportView; errors: FieldError[] }> = ({ c, r, errors }) => {
  const error = (field: string) => errors.find((e) => e.field === field)?.message;
  return (
    <form method="post" action={`/tjansteskrivelser/${r.id}/bilder`} enctype="multipart/form-data">
      <h3>Lägg till en bild</h3>
      <Csrf token={chrome(c).csrfToken ?? ""} />
      <p class="hint">PNG eller JPEG, högst 5 MB. Bilden visas i alla versioner som inte är signerade.</p>
      <label for="image-section">Avsnitt</label>
      <select id="image-section" name="section">
        {r.template
          .filter((t) => isWritten(t.kind))
          .map((t) => (
            <option value={t.kind}>{t.heading}</option>
          ))}
      </select>
      <label for="image-alt">Alternativtext</label>
      <p class="hint" id="image-alt-hint">
        Beskriv vad bilden visar för den som inte ser den.
      </p>
      {error("alt") ? (
        <p class="error" id="image-alt-error">
          {error("alt")}
        </p>
      ) : null}
      <input
        id="image-alt"
        name="alt"
        type="text"
        maxlength={300}
        aria-invalid={error("alt") ? "true" : undefined}
        aria-describedby={error("alt") ? "image-alt-hint image-alt-error" : "image-alt-hint"}
      />
      <label for="image-file">Bild</label>
      {error("file") ? (
        <p class="error" id="image-file-error">
          {error("file")}
        </p>
      ) : null}
      <input
        id="image-file"
        name="file"
        type="file"
        accept="image/png,image/jpeg"
        aria-invalid={error("file") ? "true" : undefined}
        aria-describedby={error("file") ? "image-file-error" : undefined}
      />
      <button type="submit">Lägg till bilden</button>
    </form>
  );
};

function versionOf(c: Context<AppEnv>): number | undefined {
  const v = c.req.query("version");
  if (v === undefined) return undefined;
  if (!/^[1-9][0-9]{0,5}$/.test(v)) throw new NotFoundError("page");
  return Number(v);
}

const EditForm: FC<{
  c: Context<AppEnv>;
  r: ReportView;
  values: Record<string, unknown>;
  errors: FieldError[];
}> = ({ c, r, values, errors }) => (
  <Layout title={`Ny version: ${r.title}`} chrome={chrome(c)} current="/diarium">
    <Breadcrumbs
      trail={[
        { href: casePath(r.caseNumber), label: r.caseNumber },
        { href: `/tjansteskrivelser/${r.id}`, label: "Tjänsteskrivelse" },
        { label: "Ny version" },
      ]}
    />
    <h1>{`Ny version av ${r.title}`}</h1>
    <ErrorSummary errors={errors} />
    <p>
      Tomma rader skiljer stycken. En rad som börjar med ## blir en underrubrik, - en punkt, 1. en numrerad
      punkt. [[remissinstanser]] och [[frågor]] hämtar remissens svarande och frågor.
    </p>
    <form method="post" action={`/tjansteskrivelser/${r.id}/ny-version`}>
      <Csrf token={chrome(c).csrfToken ?? ""} />
      <input type="hidden" name="basedOn" value={String(r.version)} />
      <label for="datedOn">Datum</label>
      <input id="datedOn" name="datedOn" type="date" value={String(values.datedOn ?? r.datedOn)} />
      {r.template
        .filter((t) => isWritten(t.kind))
        .map((t) => {
          const error = errors.find((e) => e.field === `texts.${t.kind}`);
          return (
            <div class="field">
              <label for={`text-${t.kind}`}>{t.heading}</label>
              {t.maxLength ? <p class="hint">{`Högst ${t.maxLength} tecken.`}</p> : null}
              {error ? (
                <p class="error" id={`error-${t.kind}`}>
                  {error.message}
                </p>
              ) : null}
              <textarea
                id={`text-${t.kind}`}
                name={`texts.${t.kind}`}
                rows={8}
                aria-invalid={error ? "true" : undefined}
                aria-describedby={error ? `error-${t.kind}` : undefined}
              >
                {String(values[`texts.${t.kind}`] ?? r.texts[t.kind] ?? "")}
              </textarea>
            </div>
          );
        })}
      <button type="submit">Spara ny version</button>
    </form>
  </Layout>
);

/**
 * /tjansteskrivelser/{id}: the report; /ny-version, /signera and /signering/hamta (collect a pending signature now)
 * for the case officer. Signatures go through `signing`.
 */
export function registerReportPages(app: OpenAPIHono<AppEnv>, signing: SigningProvider) {
  app.get(`/tjansteskrivelser/:id{${uuid}}`, async (c) => {
    const m = requireMunicipality(c);
    const version = versionOf(c);
    const r = await read(c, (tx) =>
      readReport(tx, m.id, c.req.param("id"), secretAccess(c.get("actor")), version),
    );
    return c.html(page(c, r));
  });

  app.post(`/tjansteskrivelser/:id{${uuid}}/signera`, async (c) => {
    const m = requireMunicipality(c);
    const id = c.req.param("id");
    const r = await read(c, (tx) => readReport(tx, m.id, id, secretAccess(c.get("actor"))));
    return submitForm(c, {
      schema: SignReportInput,
      input: (form) => ({ version: Number(form.version), sha256: form.sha256 }),
      run: (tx, actor, input) => signReport(tx, actor, id, input, signing),
      render: ({ errors }) => page(c, r, errors),
      redirect: () => `/tjansteskrivelser/${id}`,
    });
  });

  app.post(`/tjansteskrivelser/:id{${uuid}}/signering/hamta`, async (c) => {
    const m = requireMunicipality(c);
    const id = c.req.param("id");
    const r = await read(c, (tx) => readReport(tx, m.id, id, secretAccess(c.get("actor"))));
    return submitForm(c, {
      schema: CollectReportSignatureInput,
      input: () => ({}),
      run: (tx, actor) => collectReportSignature(tx, actor, id, signing),
      render: ({ errors }) => page(c, r, errors),
      redirect: () => `/tjansteskrivelser/${id}`,
    });
  });

  app.post(`/tjansteskrivelser/:id{${uuid}}/bilder`, async (c) => {
    const m = requireMunicipality(c);
    const id = c.req.param("id");
    const r = await read(c, (tx) => readReport(tx, m.id, id, secretAccess(c.get("actor"))));
    // The file is read here; submitForm gets the form Hono has already parsed, with the bytes as base64.
    const posted = await c.req.parseBody({ all: true });
    const file = [posted.file].flat().find((f): f is File => f instanceof File);
    const contentBase64 = file ? Buffer.from(await file.arrayBuffer()).toString("base64") : "";
    return submitForm(c, {
      schema: AddReportImageInput,
      input: (form) => ({ section: form.section, alt: form.alt, contentBase64 }),
      run: (tx, actor, input) => addReportImage(tx, actor, id, input),
      render: ({ errors }) =>
        page(
          c,
          r,
          errors.map((e) => (e.field === "contentBase64" ? { ...e, field: "file" } : e)),
        ),
      redirect: () => `/tjansteskrivelser/${id}#rapport`,
    });
  });

  app.post(`/tjansteskrivelser/:id{${uuid}}/bilder/:image{${uuid}}/ta-bort`, async (c) => {
    const m = requireMunicipality(c);
    const id = c.req.param("id");
    const r = await read(c, (tx) => readReport(tx, m.id, id, secretAccess(c.get("actor"))));
    return submitForm(c, {
      schema: RemoveReportImageForm,
      input: () => ({}),
      run: (tx, actor) => removeReportImage(tx, actor, id, c.req.param("image")),
      render: ({ errors }) => page(c, r, errors),
      redirect: () => `/tjansteskrivelser/${id}#rapport`,
    });
  });

  app.get(`/tjansteskrivelser/:id{${uuid}}/bilder/:image{${uuid}}`, async (c) => {
    const m = requireMunicipality(c);
    const image = await read(c, (tx) =>
      readReportImage(tx, m.id, c.req.param("id"), c.req.param("image"), secretAccess(c.get("actor"))),
    );
    // The bytes of an image never change: its SHA-256 is its strong ETag.
    const etag = `"${image.sha256}"`;
    if (c.req.header("if-none-match") === etag) return c.body(null, 304, { etag });
    return c.body(Buffer.from(image.data), 200, {
      "content-type": image.mediaType,
      etag,
      "cache-control": "private, max-age=0, must-revalidate",
      "x-content-type-options": "nosniff",
    });
  });

  app.get(`/tjansteskrivelser/:id{${uuid}}/ny-version`, async (c) => {
    const m = requireMunicipality(c);
    const r = await read(c, (tx) => readReport(tx, m.id, c.req.param("id"), secretAccess(c.get("actor"))));
    return c.html(<EditForm c={c} r={r} values={{}} errors={[]} />);
  });

  app.post(`/tjansteskrivelser/:id{${uuid}}/ny-version`, async (c) => {
    const m = requireMunicipality(c);
    const id = c.req.param("id");
    const r = await read(c, (tx) => readReport(tx, m.id, id, secretAccess(c.get("actor"))));
    let posted: Record<string, unknown> = {};
    return submitForm(c, {
      schema: SaveVersionInput,
      input: (form) => {
        posted = form;
        const texts: Record<string, string> = {};
        for (const t of r.template) {
          const value = form[`texts.${t.kind}`];
          if (isWritten(t.kind) && typeof value === "string") texts[t.kind] = value;
        }
        return {
          basedOn: Number(form.basedOn),
          datedOn: form.datedOn,
          texts,
          basis: r.links.basis,
          recipients: r.links.recipients,
          responsibleIds: r.links.responsibleIds,
        };
      },
      run: (tx, actor, input) => saveReportVersion(tx, actor, id, input),
      render: ({ errors }) => <EditForm c={c} r={r} values={posted} errors={errors} />,
      redirect: () => `/tjansteskrivelser/${id}`,
    });
  });
}

/** /diarium/{number}/tjansteskrivelser: the official reports of a case, linked from the case's page. */
export function registerCaseReportsPage(app: OpenAPIHono<AppEnv>) {
  app.get("/diarium/:number/tjansteskrivelser", async (c) => {
    const m = requireMunicipality(c);
    const access = secretAccess(c.get("actor"));
    const { view, reports } = await read(c, async (tx) => {
      const found = await readCase(tx, m.id, access, { number: c.req.param("number") });
      return {
        view: found.view,
        reports: found.view.withheld ? [] : await reportsOfCase(tx, m.id, found.row.id),
      };
    });
    const title = `Tjänsteskrivelser i ${view.number}`;
    return c.html(
      <Layout title={title} chrome={chrome(c)} current="/diarium">
        <Breadcrumbs
          trail={[
            { href: "/diarium", label: "Diariet" },
            { href: casePath(view.number), label: view.number },
            { label: "Tjänsteskrivelser" },
          ]}
        />
        <h1>{title}</h1>
        {reports.length === 0 ? (
          <p>Ärendet har inga tjänsteskrivelser.</p>
        ) : (
          <ul>
            {reports.map((r) => (
              <li>
                <a href={`/tjansteskrivelser/${r.id}`}>{r.title}</a>
              </li>
            ))}
          </ul>
        )}
      </Layout>,
    );
  });
}
