import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { inTransaction } from "../db/transaction.js";
import { stockholmMinute } from "../domain/clock.js";
import { DomainError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { Csrf, ErrorSummary } from "../http/forms.js";
import { Layout } from "../http/layout.js";
import { db, IdParam, json, writeProblems } from "../http/openapi.js";
import { chrome, type FormRender, read, requireActor, submitForm } from "../http/pages.js";
import { reviewSecretText } from "../meetings/review-secret-text.js";
import { SecretTextReviewInput } from "../meetings/schemas.js";
import { readReviewList } from "./review.js";

// /granskning: the secretary's list of personal data masked in public texts and of free text on secret cases
// (L31), where each such text is marked reviewed; and the same in the API.

const ReviewForm = SecretTextReviewInput.extend({ paragraphId: z.uuid({ error: "Ange paragrafen." }) });

function requireSecretary(c: Context<AppEnv>) {
  const actor = requireActor(c);
  if (!actor.grants.some((g) => g.role === "admin" || g.role === "secretary"))
    throw new DomainError("forbidden", { permission: "meeting:write" });
  return actor;
}

async function reviewPage(c: Context<AppEnv>, state: FormRender) {
  const actor = requireSecretary(c);
  const { secret, found } = await read(c, (tx) => readReviewList(tx, actor));
  const waiting = secret.filter((i) => i.review === null);
  const csrf = c.get("csrfToken");
  return (
    <Layout title="Granskning före publicering" chrome={chrome(c)}>
      <h1>Granskning före publicering</h1>
      <ErrorSummary errors={state.errors} heading="Det gick inte att markera texten som granskad" />
      <p>
        Texter i protokollen granskas automatiskt innan de publiceras. Personnummer och samordningsnummer (med
        rätt kontrollsiffra), telefonnummer och adresser maskeras i den offentliga versionen; här ser du dem
        för att kunna rätta texten. Den interna versionen är oförändrad.
      </p>
      <h2>Fritext i sekretessärenden</h2>
      <p>
        Fritext som skrivs i ett ärende med sekretess visas inte på webbplatsen, i API:erna, flödena, de öppna
        data eller nedladdningarna förrän du har granskat den. Kontrollera att texten inte röjer något som
        omfattas av sekretess och markera den sedan som granskad. Ändras texten efteråt behöver den granskas
        igen.
      </p>
      {secret.length === 0 ? (
        <p>Ingen fritext i sekretessärenden.</p>
      ) : (
        <>
          <p>{`${waiting.length} av ${secret.length} texter väntar på granskning.`}</p>
          <ul>
            {secret.map((i) => (
              <li id={`text-${i.field}-${i.sourceId}`}>
                <p>
                  <a href={i.secretaryPath}>{`${i.code} (${i.caseNumber})`}</a>
                  {`: ${i.where}`}
                </p>
                <blockquote>
                  <p>{i.text}</p>
                </blockquote>
                {i.review ? (
                  <p>{`Granskad av ${i.review.by} ${stockholmMinute(i.review.at)}. Texten visas offentligt.`}</p>
                ) : (
                  <form method="post" action="/granskning/granska">
                    <Csrf token={csrf} />
                    <input type="hidden" name="paragraphId" value={i.paragraphId} />
                    <input type="hidden" name="field" value={i.field} />
                    <input type="hidden" name="sourceId" value={i.sourceId} />
                    <input type="hidden" name="textSha256" value={i.textSha256} />
                    <button type="submit">{`Markera som granskad: ${i.code}, ${i.where}`}</button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Personuppgifter som maskerats</h2>
      {found.length === 0 ? (
        <p>Inga personuppgifter hittades.</p>
      ) : (
        <table>
          <caption>Fynd i publicerade texter</caption>
          <thead>
            <tr>
              <th scope="col">Paragraf</th>
              <th scope="col">Var</th>
              <th scope="col">Fynd</th>
            </tr>
          </thead>
          <tbody>
            {found.map((i) => (
              <tr>
                <th scope="row">
                  <a href={i.secretaryPath}>{`${i.code} (${i.caseNumber})`}</a>
                </th>
                <td>{i.where}</td>
                <td>{i.found}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

const SecretText = z
  .object({
    paragraphId: z.uuid(),
    code: z.string(),
    caseNumber: z.string(),
    where: z.string(),
    field: SecretTextReviewInput.shape.field,
    sourceId: z.uuid(),
    text: z.string(),
    textSha256: z.string(),
    review: z.object({ by: z.string(), at: z.iso.datetime() }).nullable(),
  })
  .openapi("SecretText", {
    description:
      "En fritext i ett sekretessärende. Den visas offentligt först när just den texten (dess SHA-256) är granskad.",
  });

const SecretTextReview = z
  .object({
    id: z.uuid(),
    paragraphId: z.uuid(),
    field: SecretTextReviewInput.shape.field,
    sourceId: z.uuid(),
    textSha256: z.string(),
    reviewedBy: z.string(),
    reviewedAt: z.iso.datetime(),
  })
  .openapi("SecretTextReview");

/** /granskning and its form, and the review list and the review in the API. */
export function registerReviewPage(app: OpenAPIHono<AppEnv>) {
  app.get("/granskning", async (c) => c.html(await reviewPage(c, { values: {}, errors: [] })));
  app.post("/granskning/granska", async (c) => {
    requireSecretary(c);
    return submitForm(c, {
      input: (form) => ({
        paragraphId: form.paragraphId,
        field: form.field,
        sourceId: form.sourceId,
        textSha256: form.textSha256,
      }),
      schema: ReviewForm,
      run: (tx, actor, { paragraphId, ...input }) => reviewSecretText(tx, actor, paragraphId, input),
      render: (state) => reviewPage(c, state),
      redirect: (r) => `/granskning#text-${r.field}-${r.sourceId}`,
    });
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/api/secret-texts",
      operationId: "listSecretTexts",
      tags: ["Protokoll"],
      summary: "Fritext i sekretessärenden och dess granskning",
      description:
        "Fritexten i sekretessärenden (sammanfattning, förslag till beslut, yrkanden, reservationer, yttranden) i de " +
        "organ du för protokoll i, med SHA-256 av texten och granskningen av just den texten om den finns (L31).",
      security: [{ session: [] }],
      responses: {
        200: { description: "Texterna", ...json(z.object({ data: z.array(SecretText) })) },
        401: writeProblems[401],
        403: writeProblems[403],
      },
    }),
    async (c) => {
      const actor = requireSecretary(c);
      const { secret } = await read(c, (tx) => readReviewList(tx, actor));
      const data = secret.map(({ path: _p, secretaryPath: _s, review, ...x }) => ({
        ...x,
        review: review ? { by: review.by, at: review.at.toISOString() } : null,
      }));
      return c.json({ data }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/api/paragraphs/{id}/secret-text-reviews",
      operationId: "reviewSecretText",
      tags: ["Protokoll"],
      summary: "Markera en fritext i ett sekretessärende som granskad",
      description:
        "`{id}` är paragrafen. Granskningen gäller texten med angiven SHA-256; har texten ändrats sedan den lästes " +
        "blir svaret 409 secret_text_changed. Därefter visas texten offentligt, granskad för personuppgifter, tills " +
        "den ändras. Att granska samma text igen ändrar inget.",
      security: [{ session: [] }],
      request: { params: IdParam, body: { ...json(SecretTextReviewInput), required: true } },
      responses: {
        201: { description: "Granskad", ...json(SecretTextReview) },
        ...writeProblems,
      },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const r = await inTransaction(db(c), (tx) => reviewSecretText(tx, actor, id, input));
      return c.json(SecretTextReview.parse({ ...r, reviewedAt: r.reviewedAt.toISOString() }), 201);
    },
  );
}
