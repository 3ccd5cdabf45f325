import type { OpenAPIHono } from "@hono/zod-openapi";
import { DomainError } from "../domain/errors.js";
import type { AppEnv } from "../http/context.js";
import { Layout } from "../http/layout.js";
import { chrome, read, requireActor } from "../http/pages.js";
import { readReviewList } from "./review.js";

/** /granskning: the secretary's list of personal data masked in public texts and free text on secret cases (L31). */
export function registerReviewPage(app: OpenAPIHono<AppEnv>) {
  app.get("/granskning", async (c) => {
    const actor = requireActor(c);
    if (!actor.grants.some((g) => g.role === "admin" || g.role === "secretary"))
      throw new DomainError("forbidden", { permission: "meeting:write" });
    const items = await read(c, (tx) => readReviewList(tx, actor));
    const secret = items.filter((i) => i.found === null);
    const found = items.filter((i) => i.found !== null);
    return c.html(
      <Layout title="Granskning före publicering" chrome={chrome(c)}>
        <h1>Granskning före publicering</h1>
        <p>
          Texter i protokollen granskas automatiskt innan de publiceras. Personnummer och samordningsnummer
          (med rätt kontrollsiffra), telefonnummer och adresser maskeras i den offentliga versionen; här ser
          du dem för att kunna rätta texten. Den interna versionen är oförändrad.
        </p>
        <h2>Fritext i sekretessärenden</h2>
        <p>
          Fritext som skrivs i ett ärende med sekretess visas inte på webbplatsen, i API:erna, flödena eller
          de öppna data. Kontrollera att texten inte röjer något som omfattas av sekretess.
        </p>
        {secret.length === 0 ? (
          <p>Ingen fritext i sekretessärenden.</p>
        ) : (
          <ul>
            {secret.map((i) => (
              <li>
                <a href={i.secretaryPath}>{`${i.code} (${i.caseNumber})`}</a>
                {`: ${i.where}`}
              </li>
            ))}
          </ul>
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
      </Layout>,
    );
  });
}
