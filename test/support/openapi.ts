import fc from "fast-check";

// The OpenAPI document as the proof tests read it: its operations, and request values built from its schemas
// with real ids and the values the installation's own records hold, so that a request is valid but for what a
// test changes in it. The fuzz tests, the unknown-field test and the access matrix all take their routes from here,
// so a new route is covered as soon as it is in the document.

export type Schema = Record<string, any>;
export interface ApiDocument {
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: "path" | "query"; schema: Schema }[];
  /** The JSON body's schema, resolved; null when the operation takes none. */
  body: Schema | null;
}

type Gen = fc.GeneratorValue;

export class OpenApi {
  /** Values the installation's records hold, by field name. */
  private readonly harvested = new Map<string, unknown[]>();

  constructor(
    readonly document: ApiDocument,
    /** Real ids for a field or resource name ("bodyId", "cases"). */
    private readonly idsFor: (name: string) => string[],
  ) {}

  resolve(schema: Schema | undefined): Schema {
    let current = schema ?? {};
    while (current.$ref)
      current = this.document.components.schemas[String(current.$ref).split("/").pop()!] ?? {};
    return current;
  }

  operations(): Operation[] {
    const found: Operation[] = [];
    for (const [path, item] of Object.entries(this.document.paths))
      for (const [method, op] of Object.entries(item)) {
        const content = op.requestBody?.content?.["application/json"]?.schema;
        found.push({
          method: method.toUpperCase(),
          path,
          parameters: (op.parameters ?? []).map((p: any) => ({
            name: p.name,
            in: p.in,
            schema: p.schema ?? {},
          })),
          body: content ? this.resolve(content) : null,
        });
      }
    return found;
  }

  /** Remembers the values of a response (a list the API returned), by field name, to build requests from. */
  harvest(value: unknown, key = "") {
    if (Array.isArray(value)) for (const item of value) this.harvest(item, key);
    else if (value && typeof value === "object")
      for (const [k, v] of Object.entries(value)) this.harvest(v, k);
    else if (key && (typeof value === "string" || typeof value === "number")) {
      const list = this.harvested.get(key) ?? [];
      if (list.length < 20 && !list.includes(value)) list.push(value);
      this.harvested.set(key, list);
    }
  }

  /** A value the schema would take, mostly: real ids, plausible days, the examples the document gives. */
  plausible(g: Gen, raw: Schema, depth = 0, name = ""): unknown {
    const schema = this.resolve(raw);
    if (schema.allOf)
      return Object.assign({}, ...schema.allOf.map((s: Schema) => this.plausible(g, s, depth, name)));
    const choices = schema.anyOf ?? schema.oneOf;
    if (choices) return this.plausible(g, g(fc.constantFrom, ...(choices as Schema[])), depth, name);
    if (schema.enum) return g(fc.constantFrom, ...(schema.enum as unknown[]));
    const known = this.harvested.get(name);
    if (known && schema.format !== "uuid" && g(fc.nat, 3) > 0) return g(fc.constantFrom, ...known);
    if (schema.example !== undefined && g(fc.boolean)) return schema.example;
    const types: string[] = Array.isArray(schema.type) ? schema.type : [schema.type ?? "string"];
    const type = types.length > 1 && g(fc.nat, 5) === 0 ? "null" : types.find((t) => t !== "null")!;
    switch (type) {
      case "null":
        return null;
      case "boolean":
        return g(fc.boolean);
      case "integer":
      case "number":
        return g(fc.integer, {
          min: schema.minimum ?? 0,
          max: Math.min(schema.maximum ?? 10, (schema.minimum ?? 0) + 10),
        });
      case "array": {
        if (depth > 4) return [];
        const count = Math.max(schema.minItems ?? 0, g(fc.nat, 2));
        return Array.from({ length: count }, () => this.plausible(g, schema.items ?? {}, depth + 1, name));
      }
      case "object": {
        if (depth > 4) return {};
        const value: Record<string, unknown> = {};
        const required = new Set<string>(schema.required ?? []);
        for (const [key, property] of Object.entries<Schema>(schema.properties ?? {}))
          if (required.has(key) || g(fc.boolean)) value[key] = this.plausible(g, property, depth + 1, key);
        return value;
      }
      default:
        return this.plausibleString(g, schema, name);
    }
  }

  private plausibleString(g: Gen, schema: Schema, name: string): string {
    if (schema.format === "uuid") return g(fc.constantFrom, ...this.idsFor(name));
    if (schema.format === "date") return `2026-0${g(fc.integer, { min: 1, max: 9 })}-1${g(fc.nat, 9)}`;
    if (schema.format === "date-time") return "2026-03-10T10:00:00+01:00";
    if (schema.format === "email") return `fuzz-${g(fc.nat, 9999)}@example.se`;
    if (schema.pattern?.includes("[01]")) return "10:00";
    if (schema.pattern?.includes("[a-z0-9]")) return `fuzz-${g(fc.nat, 9999)}`;
    return `Fuzztext ${g(fc.nat, 9999)}`;
  }
}
