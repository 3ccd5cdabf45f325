import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildParty, buildPerson } from "../../test/support/factories.js";
import { auditEntry } from "../audit/tables.js";
import type { Database } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import { createBody, deleteBody, updateBody } from "./bodies.js";
import { addMembership, updateMembership } from "./memberships.js";
import { addOfficial } from "./officials.js";
import { createParty } from "./parties.js";
import { listBodies, listMemberships } from "./queries.js";
import { body } from "./tables.js";

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function rejects(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("bodies", () => {
  it("gets its slug from the Swedish name and writes an audit entry in the same transaction", async () => {
    const m = await freshMunicipality(database);
    const created = await buildBody(database, m.system, { name: "Fritidsnämnden", shortName: "FRN" });
    expect(created.slug).toBe("fritidsnamnden");
    const trail = await tx(database, (t) =>
      t.select().from(auditEntry).where(eq(auditEntry.recordId, created.id)),
    );
    expect(trail.map((e) => e.action)).toEqual(["body.created"]);
    expect(trail[0]!.after).toMatchObject({ name: "Fritidsnämnden", slug: "fritidsnamnden" });
  });

  it("refuses a second body with the same slug and writes nothing", async () => {
    const m = await freshMunicipality(database);
    await buildBody(database, m.system, { name: "Kulturnämnden" });
    const error = await rejects(buildBody(database, m.system, { name: "Kulturnämnden" }));
    expect(error.code).toBe("slug_taken");
    expect(await tx(database, (t) => listBodies(t, m.id))).toHaveLength(1);
  });

  it("keeps the same slug apart in two municipalities", async () => {
    const a = await freshMunicipality(database);
    const b = await freshMunicipality(database);
    await buildBody(database, a.system, { name: "Miljönämnden" });
    await buildBody(database, b.system, { name: "Miljönämnden" });
    expect(await tx(database, (t) => listBodies(t, a.id))).toHaveLength(1);
  });

  it("refuses a parent from another municipality", async () => {
    const a = await freshMunicipality(database);
    const b = await freshMunicipality(database);
    const foreign = await buildBody(database, b.system);
    const error = await rejects(buildBody(database, a.system, { parentId: foreign.id }));
    expect(error.code).toBe("parent_not_found");
  });

  it("refuses to put a body beneath its own descendant", async () => {
    const m = await freshMunicipality(database);
    const ks = await buildBody(database, m.system, { name: "Kommunstyrelsen", kind: "executive_board" });
    const ksau = await buildBody(database, m.system, {
      name: "Arbetsutskottet",
      kind: "working_committee",
      parentId: ks.id,
    });
    const error = await rejects(tx(database, (t) => updateBody(t, m.system, ks.id, { parentId: ksau.id })));
    expect(error.code).toBe("parent_cycle");
    const [stored] = await tx(database, (t) => t.select().from(body).where(eq(body.id, ks.id)));
    expect(stored!.parentId).toBeNull();
  });

  it("records before and after values when a body changes", async () => {
    const m = await freshMunicipality(database);
    const b = await buildBody(database, m.system, { name: "Servicenämnden" });
    await tx(database, (t) => updateBody(t, m.system, b.id, { seats: 13 }));
    const trail = await tx(database, (t) => t.select().from(auditEntry).where(eq(auditEntry.recordId, b.id)));
    const change = trail.find((e) => e.action === "body.updated")!;
    expect(change.before).toMatchObject({ seats: null });
    expect(change.after).toMatchObject({ seats: 13 });
  });

  it("soft-deletes a body with its memberships, but not one with child bodies", async () => {
    const m = await freshMunicipality(database);
    const parent = await buildBody(database, m.system, { kind: "administration" });
    await buildBody(database, m.system, { kind: "department", parentId: parent.id });
    expect((await rejects(tx(database, (t) => deleteBody(t, m.system, parent.id)))).code).toBe(
      "body_has_children",
    );

    const lone = await buildBody(database, m.system);
    const person = await buildPerson(database, m.system);
    await tx(database, (t) =>
      addMembership(t, m.system, {
        personId: person.id,
        bodyId: lone.id,
        role: "member",
        startsOn: "2022-10-15",
      }),
    );
    await tx(database, (t) => deleteBody(t, m.system, lone.id));
    expect((await tx(database, (t) => listBodies(t, m.id))).map((b) => b.id)).not.toContain(lone.id);
    expect(await tx(database, (t) => listMemberships(t, m.id, { personId: person.id }))).toHaveLength(0);
  });

  it("lets the database refuse what the code would also refuse", async () => {
    const m = await freshMunicipality(database);
    await buildBody(database, m.system, { name: "Tekniska nämnden" });
    await expect(
      tx(database, (t) =>
        t
          .insert(body)
          .values({ municipalityId: m.id, kind: "committee", name: "X", slug: "tekniska-namnden" }),
      ),
    ).rejects.toThrow();
  });
});

describe("memberships and officials", () => {
  it("refuses a term that ends before it starts", async () => {
    const m = await freshMunicipality(database);
    const b = await buildBody(database, m.system);
    const p = await buildPerson(database, m.system);
    const error = await rejects(
      tx(database, (t) =>
        addMembership(t, m.system, {
          personId: p.id,
          bodyId: b.id,
          role: "member",
          startsOn: "2026-10-15",
          endsOn: "2022-10-14",
        }),
      ),
    );
    expect(error.code).toBe("term_ends_before_start");
    expect(error.field).toBe("endsOn");
  });

  it("ends a term by setting its last day", async () => {
    const m = await freshMunicipality(database);
    const b = await buildBody(database, m.system);
    const p = await buildPerson(database, m.system);
    const seat = await tx(database, (t) =>
      addMembership(t, m.system, { personId: p.id, bodyId: b.id, role: "chair", startsOn: "2022-10-15" }),
    );
    const ended = await tx(database, (t) => updateMembership(t, m.system, seat.id, { endsOn: "2026-10-14" }));
    expect(ended.endsOn).toBe("2026-10-14");
    expect(ended.role).toBe("chair");
  });

  it("places officials only in the civil service", async () => {
    const m = await freshMunicipality(database);
    const committee = await buildBody(database, m.system);
    const office = await buildBody(database, m.system, { kind: "administration", name: "Stadskontoret" });
    const p = await buildPerson(database, m.system);
    const error = await rejects(
      tx(database, (t) =>
        addOfficial(t, m.system, { personId: p.id, bodyId: committee.id, title: "Enhetschef" }),
      ),
    );
    expect(error.code).toBe("official_needs_administration");
    const post = await tx(database, (t) =>
      addOfficial(t, m.system, { personId: p.id, bodyId: office.id, title: "Enhetschef" }),
    );
    expect(post.title).toBe("Enhetschef");
  });

  it("keeps party abbreviations unique", async () => {
    const m = await freshMunicipality(database);
    await buildParty(database, m.system, { abbreviation: "S" });
    const error = await rejects(
      tx(database, (t) => createParty(t, m.system, { name: "Annat", abbreviation: "S" })),
    );
    expect(error.code).toBe("abbreviation_taken");
  });
});

describe("authorization", () => {
  it("refuses a write by someone without the right role", async () => {
    const m = await freshMunicipality(database);
    const registrar = {
      municipalityId: m.id,
      userId: null,
      label: "Registrator",
      grants: [{ role: "registrar" as const, bodyId: null }],
    };
    const error = await rejects(
      tx(database, (t) => createBody(t, registrar, { kind: "committee", name: "Ny nämnd" })),
    );
    expect(error.code).toBe("forbidden");
    expect(await tx(database, (t) => listBodies(t, m.id))).toHaveLength(0);
  });
});
