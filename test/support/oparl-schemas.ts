import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ValidateFunction } from "ajv";

// The OParl 1.1 JSON Schemas as ../shared/standards/README.md says they validate with Ajv 8: not strict, the format
// "url" added here, and every schema registered under its $id and its $id + ".json" (the schemas refer to each
// other as "Organization.json").

export const standardsDir = process.env.PARAGRAF_STANDARDS_DIR ?? "/work/shared/standards";
const schemaDir = join(standardsDir, "oparl-1.1", "schema");

/** A validator per OParl type name ("Meeting"), and its URI ("https://schema.oparl.org/1.1/Meeting"). */
export function oparlValidators(): Map<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat("url", (v: string) => {
    try {
      const u = new URL(v);
      return u.protocol === "http:" || u.protocol === "https:";
    } catch {
      return false;
    }
  });
  ajv.addFormat("date", /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat(
    "date-time",
    (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v)),
  );
  const schemas = readdirSync(schemaDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(schemaDir, f), "utf8")) as { $id: string });
  for (const s of schemas) {
    ajv.addSchema(s, s.$id);
    ajv.addSchema({ ...s, $id: `${s.$id}.json` }, `${s.$id}.json`);
  }
  const validators = new Map<string, ValidateFunction>();
  for (const s of schemas) validators.set(s.$id, ajv.getSchema(s.$id)!);
  return validators;
}
