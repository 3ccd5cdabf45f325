import type { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import type { AppEnv } from "./context.js";
import { type Field, Form, type FormValues } from "./forms.js";
import { Breadcrumbs, Layout } from "./layout.js";
import { chrome, type FormRender, requireActor, submitForm } from "./pages.js";

export interface Crumb {
  href?: string;
  label: string;
}

/** A page with one form: breadcrumbs, heading, the form with its messages. */
export function FormPage(props: {
  c: Context<AppEnv>;
  title: string;
  trail: Crumb[];
  action: string;
  fields: Field[];
  state: FormRender;
  submitLabel: string;
  intro?: string;
  /** The navigation entry the page belongs under. */
  current?: string;
}) {
  return (
    <Layout title={props.title} chrome={chrome(props.c)} current={props.current}>
      <Breadcrumbs trail={props.trail} />
      <h1>{props.title}</h1>
      {props.intro ? <p>{props.intro}</p> : null}
      <Form
        action={props.action}
        fields={props.fields}
        values={props.state.values}
        errors={props.state.errors}
        csrfToken={props.c.get("csrfToken")}
        submitLabel={props.submitLabel}
      />
    </Layout>
  );
}

/** What a form page needs: the data it is about, its words and fields, the schema and the use case it runs. */
export interface FormRouteDefinition<L, S extends z.ZodType, R> {
  /** Loads what the form is about (the body, the lists for its selects); throws NotFoundError when absent. */
  load: (c: Context<AppEnv>) => Promise<L>;
  title: (loaded: L) => string;
  trail: (loaded: L) => Crumb[];
  fields: (loaded: L) => Field[];
  initial?: (loaded: L) => FormValues;
  schema: S;
  run: (tx: Tx, actor: Actor, input: z.infer<S>, loaded: L) => Promise<R>;
  redirect: (result: R, loaded: L) => string;
  submitLabel: string;
  intro?: string;
  current?: string;
}

/**
 * Registers GET (the empty or pre-filled form) and POST (validate → use case → redirect, or the form again with
 * messages) for one form page. Both need a signed-in user; the use case decides what that user may do.
 */
export function formRoute<L, S extends z.ZodType, R>(
  app: OpenAPIHono<AppEnv>,
  path: string,
  def: FormRouteDefinition<L, S, R>,
) {
  const page = (c: Context<AppEnv>, loaded: L, state: FormRender) => (
    <FormPage
      c={c}
      title={def.title(loaded)}
      trail={def.trail(loaded)}
      action={c.req.path}
      fields={def.fields(loaded)}
      state={state}
      submitLabel={def.submitLabel}
      intro={def.intro}
      current={def.current}
    />
  );
  app.get(path, async (c) => {
    requireActor(c);
    const loaded = await def.load(c);
    return c.html(page(c, loaded, { values: def.initial?.(loaded) ?? {}, errors: [] }));
  });
  app.post(path, async (c) => {
    requireActor(c);
    const loaded = await def.load(c);
    return submitForm(c, {
      fields: def.fields(loaded),
      schema: def.schema,
      run: (tx, actor, input) => def.run(tx, actor, input, loaded),
      render: (state) => page(c, loaded, state),
      redirect: (result) => def.redirect(result, loaded),
    });
  });
}
