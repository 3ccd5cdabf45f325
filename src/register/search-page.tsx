import type { OpenAPIHono } from "@hono/zod-openapi";
import { can } from "../accounts/policy.js";
import type { AppEnv } from "../http/context.js";
import { Layout } from "../http/layout.js";
import { chrome, read, requireMunicipality } from "../http/pages.js";
import { type FieldError, fieldErrors } from "../http/validation.js";
import { secretAccess } from "./access.js";
import { directionLabel, recordTypeLabel, sortLabel, statusLabel } from "./labels.js";
import { type Option, Snippet, searchLink } from "./page-parts.js";
import { casePath } from "./present.js";
import { readSearchPage } from "./read-choices.js";
import * as s from "./schemas.js";
import { recordDirections, recordTypes } from "./tables.js";

/** The public search of the diarium: /diarium. */
export function registerSearchPage(app: OpenAPIHono<AppEnv>) {
  app.get("/diarium", async (c) => {
    const m = requireMunicipality(c);
    const raw = c.req.query();
    const parsed = s.SearchQuery.safeParse(raw);
    const query = parsed.success ? parsed.data : {};
    const errors: FieldError[] = parsed.success ? [] : fieldErrors(parsed.error);
    const { bodies, result, latestCaseNumber } = await read(c, (tx) =>
      readSearchPage(
        tx,
        m.id,
        secretAccess(c.get("actor")),
        parsed.success
          ? {
              q: query.q,
              bodyId: query.organ,
              year: query.ar,
              recordType: query.typ,
              direction: query.riktning,
              status: query.status,
              kind: query.slag,
              sort: query.sortering,
              page: query.sida,
            }
          : null,
      ),
    );
    const actor = c.get("actor");
    const select = (
      name: string,
      label: string,
      options: Option[],
      value: string | undefined,
      none: string,
    ) => (
      <div class="field">
        <label for={`s-${name}`}>{label}</label>
        <select id={`s-${name}`} name={name}>
          <option value="">{none}</option>
          {options.map((o) => (
            <option value={o.value} selected={o.value === value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    );
    const keep = {
      q: query.q,
      organ: query.organ,
      ar: query.ar,
      typ: query.typ,
      riktning: query.riktning,
      status: query.status,
      slag: query.slag,
      sortering: query.sortering,
    };
    const pages = result ? Math.ceil(result.total / result.perPage) : 0;
    return c.html(
      <Layout title="Diarium" chrome={chrome(c)} current="/diarium">
        <h1>{`Diarium för ${m.name}`}</h1>
        <p>
          Sök bland ärenden och handlingar. Sökningen hittar böjda former (insats, insatser, föreningen) och
          diarienummer från början {numberHint(latestCaseNumber)}.
        </p>
        {can(actor, "register:write") || actor?.grants.some((g) => g.role === "registrar") ? (
          <p class="actions">
            <a href="/diarium/ny">Registrera ärende</a>
            {can(actor, "organisation:write") ? <a href="/diarium/nummerserier">Nummerserier</a> : null}
          </p>
        ) : null}
        <search>
          <form method="get" action="/diarium" class="search">
            {errors.length ? (
              <div class="error-summary" role="alert">
                <h2>Sökningen kunde inte göras</h2>
                <ul>
                  {errors.map((e) => (
                    <li>{e.message}</li>
                  ))}
                </ul>
              </div>
            ) : null}
            <div class="field">
              <label for="s-q">Sökord eller diarienummer</label>
              <input type="search" id="s-q" name="q" value={query.q ?? ""} />
            </div>
            <details
              open={Boolean(
                query.organ || query.ar || query.typ || query.riktning || query.status || query.slag,
              )}
            >
              <summary>Avgränsa</summary>
              {select("organ", "Ansvarigt organ", bodies, query.organ, "Alla organ")}
              <div class="field">
                <label for="s-ar">År</label>
                <input type="number" id="s-ar" name="ar" value={query.ar ? String(query.ar) : ""} />
              </div>
              {select(
                "slag",
                "Visa",
                [
                  { value: "case", label: "Bara ärenden" },
                  { value: "record", label: "Bara handlingar" },
                ],
                query.slag,
                "Ärenden och handlingar",
              )}
              {select(
                "typ",
                "Handlingstyp",
                recordTypes.map((t) => ({ value: t, label: recordTypeLabel[t] })),
                query.typ,
                "Alla typer",
              )}
              {select(
                "riktning",
                "Riktning",
                recordDirections.map((d) => ({ value: d, label: directionLabel[d] })),
                query.riktning,
                "Alla riktningar",
              )}
              {select(
                "status",
                "Ärendets status",
                [
                  { value: "open", label: statusLabel.open },
                  { value: "closed", label: statusLabel.closed },
                ],
                query.status,
                "Alla",
              )}
            </details>
            <div class="field">
              <label for="s-sortering">Sortering</label>
              <select id="s-sortering" name="sortering">
                {Object.entries(sortLabel).map(([value, label]) => (
                  <option
                    value={value}
                    selected={value === (query.sortering ?? (query.q ? "relevance" : "newest"))}
                  >
                    {label}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">Sök</button>
          </form>
        </search>
        {result ? (
          <section aria-labelledby="traffar">
            <h2 id="traffar">
              {result.total === 0
                ? "Inga träffar"
                : `${result.totalCapped ? "Fler än " : ""}${result.total} ${result.total === 1 ? "träff" : "träffar"}`}
            </h2>
            <ol class="hits">
              {result.hits.map((hit) => (
                <li>
                  <h3>
                    <a
                      href={
                        hit.kind === "case"
                          ? casePath(hit.number)
                          : `${casePath(hit.caseNumber)}#${hit.number}`
                      }
                    >
                      {`${hit.number} ${hit.heading}`}
                    </a>
                  </h3>
                  <p class="muted">
                    {hit.kind === "case"
                      ? `Ärende · ${statusLabel[hit.status]} · öppnat ${hit.datedOn}${hit.bodyName ? ` · ${hit.bodyName}` : ""}`
                      : `Handling · ${recordTypeLabel[hit.recordType!]} · ${directionLabel[hit.direction!].toLowerCase()} · ${hit.datedOn} · i ärende ${hit.caseNumber} ${hit.caseTitle}`}
                    {hit.secret ? " · Sekretessmarkerad" : ""}
                  </p>
                  {query.q ? <Snippet hit={hit} /> : null}
                </li>
              ))}
            </ol>
            {pages > 1 ? (
              <nav aria-label="Sidor" class="actions">
                {result.page > 1 ? (
                  <a href={searchLink({ ...keep, sida: result.page - 1 })}>Föregående sida</a>
                ) : null}
                <span>{`Sida ${result.page} av ${pages}`}</span>
                {result.page < pages ? (
                  <a href={searchLink({ ...keep, sida: result.page + 1 })}>Nästa sida</a>
                ) : null}
              </nav>
            ) : null}
          </section>
        ) : null}
      </Layout>,
      errors.length ? 400 : 200,
    );
  });
}

/** How a number is found by its beginning, shown with a number from this municipality's own diarium. */
function numberHint(latest: string | null): string {
  if (!latest || latest.length < 3) return "(de första tecknen i numret räcker)";
  return `(${latest.slice(0, -1)} hittar ${latest})`;
}
