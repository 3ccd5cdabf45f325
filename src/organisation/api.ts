import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Actor } from "../accounts/actor.js";
import type { Tx } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import type { AppEnv } from "../http/context.js";
import { IdParam, writeProblems } from "../http/openapi.js";
import { requireActor, requireMunicipality } from "../http/pages.js";
import { createBody, deleteBody, updateBody } from "./bodies.js";
import { addMembership, deleteMembership, updateMembership } from "./memberships.js";
import { addOfficial, deleteOfficial, updateOfficial } from "./officials.js";
import { createParty, deleteParty, updateParty } from "./parties.js";
import { createPerson, deletePerson, updatePerson } from "./persons.js";
import { readBodies, readBody } from "./read-bodies.js";
import { readParties, readParty } from "./read-parties.js";
import { readPerson, readPersons } from "./read-persons.js";
import { readMembership, readMemberships, readOfficial, readOfficials } from "./read-seats.js";
import * as s from "./schemas.js";
import { bodyKinds } from "./tables.js";

interface Resource {
  path: string;
  tag: string;
  noun: string;
  what: string;
  output: z.ZodObject;
  input: z.ZodObject;
  update: z.ZodObject;
  listQuery?: z.ZodObject;
  /** Read models: a list as presented, and one item as presented or a NotFoundError. */
  list: (tx: Tx, municipalityId: string, query: any) => Promise<unknown[]>;
  find: (tx: Tx, municipalityId: string, id: string) => Promise<unknown>;
  create: (tx: Tx, actor: Actor, input: any) => Promise<unknown>;
  change: (tx: Tx, actor: Actor, id: string, input: any) => Promise<unknown>;
  remove: (tx: Tx, actor: Actor, id: string) => Promise<void>;
}

/**
 * The five REST operations of one register resource. Each handler: validate (zod) → authenticate → use case in
 * a transaction → present through the output schema, which drops every field it does not name.
 */
function registerResource(api: OpenAPIHono<AppEnv>, r: Resource) {
  const json = (schema: z.ZodType) => ({ content: { "application/json": { schema } } });
  const db = (c: any) => c.get("deps").database.db;
  const secured = [{ session: [] }];

  api.openapi(
    createRoute({
      method: "get",
      path: r.path,
      tags: [r.tag],
      summary: `Lista ${r.noun}`,
      request: r.listQuery ? { query: r.listQuery } : {},
      responses: { 200: { description: "Listan", ...json(z.object({ data: z.array(r.output) })) } },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const rows = await inTransaction(db(c), (tx) =>
        r.list(tx, m.id, r.listQuery ? c.req.valid("query" as never) : {}),
      );
      return c.json({ data: rows.map((row) => r.output.parse(row)) }, 200);
    },
  );
  api.openapi(
    createRoute({
      method: "get",
      path: `${r.path}/{id}`,
      tags: [r.tag],
      summary: `Hämta ${r.what}`,
      request: { params: IdParam },
      responses: { 200: { description: "Posten", ...json(r.output) }, 404: writeProblems[404] },
    }),
    async (c) => {
      const m = requireMunicipality(c);
      const { id } = c.req.valid("param");
      const row = await inTransaction(db(c), (tx) => r.find(tx, m.id, id));
      return c.json(r.output.parse(row), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "post",
      path: r.path,
      tags: [r.tag],
      summary: `Skapa ${r.what}`,
      security: secured,
      request: { body: { ...json(r.input), required: true } },
      responses: { 201: { description: "Skapad", ...json(r.output) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const input = c.req.valid("json");
      const created = await inTransaction(db(c), (tx) => r.create(tx, actor, input));
      return c.json(r.output.parse(created), 201);
    },
  );
  api.openapi(
    createRoute({
      method: "patch",
      path: `${r.path}/{id}`,
      tags: [r.tag],
      summary: `Ändra ${r.what}`,
      security: secured,
      request: { params: IdParam, body: { ...json(r.update), required: true } },
      responses: { 200: { description: "Ändrad", ...json(r.output) }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const changed = await inTransaction(db(c), (tx) => r.change(tx, actor, id, input));
      return c.json(r.output.parse(changed), 200);
    },
  );
  api.openapi(
    createRoute({
      method: "delete",
      path: `${r.path}/{id}`,
      tags: [r.tag],
      summary: `Ta bort ${r.what}`,
      security: secured,
      request: { params: IdParam },
      responses: { 204: { description: "Borttagen (mjukt: historiken finns kvar)" }, ...writeProblems },
    }),
    async (c) => {
      const actor = requireActor(c);
      const { id } = c.req.valid("param");
      await inTransaction(db(c), (tx) => r.remove(tx, actor, id));
      return c.body(null, 204);
    },
  );
}

const kindList = bodyKinds.join(", ");

/** The organisation register's JSON API (M1). */
export function registerOrganisationApi(api: OpenAPIHono<AppEnv>) {
  registerResource(api, {
    path: "/api/bodies",
    tag: "Organ",
    noun: "organ",
    what: "ett organ",
    output: s.Body,
    input: s.BodyInput,
    update: s.BodyUpdate,
    listQuery: z.object({
      kind: z.enum(bodyKinds, { error: `Typen måste vara en av: ${kindList}.` }).optional(),
      slug: z.string().optional(),
    }),
    list: (tx, m, query) => readBodies(tx, m, query),
    find: readBody,
    create: createBody,
    change: updateBody,
    remove: deleteBody,
  });
  registerResource(api, {
    path: "/api/parties",
    tag: "Partier",
    noun: "partier",
    what: "ett parti",
    output: s.Party,
    input: s.PartyInput,
    update: s.PartyUpdate,
    list: (tx, m) => readParties(tx, m),
    find: readParty,
    create: createParty,
    change: updateParty,
    remove: deleteParty,
  });
  registerResource(api, {
    path: "/api/persons",
    tag: "Personer",
    noun: "personer",
    what: "en person",
    output: s.Person,
    input: s.PersonInput,
    update: s.PersonUpdate,
    list: (tx, m) => readPersons(tx, m),
    find: readPerson,
    create: createPerson,
    change: updatePerson,
    remove: deletePerson,
  });
  registerResource(api, {
    path: "/api/memberships",
    tag: "Uppdrag i organ",
    noun: "uppdrag i organ",
    what: "ett uppdrag i ett organ",
    output: s.Membership,
    input: s.MembershipInput,
    update: s.MembershipUpdate,
    listQuery: z.object({
      bodyId: z.uuid({ error: "Ogiltigt organ-id." }).optional(),
      personId: z.uuid({ error: "Ogiltigt person-id." }).optional(),
    }),
    list: (tx, m, query) => readMemberships(tx, m, query),
    find: (tx, m, id) => readMembership(tx, m, id),
    create: addMembership,
    change: updateMembership,
    remove: deleteMembership,
  });
  registerResource(api, {
    path: "/api/officials",
    tag: "Tjänstepersoner",
    noun: "tjänstepersoner",
    what: "en tjänsteperson",
    output: s.Official,
    input: s.OfficialInput,
    update: s.OfficialUpdate,
    listQuery: z.object({
      bodyId: z.uuid({ error: "Ogiltigt organ-id." }).optional(),
      personId: z.uuid({ error: "Ogiltigt person-id." }).optional(),
    }),
    list: (tx, m, query) => readOfficials(tx, m, query),
    find: readOfficial,
    create: addOfficial,
    change: updateOfficial,
    remove: deleteOfficial,
  });
}
