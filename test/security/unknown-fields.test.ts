import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changedTables, type FuzzInstallation, fingerprint, fuzzInstallation } from "../fuzz/support.js";
import { OpenApi, type Operation, type Schema } from "../support/openapi.js";

// Issue 11: every JSON body the API takes refuses a field it does not name, with a Swedish 400 that names it, and
// writes nothing. The operations come from the OpenAPI document, so a new write route is covered without new code.

let installation: FuzzInstallation;
let api: OpenApi;

beforeAll(async () => {
  installation = await fuzzInstallation();
  api = new OpenApi(await (await installation.app.request("/api/openapi.json")).json(), installation.idsFor);
});
afterAll(() => installation?.database.close());

const resolve = (schema: Schema | undefined) => api.resolve(schema);
const writes = () => api.operations().filter((op): op is Operation & { body: Schema } => op.body !== null);

/** Every object a body can hold (the body itself, the items of its lists, its nested objects), by its place. */
function objectsIn(raw: Schema, at = "body", depth = 0): { at: string; schema: Schema }[] {
  const schema = resolve(raw);
  if (depth > 6) return [];
  const choices: Schema[] = schema.anyOf ?? schema.oneOf ?? schema.allOf ?? [];
  const found = choices.flatMap((s) => objectsIn(s, at, depth + 1));
  if (schema.type === "array" || (Array.isArray(schema.type) && schema.type.includes("array")))
    found.push(...objectsIn(schema.items, `${at}[]`, depth + 1));
  if (schema.properties) {
    found.push({ at, schema });
    for (const [key, property] of Object.entries<Schema>(schema.properties))
      found.push(...objectsIn(property, `${at}.${key}`, depth + 1));
  }
  return found;
}

/** A body with an unknown field at the top and in the first item of every list of objects it holds. */
function bodyWithUnknownFields(raw: Schema, depth = 0): Record<string, unknown> {
  const schema = resolve(raw);
  const value: Record<string, unknown> = { okäntFält: "x" };
  if (depth > 4) return value;
  for (const [key, p] of Object.entries<Schema>(schema.properties ?? {})) {
    const property = resolve(
      (p.anyOf ?? p.oneOf ?? [p]).find((s: Schema) => resolve(s).type !== "null") ?? p,
    );
    const items = resolve(property.items);
    if (property.type === "array" && items.properties) value[key] = [bodyWithUnknownFields(items, depth + 1)];
    else if (property.properties) value[key] = bodyWithUnknownFields(property, depth + 1);
  }
  return value;
}

/** The places, as the answer names fields, where the body above put an unknown field. */
function unknownPlaces(value: unknown, at: string[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownPlaces(v, [...at, String(i)]));
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) =>
    k === "okäntFält" ? [[...at, k].join(".")] : unknownPlaces(v, [...at, k]),
  );
}

describe("unknown fields in API bodies", () => {
  it("are refused by every object of every request body in the OpenAPI document", () => {
    const ops = writes();
    expect(ops.length).toBeGreaterThan(40);
    const open = ops.flatMap((op) =>
      objectsIn(op.body)
        .filter(({ schema }) => schema.additionalProperties !== false)
        .map(({ at }) => `${op.method} ${op.path}: ${at}`),
    );
    expect(open).toEqual([]);
  });

  it("get a Swedish 400 naming each of them, and nothing is written, on every write route", async () => {
    const problems: string[] = [];
    const { client } = await installation.signedIn();
    let before = await fingerprint(installation.database);
    for (const op of writes()) {
      const path = op.path.replace(/\{[^}]+\}/g, "00000000-0000-4000-8000-000000000000");
      const body = bodyWithUnknownFields(op.body);
      const res = await client.request(op.method, path, { json: body });
      const answer = (await res.json()) as { errors?: { field: string; message: string }[] };
      const after = await fingerprint(installation.database);
      const label = `${op.method} ${op.path}`;
      if (res.status !== 400) problems.push(`${label}: ${res.status}`);
      const named = new Map((answer.errors ?? []).map((e) => [e.field, e.message]));
      for (const place of unknownPlaces(body)) {
        const message = named.get(place);
        if (!message?.includes('Fältet "okäntFält" finns inte'))
          problems.push(`${label}: ${place} not named`);
      }
      const changed = changedTables(before, after);
      if (changed.length > 0) problems.push(`${label}: wrote to ${changed.join(", ")}`);
      before = after;
    }
    expect(problems).toEqual([]);
  });

  it("refuse a body that would otherwise be written, and the same body without them is written", async () => {
    const { client } = await installation.signedIn();
    const person = { name: "Strikt Person" };
    const before = await fingerprint(installation.database);
    const refused = await client.request("POST", "/api/persons", { json: { ...person, partiId: null } });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      errors: [
        { field: "partiId", message: 'Fältet "partiId" finns inte i begäran. Ta bort det och försök igen.' },
      ],
    });
    expect(changedTables(before, await fingerprint(installation.database))).toEqual([]);
    expect((await client.request("POST", "/api/persons", { json: person })).status).toBe(201);
  });
});
