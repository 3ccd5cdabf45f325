import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveMinutes } from "../../test/support/approval.js";
import { freshMunicipality, testDatabase, tx } from "../../test/support/db.js";
import { Client, testApp } from "../../test/support/http.js";
import { buildOpenMeeting, minuteParagraph } from "../../test/support/meetings.js";
import { startSmtpServer } from "../../test/support/smtp.js";
import type { Database } from "../db/connect.js";
import { runDueJobs } from "../jobs/run-jobs.js";
import { createMailer } from "../mail/mailer.js";
import { closeMeeting } from "../meetings/close-meeting.js";
import { decisionsPublishedHandlers, portalJobHandlers } from "./notify.js";
import { notifySubscribers } from "./subscriptions.js";

let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  database = await testDatabase();
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
  await database.close();
});

describe("e-mail subscription (X9)", () => {
  it("confirms by the mailed link, mails new decisions through the outbox, and ends with one click", async () => {
    const m = await freshMunicipality(database, "Bevakningskommun");
    const f = await buildOpenMeeting(database, m.system);
    const visitor = new Client(testApp(database, m.slug).app);
    const mailer = createMailer({ url: smtp.url, from: "Paragraf <paragraf@example.se>" });
    const handlers = portalJobHandlers(mailer, "https://beslut.example.se");
    const run = () => runDueJobs(database.db, { handlers, municipalityId: m.id });
    const address = `anna.${m.slug}@example.se`;
    const mails = () => smtp.received.filter((x) => x.to.includes(address));

    const page = `/bevakning?organ=${f.body.slug}`;
    expect((await visitor.get(page)).status).toBe(200);
    const bad = await visitor.postForm(page, page, { email: "inte en adress" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Ange en e-postadress");
    expect((await visitor.postForm(page, page, { email: address })).status).toBe(200);
    await run();
    expect(mails()).toHaveLength(1);
    const token = /bekrafta\?token=([A-Za-z0-9_-]{43})/.exec(mails()[0]!.text)![1]!;
    expect(mails()[0]!.text).toContain(`/bevakning/avsluta?token=${token}`);

    // No mail about decisions before the subscription is confirmed.
    const first = await tx(database, (t) => minuteParagraph(t, m.system, f, { title: "Ny förskola" }));
    await tx(database, (t) => notifySubscribers(t, m.id, [first.paragraph.id]));
    await run();
    expect(mails()).toHaveLength(1);

    const confirmed = await visitor.postForm(`/bevakning/bekrafta?token=${token}`, "/bevakning/bekrafta", {
      token,
    });
    expect(confirmed.status).toBe(200);
    const second = await tx(database, (t) => minuteParagraph(t, m.system, f, { title: "Ny simhall" }));
    expect(await tx(database, (t) => notifySubscribers(t, m.id, [second.paragraph.id]))).toBe(1);
    // Queued once: notifying again about the same decision sends nothing more.
    expect(await tx(database, (t) => notifySubscribers(t, m.id, [second.paragraph.id]))).toBe(0);
    await run();
    expect(mails()).toHaveLength(2);
    expect(mails()[1]!.subject).toContain("Ny simhall");
    expect(mails()[1]!.text).toContain("https://beslut.example.se/protokoll/");

    expect((await visitor.get(`/bevakning/avsluta?token=${token}`)).status).toBe(200);
    const third = await tx(database, (t) => minuteParagraph(t, m.system, f, { title: "Ny idrottsplats" }));
    expect(await tx(database, (t) => notifySubscribers(t, m.id, [third.paragraph.id]))).toBe(0);
    await run();
    expect(mails()).toHaveLength(2);
    expect((await visitor.get("/bevakning/avsluta?token=fel")).status).toBe(404);
    mailer.close();
  });
  it("tells a confirmed subscriber when the minutes are approved, through the approval's job", async () => {
    const m = await freshMunicipality(database, "Justeringskommun");
    const f = await buildOpenMeeting(database, m.system);
    const visitor = new Client(testApp(database, m.slug).app);
    const mailer = createMailer({ url: smtp.url, from: "Paragraf <paragraf@example.se>" });
    const handlers = {
      ...portalJobHandlers(mailer, "https://beslut.example.se"),
      ...decisionsPublishedHandlers(),
    };
    const run = () => runDueJobs(database.db, { handlers, municipalityId: m.id });
    const address = `bo.${m.slug}@example.se`;
    const mails = () => smtp.received.filter((x) => x.to.includes(address));
    const page = `/bevakning?organ=${f.body.slug}`;
    await visitor.postForm(page, page, { email: address });
    await run();
    const token = /bekrafta\?token=([A-Za-z0-9_-]{43})/.exec(mails()[0]!.text)![1]!;
    await visitor.postForm(`/bevakning/bekrafta?token=${token}`, "/bevakning/bekrafta", { token });
    await tx(database, (t) => minuteParagraph(t, m.system, f, { title: "Ny badplats" }));
    await tx(database, (t) =>
      closeMeeting(t, m.system, f.meeting.id, { at: new Date("2026-03-10T17:00:00+01:00") }),
    );
    await run();
    expect(mails()).toHaveLength(1);
    await approveMinutes(database, m.system, f);
    // The approval's job queues the decision mail, and the next run sends it.
    await run();
    await run();
    expect(mails()).toHaveLength(2);
    expect(mails()[1]!.subject).toContain("Ny badplats");
    mailer.close();
  });
});
