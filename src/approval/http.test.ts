import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWithApprovers } from "../../test/support/approval.js";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { buildBody, buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting, minuteParagraph } from "../../test/support/meetings.js";
import { createApiToken } from "../accounts/api-tokens.js";
import type { Database } from "../db/connect.js";
import { closeMeeting } from "../meetings/close-meeting.js";
import { freezeMinutes } from "./freeze-minutes.js";

// The approval through the secretary's and the signers' pages and through the API, as the people who do it would:
// bad input gets a Swedish message and writes nothing.

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

async function linkedUser(m: { system: Parameters<typeof buildUser>[1] }, personId: string, bodyId: string) {
  const user = await buildUser(database, m.system, [{ role: "member", bodyId }]);
  await tx(database, (t) =>
    t.execute(`update app_user set person_id = '${personId}' where id = '${user.id}'` as never),
  );
  return user;
}

async function countVersions(meetingId: string) {
  const rows = await tx(database, (t) =>
    t.query.minutesVersion.findMany({ where: (v, { eq }) => eq(v.meetingId, meetingId) }),
  );
  return rows.length;
}

describe("approval through the pages and the API", () => {
  it("appoints, freezes, signs, refuses and approves; refuses bad input in Swedish", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const f = await buildOpenMeeting(database, m.system);
    const p = await tx(database, (t) => minuteParagraph(t, m.system, f, { title: "Gatubelysning" }));
    await tx(database, (t) =>
      closeMeeting(t, m.system, f.meeting.id, { at: new Date("2026-03-10T16:00:00+01:00") }),
    );
    const secretary = await buildUser(database, m.system, [{ role: "secretary", bodyId: f.body.id }]);
    const s = new Client(app);
    await s.logIn(secretary.email, secretary.password);
    const desk = `/sammantraden/${f.meeting.id}/justering`;
    expect((await s.get(desk)).status).toBe(200);

    // No approver chosen; an approver who did not serve.
    const bad = await s.postForm(desk, `${desk}/justerare`, {
      chairId: f.members[0]!.id,
      approvalAt: "2026-03-17T10:00",
      place: "Stadshuset",
      minutesKeptAt: "Stadskontoret",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Utse minst en justerare.");
    const outsider = await s.postForm(desk, `${desk}/justerare`, {
      chairId: f.members[0]!.id,
      approverIds: f.outsider.id,
      approvalAt: "2026-03-17T10:00",
      place: "Stadshuset",
      minutesKeptAt: "Stadskontoret",
    });
    expect(outsider.status).toBe(400);
    expect(await outsider.text()).toContain("tjänstgjorde inte vid sammanträdet");
    // Freezing before approvers are appointed.
    const early = await s.request("POST", `/api/meetings/${f.meeting.id}/minutes-versions`, { json: {} });
    expect(early.status).toBe(409);
    expect((await early.json()).detail).toContain("Utse justerare");
    expect(await countVersions(f.meeting.id)).toBe(0);

    const ok = await s.postForm(desk, `${desk}/justerare`, {
      chairId: f.members[0]!.id,
      approverIds: f.members[1]!.id,
      approvalAt: "2026-03-17T10:00",
      place: "Stadshuset",
      minutesKeptAt: "Stadskontoret",
    });
    expect(ok.status).toBe(303);
    // The test runs after the 14 days (L11): without a reason for approving late, nothing is frozen.
    const late = await s.postForm(desk, `${desk}/versioner`, {});
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("Ange skälet till att justeringen sker senare");
    const frozen = await s.postForm(desk, `${desk}/versioner`, { lateReason: "Justeringen sköts upp." });
    expect(frozen.status).toBe(303);
    const versionPath = frozen.headers.get("location")!;
    const versionId = versionPath.split("/").at(-1)!;
    const version = await (await s.get(`/api/minutes-versions/${versionId}`)).json();

    // The approver refuses with an empty comment (400), then with one; the version is no longer signed.
    const approverUser = await linkedUser(m, f.members[1]!.id, f.body.id);
    const a = new Client(app);
    await a.logIn(approverUser.email, approverUser.password);
    const page = await (await a.get(versionPath)).text();
    expect(page).toContain(version.hash);
    const empty = await a.postForm(versionPath, `${versionPath}/vagra`, { hash: version.hash, comment: "" });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Skriv vad som behöver rättas.");
    expect(
      (
        await a.postForm(versionPath, `${versionPath}/vagra`, {
          hash: version.hash,
          comment: "Fel mottagare.",
        })
      ).status,
    ).toBe(303);

    // The secretary corrects through the API (a new recipient) and freezes version 2 with its reason.
    const noReason = await s.request("POST", `/api/meetings/${f.meeting.id}/minutes-versions`, {
      json: { lateReason: "Sent." },
    });
    expect(noReason.status).toBe(400);
    expect((await noReason.json()).detail).toContain("Ange skälet till den nya versionen");
    await s.request("POST", "/api/recipients", {
      json: { paragraphId: p.paragraph.id, recipients: [{ label: "Gatukontoret" }] },
    });
    const v2 = await s.request("POST", `/api/meetings/${f.meeting.id}/minutes-versions`, {
      json: { reason: "Gatukontoret tillagt", lateReason: "Sent." },
    });
    expect(v2.status).toBe(201);
    const { id: v2id, contentHash } = await v2.json();

    // Someone not appointed; a malformed hash; the old hash (a version that has changed since it was read).
    const stranger = await buildUser(database, m.system, [{ role: "member", bodyId: f.body.id }]);
    const x = new Client(app);
    await x.logIn(stranger.email, stranger.password);
    const notAppointed = await x.request("POST", `/api/minutes-versions/${v2id}/signatures`, {
      json: { hash: contentHash },
    });
    expect(notAppointed.status).toBe(403);
    expect((await notAppointed.json()).detail).toContain("inte utsedd att signera");
    const malformed = await a.request("POST", `/api/minutes-versions/${v2id}/signatures`, {
      json: { hash: "abc" },
    });
    expect(malformed.status).toBe(400);
    expect(JSON.stringify(await malformed.json())).toContain("64 hexadecimala tecken");
    const stale = await a.request("POST", `/api/minutes-versions/${v2id}/signatures`, {
      json: { hash: version.hash },
    });
    expect(stale.status).toBe(409);
    expect((await stale.json()).detail).toContain("ändrats sedan du läste det");

    // Chair, approver and secretary sign version 2; the approver twice is refused.
    const chairUser = await linkedUser(m, f.members[0]!.id, f.body.id);
    const ch = new Client(app);
    await ch.logIn(chairUser.email, chairUser.password);
    expect(
      (await ch.request("POST", `/api/minutes-versions/${v2id}/signatures`, { json: { hash: contentHash } }))
        .status,
    ).toBe(201);
    const v2path = `/justering/${v2id}`;
    expect((await a.postForm(v2path, `${v2path}/signera`, { hash: contentHash })).status).toBe(303);
    const twice = await a.request("POST", `/api/minutes-versions/${v2id}/signatures`, {
      json: { hash: contentHash },
    });
    expect(twice.status).toBe(409);
    expect((await twice.json()).detail).toContain("redan signerat");
    const lastOne = await s.request("POST", `/api/minutes-versions/${v2id}/signatures`, {
      json: { hash: contentHash },
    });
    expect(await lastOne.json()).toMatchObject({ approved: true });

    // Approved: the paragraph page shows it, and editing the proceedings is refused with a Swedish message.
    const locked = await s.request("POST", "/api/recipients", {
      json: { paragraphId: p.paragraph.id, recipients: [{ label: "Någon annan" }] },
    });
    expect(locked.status).toBe(409);
    expect((await locked.json()).detail).toContain("Protokollet är justerat och kan inte ändras");
    const approval = await (await s.get(`/api/paragraphs/${p.paragraph.id}/approval`)).json();
    expect(approval).toMatchObject({
      hash: contentHash,
      approvedOn: expect.any(String),
      legalForce: { state: "pending" },
    });
    const board = await (await new Client(app).get("/anslagstavla")).text();
    expect(board).toContain(f.body.name);

    // The desk keeps the refusal and the old version readable.
    const deskHtml = await (await s.get(desk)).text();
    expect(deskHtml).toContain("Fel mottagare.");
    expect(deskHtml).toContain("Vägrad av justerare");
    expect(deskHtml).toContain("Justerad");
  });

  it("lets an API key sign as the secretary only if it keeps the minutes of the meeting's body", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const f = await buildOpenMeeting(database, m.system);
    await tx(database, (t) => minuteParagraph(t, m.system, f, { title: "Snöröjning" }));
    await closeWithApprovers(database, m.system, f);
    const version = await tx(database, (t) =>
      freezeMinutes(t, m.system, f.meeting.id, {}, new Date("2026-03-17T10:00:00+01:00")),
    );
    const otherBody = await buildBody(database, m.system);
    const signAsSecretary = async (
      roles: ("member" | "registrar" | "secretary")[],
      bodyId: string | null,
    ) => {
      const key = await tx(database, (t) =>
        createApiToken(t, m.system, { name: `Nyckel ${roles.join(" ")} ${bodyId ?? "alla"}`, roles, bodyId }),
      );
      const res = await new Client(app).request("POST", `/api/minutes-versions/${version.id}/signatures`, {
        headers: { authorization: `Bearer ${key.token}` },
        json: { hash: version.contentHash, role: "secretary" },
      });
      return res.status;
    };
    const signatures = () =>
      tx(database, (t) => t.query.signature.findMany({ where: (s, { eq }) => eq(s.versionId, version.id) }));

    // A key is no person, so only the secretary's place is open to it, and only with the right to keep the minutes.
    expect(await signAsSecretary(["member"], null)).toBe(403);
    expect(await signAsSecretary(["registrar"], null)).toBe(403);
    expect(await signAsSecretary(["secretary"], otherBody.id)).toBe(403);
    expect(await signatures()).toEqual([]);
    expect(await signAsSecretary(["secretary"], f.body.id)).toBe(201);
    expect((await signatures()).map((s) => s.role)).toEqual(["secretary"]);
  });

  it("a registrar records an appeal; bad dates are refused", async () => {
    const m = await freshMunicipality(database);
    const { app } = testApp(database, m.slug);
    const f = await buildOpenMeeting(database, m.system);
    const p = await tx(database, (t) => minuteParagraph(t, m.system, f, { title: "Bygglov" }));
    const admin = await buildUser(database, m.system);
    const c = new Client(app);
    await c.logIn(admin.email, admin.password);
    const notApproved = await c.request("POST", `/api/paragraphs/${p.paragraph.id}/appeals`, {
      json: { court: "Förvaltningsrätten i Malmö", receivedOn: "2026-04-01", caseNumber: "1-26" },
    });
    expect(notApproved.status).toBe(409);
    expect((await notApproved.json()).detail).toContain("inte justerad");
    const badDate = await c.request("POST", `/api/paragraphs/${p.paragraph.id}/appeals`, {
      json: { court: "Förvaltningsrätten i Malmö", receivedOn: "2026-02-30", caseNumber: "1-26" },
    });
    expect(badDate.status).toBe(400);
  });
});
