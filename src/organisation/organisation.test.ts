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

describe("register limits", () => {
  it("never seats more ordinary members than the body has seats, counting terms that overlap", async () => {
    const m = await freshMunicipality(database);
    const kf = await buildBody(database, m.system, { name: "Kommunfullmäktige", kind: "council", seats: 3 });
    const term = { startsOn: "2022-10-15", endsOn: null };
    const persons: { id: string }[] = [];
    for (let i = 0; i < 5; i++)
      persons.push(await buildPerson(database, m.system, { name: `Ledamot ${i + 1}` }));
    const seat = (i: number, over: Partial<Parameters<typeof addMembership>[2]> = {}) =>
      tx(database, (t) =>
        addMembership(t, m.system, {
          personId: persons[i]!.id,
          bodyId: kf.id,
          role: "member",
          ...term,
          ...over,
        }),
      );
    await seat(0, { role: "chair" });
    await seat(1, { role: "vice_chair" });
    const ending = await seat(2, { endsOn: "2024-06-30" });
    // A substitute holds no seat.
    await seat(3, { role: "substitute" });
    const full = await rejects(seat(4));
    expect(full.code).toBe("seats_full");
    expect(full.details).toEqual({ body: "Kommunfullmäktige", seats: 3, count: 3, day: "2022-10-15" });
    const { describeError } = await import("../http/errors.js");
    expect(describeError(full).message).toContain(
      "Kommunfullmäktige har 3 ordinarie platser, och 3 ledamöter har redan uppdrag den 2022-10-15.",
    );
    // After the third member's term ends, the seat is free again.
    await seat(4, { startsOn: "2024-07-01" });
    const longer = await rejects(
      tx(database, (t) => updateMembership(t, m.system, ending.id, { endsOn: "2024-07-01" })),
    );
    expect(longer.code).toBe("seats_full");
    const fewer = await rejects(tx(database, (t) => updateBody(t, m.system, kf.id, { seats: 2 })));
    expect(fewer.code).toBe("seats_below_members");
    const rows = await tx(database, (t) => listMemberships(t, m.id, { bodyId: kf.id }));
    expect(rows).toHaveLength(5);
  });

  it("has one chair at a time, and a new chair once the old term has ended", async () => {
    const m = await freshMunicipality(database);
    const kn = await buildBody(database, m.system, { name: "Kulturnämnden", seats: 9 });
    const a = await buildPerson(database, m.system, { name: "Anna Andersson" });
    const b = await buildPerson(database, m.system, { name: "Bertil Berg" });
    const old = await tx(database, (t) =>
      addMembership(t, m.system, { personId: a.id, bodyId: kn.id, role: "chair", startsOn: "2022-10-15" }),
    );
    const second = await rejects(
      tx(database, (t) =>
        addMembership(t, m.system, { personId: b.id, bodyId: kn.id, role: "chair", startsOn: "2025-01-01" }),
      ),
    );
    expect(second.code).toBe("second_chair");
    const { describeError } = await import("../http/errors.js");
    expect(describeError(second).message).toBe(
      "Kulturnämnden har redan en ordförande under perioden: Anna Andersson (från 2022-10-15). Ett organ har en ordförande åt gången; avsluta det uppdraget först. Ingenting har sparats.",
    );
    const member = await tx(database, (t) =>
      addMembership(t, m.system, { personId: b.id, bodyId: kn.id, role: "member", startsOn: "2025-01-01" }),
    );
    expect(
      (await rejects(tx(database, (t) => updateMembership(t, m.system, member.id, { role: "chair" })))).code,
    ).toBe("second_chair");
    await tx(database, (t) => updateMembership(t, m.system, old.id, { endsOn: "2024-12-31" }));
    await tx(database, (t) => updateMembership(t, m.system, member.id, { role: "chair" }));
  });

  it("has one council per municipality, in the use case and in the database", async () => {
    const m = await freshMunicipality(database);
    const kf = await buildBody(database, m.system, { name: "Kommunfullmäktige", kind: "council", seats: 61 });
    const second = await rejects(
      tx(database, (t) => createBody(t, m.system, { name: "Andra fullmäktige", kind: "council" })),
    );
    expect(second.code).toBe("second_council");
    const ks = await buildBody(database, m.system, { name: "Kommunstyrelsen", kind: "executive_board" });
    expect(
      (await rejects(tx(database, (t) => updateBody(t, m.system, ks.id, { kind: "council" })))).code,
    ).toBe("second_council");
    await expect(
      tx(database, (t) =>
        t.insert(body).values({
          municipalityId: m.id,
          kind: "council",
          name: "Tredje",
          slug: "tredje",
          openMeetings: true,
        }),
      ),
    ).rejects.toThrow();
    // Another municipality has its own.
    const other = await freshMunicipality(database);
    await buildBody(database, other.system, { name: "Kommunfullmäktige", kind: "council" });
    await tx(database, (t) => deleteBody(t, m.system, kf.id));
    await tx(database, (t) => createBody(t, m.system, { name: "Nya fullmäktige", kind: "council" }));
  });
});
