import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import { standardsDir } from "./oparl-schemas.js";

// The Popolo schemas are draft-03, which Ajv cannot read. This is the translation to draft-07, kept next to the
// tests (../shared/standards/README.md): "id" becomes "$id", a property's "required": true becomes its parent's
// "required" list, and a "$ref" loses its trailing "#". Nothing else in the few schemas used here needs changing.

type Schema = Record<string, unknown>;

function translate(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(translate);
  if (!node || typeof node !== "object") return node;
  const s = { ...(node as Schema) };
  if (typeof s.id === "string") {
    s.$id = (s.id as string).replace(/#$/, "");
    delete s.id;
  }
  delete s.$schema;
  if (typeof s.$ref === "string") s.$ref = (s.$ref as string).replace(/#$/, "");
  if (s.properties && typeof s.properties === "object") {
    const required: string[] = [];
    const props: Schema = {};
    for (const [name, value] of Object.entries(s.properties as Schema)) {
      const v = { ...(value as Schema) };
      if (v.required === true) required.push(name);
      if (typeof v.required === "boolean") delete v.required;
      // A property schema's own "id" is a field name there, not a schema id.
      props[name] = translate(v);
    }
    s.properties = props;
    if (required.length > 0) s.required = required;
  }
  if (s.items) s.items = translate(s.items);
  return s;
}

/** Validators for Popolo's motion, vote_event, vote and count, from the draft-03 files translated. */
export function popoloValidators(): Record<"motion" | "vote_event" | "vote" | "count", ValidateFunction> {
  const dir = join(standardsDir, "popolo", "schemas");
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".json")))
    ajv.addSchema(translate(JSON.parse(readFileSync(join(dir, f), "utf8"))) as Schema);
  const get = (name: string) => ajv.getSchema(`http://www.popoloproject.com/schemas/${name}.json`)!;
  return { motion: get("motion"), vote_event: get("vote_event"), vote: get("vote"), count: get("count") };
}
