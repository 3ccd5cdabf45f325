import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { inTransaction } from "../db/transaction.js";
import type { AppEnv } from "../http/context.js";
import { Csrf, type Field, Form } from "../http/forms.js";
import { Layout } from "../http/layout.js";
import { chrome, read, requireMunicipality } from "../http/pages.js";
import { confirmSubscription, subscribe, unsubscribe } from "./subscriptions.js";

// E-mail subscription (X9) without an account: ask, confirm by the mailed link, end with one click on the link in
// any mail. The pages say the same whether or not an address already follows something.

const fields: Field[] = [
  { name: "email", label: "Din e-postadress", type: "email", required: true, autocomplete: "email" },
];
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

function target(c: Context<AppEnv>) {
  const organ = c.req.query("organ");
  const arende = c.req.query("arende");
  return {
    bodySlug: organ && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(organ) ? organ : undefined,
    caseNumber: arende && arende.length <= 100 ? arende : undefined,
  };
}

function action(t: ReturnType<typeof target>) {
  return t.bodySlug
    ? `/bevakning?organ=${encodeURIComponent(t.bodySlug)}`
    : `/bevakning?arende=${encodeURIComponent(t.caseNumber ?? "")}`;
}

export function registerSubscriptionPages(app: OpenAPIHono<AppEnv>) {
  const page = (
    c: Context<AppEnv>,
    status: 200 | 400 | 404,
    errors: { field: string; message: string }[],
    email = "",
  ) => {
    const t = target(c);
    return c.html(
      <Layout title="Bevaka beslut" chrome={chrome(c)}>
        <h1>Bevaka beslut med e-post</h1>
        <p>
          {t.bodySlug
            ? "Du får ett e-postmeddelande när organet har fattat ett nytt beslut."
            : "Du får ett e-postmeddelande när ett nytt beslut fattas i ärendet."}{" "}
          Vi skickar först ett meddelande med en länk som du bekräftar bevakningen med. Varje meddelande har
          en länk som avslutar bevakningen med ett klick. Adressen används bara till detta.
        </p>
        <Form
          action={action(t)}
          fields={fields}
          values={{ email }}
          errors={errors as never}
          csrfToken={chrome(c).csrfToken}
          submitLabel="Bevaka"
        />
      </Layout>,
      status,
    );
  };

  app.get("/bevakning", (c) => {
    requireMunicipality(c);
    const t = target(c);
    if (!t.bodySlug && !t.caseNumber)
      return page(c, 404, [{ field: "email", message: "Välj ett organ eller ett ärende att bevaka." }]);
    return page(c, 200, []);
  });

  app.post("/bevakning", async (c) => {
    const m = requireMunicipality(c);
    const form = await c.req.parseBody();
    const email = typeof form.email === "string" ? form.email : "";
    const result = await inTransaction(c.get("deps").database.db, (tx) =>
      subscribe(tx, m.id, { email, ...target(c) }),
    );
    if (!result.ok)
      return page(
        c,
        result.field === "target" ? 404 : 400,
        [{ field: "email", message: result.message }],
        email,
      );
    return c.html(
      <Layout title="Kontrollera din e-post" chrome={chrome(c)}>
        <h1>Kontrollera din e-post</h1>
        <p>Vi har skickat ett meddelande med en länk. Bevakningen börjar när du har bekräftat den.</p>
      </Layout>,
    );
  });

  app.get("/bevakning/bekrafta", (c) => {
    requireMunicipality(c);
    const token = c.req.query("token") ?? "";
    // A form rather than a link that confirms: a mail program that opens links by itself confirms nothing.
    return c.html(
      <Layout title="Bekräfta bevakningen" chrome={chrome(c)}>
        <h1>Bekräfta bevakningen</h1>
        <form method="post" action="/bevakning/bekrafta">
          <Csrf token={chrome(c).csrfToken} />
          <input type="hidden" name="token" value={tokenPattern.test(token) ? token : ""} />
          <button type="submit">Bekräfta</button>
        </form>
      </Layout>,
    );
  });

  app.post("/bevakning/bekrafta", async (c) => {
    const m = requireMunicipality(c);
    const form = await c.req.parseBody();
    const token = typeof form.token === "string" && tokenPattern.test(form.token) ? form.token : null;
    const done = token
      ? await inTransaction(c.get("deps").database.db, (tx) => confirmSubscription(tx, m.id, token))
      : false;
    return c.html(
      <Layout title={done ? "Bevakningen är bekräftad" : "Länken gäller inte"} chrome={chrome(c)}>
        <h1>{done ? "Bevakningen är bekräftad" : "Länken gäller inte"}</h1>
        <p>{done ? "Du får e-post när nya beslut fattas." : "Bevakningen finns inte eller är avslutad."}</p>
      </Layout>,
      done ? 200 : 404,
    );
  });

  // One click in the mail ends the subscription (and a second click changes nothing).
  app.get("/bevakning/avsluta", async (c) => {
    const m = requireMunicipality(c);
    const token = c.req.query("token") ?? "";
    const done = tokenPattern.test(token) ? await read(c, (tx) => unsubscribe(tx, m.id, token)) : false;
    return c.html(
      <Layout title={done ? "Bevakningen är avslutad" : "Länken gäller inte"} chrome={chrome(c)}>
        <h1>{done ? "Bevakningen är avslutad" : "Länken gäller inte"}</h1>
        <p>{done ? "Du får ingen mer e-post om detta." : "Det finns ingen bevakning med den länken."}</p>
      </Layout>,
      done ? 200 : 404,
    );
  });
}
