import { readFileSync } from "node:fs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedDatabase } from "../../test/support/db.js";
import { pdfProblems } from "../../test/support/documents.js";
import { buildUser } from "../../test/support/factories.js";
import { Client, testApp } from "../../test/support/http.js";
import { systemActor } from "../accounts/actor.js";
import { openCorrection } from "../approval/open-correction.js";
import type { Database } from "../db/connect.js";
import { inTransaction } from "../db/transaction.js";
import { loadExample } from "../example/load-example.js";
import { reopenCase } from "../register/reopen-case.js";
import { record } from "../register/tables.js";
import {
  officialReport,
  officialReportImage,
  officialReportVersion,
  reportTemplate,
} from "../reports/tables.js";
import { keptDocument } from "./tables.js";

// The downloads on the pages and in the API, and the official report's writes through the API: the names the
// files are given, the Swedish refusals, and that a refusal writes nothing.

let database: Database;
let app: ReturnType<typeof testApp>["app"];
let municipalityId: string;
let reportId: string;
let caseId: string;

beforeAll(async () => {
  database = await isolatedDatabase();
  await inTransaction(database.db, async (tx) => {
    const { municipality } = await loadExample(tx);
    municipalityId = municipality.id;
    const [r] = await tx
      .select()
      .from(officialReport)
      .where(eq(officialReport.municipalityId, municipality.id));
    reportId = r!.id;
    caseId = r!.caseId;
    // The example dispatches KF § 8 and closes STK-2024-1374; a report is written in an open case, so the
    // registrar reopens it for these tests.
    await reopenCase(tx, systemActor(municipality.id), caseId);
  });
  app = testApp(database, "malmo").app;
}, 120_000);
afterAll(() => database?.close());

const png = readFileSync(new URL("../../test/support/images/staplar.png", import.meta.url));
const jpeg = readFileSync(new URL("../../test/support/images/staplar.jpg", import.meta.url));

const count = async (
  table: typeof officialReportVersion | typeof reportTemplate | typeof record | typeof officialReportImage,
) => Number(((await database.db.select({ n: sql<number>`count(*)` }).from(table)) as { n: number }[])[0]!.n);

describe("downloads", () => {
  it("offers the extract on the paragraph page and serves it as a PDF/A named for what it is", async () => {
    const client = new Client(app);
    const page = await (await client.get("/protokoll/kommunfullmaktige/2026/8")).text();
    expect(page).toContain('href="/protokoll/kommunfullmaktige/2026/8/utdrag.pdf"');
    expect(page).toContain('href="/protokoll/kommunfullmaktige/2026/8/utdrag.docx"');
    const res = await client.get("/protokoll/kommunfullmaktige/2026/8/utdrag.pdf");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toContain(
      "filename*=UTF-8''KF-2026-01-22-%C2%A78-Aterrapportering-kring-kraftsamlande-insatser.pdf",
    );
    expect(disposition).toContain(
      'filename="KF-2026-01-22-8-Aterrapportering-kring-kraftsamlande-insatser.pdf"',
    );
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdfProblems(pdf)).toEqual([]);
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await client.request("GET", "/protokoll/kommunfullmaktige/2026/8/utdrag.pdf", {
      headers: { "if-none-match": etag },
    });
    expect(again.status).toBe(304);
  });

  it("serves the minutes, the notice, Bilaga 12 and the official report in every format", async () => {
    const client = new Client(app);
    const p = (await (
      await client.get("/api/paragraphs?body=kommunfullmaktige&year=2026&number=8")
    ).json()) as {
      meeting: { id: string };
    };
    const meetingId = p.meeting?.id;
    expect(meetingId).toBeTruthy();
    for (const path of [
      `/sammantraden/${meetingId}/protokoll`,
      `/sammantraden/${meetingId}/kallelse`,
      `/sammantraden/${meetingId}/bilagor/12`,
      `/tjansteskrivelser/${reportId}/dokument`,
    ])
      for (const format of ["pdf", "docx", "html"]) {
        const res = await client.get(`${path}.${format}`);
        expect(res.status, `${path}.${format}`).toBe(200);
        expect(res.headers.get("content-disposition")).toMatch(
          new RegExp(`filename\\*=UTF-8''[^;]+\\.${format}$`),
        );
      }
    expect((await client.get(`/sammantraden/${meetingId}/bilagor/13.pdf`)).status).toBe(404);
    expect((await client.get(`/sammantraden/${meetingId}/protokoll.exe`)).status).toBe(404);
    // The UUID address redirects to the readable one (/sammantraden/{organ}/{datum}).
    const moved = await client.get(`/sammantraden/${meetingId}`);
    expect(moved.status).toBe(301);
    const meetingPage = await (await client.get(moved.headers.get("location")!)).text();
    expect(meetingPage).toContain(`/sammantraden/${meetingId}/kallelse.pdf`);
  });

  it("serves the same documents in the API, and refuses an unknown format in Swedish", async () => {
    const client = new Client(app);
    const p = (await (
      await client.get("/api/paragraphs?body=kommunfullmaktige&year=2026&number=8")
    ).json()) as {
      id: string;
    };
    const docx = await client.get(`/api/paragraphs/${p.id}/extract?format=docx`);
    expect(docx.status).toBe(200);
    expect(docx.headers.get("content-type")).toContain("wordprocessingml");
    const bad = await client.get(`/api/paragraphs/${p.id}/extract?format=exe`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Ange format: pdf, docx eller html.");
    expect((await client.get(`/api/reports/${reportId}/document?format=pdf&version=1`)).status).toBe(200);
    expect((await client.get(`/api/reports/${reportId}/document?format=pdf&version=9`)).status).toBe(404);
  });
});

describe("the official report through the API", () => {
  it("shows the Malmö report signed, on its page, from the case", async () => {
    const client = new Client(app);
    const page = await (await client.get(`/tjansteskrivelser/${reportId}`)).text();
    expect(page).toContain("SIGNERAD 2025-11-17");
    expect(page).toContain("Kommunstyrelseberedningen 2025-03-12");
    const list = await (await client.get("/diarium/STK-2024-1374/tjansteskrivelser")).text();
    expect(list).toContain(`/tjansteskrivelser/${reportId}`);
    expect(await (await client.get("/diarium/STK-2024-1374")).text()).toContain(
      "/diarium/STK-2024-1374/tjansteskrivelser",
    );

    // The signed report is the proposal KSAU 2025-12-08 took up as § 564: the paragraph, the agenda and the minutes'
    // documents show its "Förslag till beslut" with the link to the signed version.
    const label = "Tjänsteskrivelse 2025-12-03, version 1, SIGNERAD 2025-11-17";
    const res564 = await client.get("/protokoll/kommunstyrelsens-arbetsutskott/2025/564");
    const paragraph = await res564.text();
    expect(paragraph).toContain(`<a href="/tjansteskrivelser/${reportId}?version=1">${label}</a>`);
    expect(paragraph).toContain("1. Kommunfullmäktige godkänner återrapporteringen");
    const meetingPath = paragraph.match(/href="(\/sammantraden\/[0-9a-f-]{36})"/)![1]!;
    const meetingPage = await client.get(meetingPath);
    const agenda = await (await client.get(meetingPage.headers.get("location") ?? meetingPath)).text();
    expect(agenda).toContain(`<a href="/tjansteskrivelser/${reportId}?version=1">${label}</a>`);
    const api = (await (
      await client.get(`/api${meetingPath.replace("/sammantraden", "/meetings")}`)
    ).json()) as {
      agenda: { proposalReport: { label: string; path: string } | null; reportProposalText: string | null }[];
    };
    expect(api.agenda[0]).toMatchObject({
      proposalReport: { label, path: `/tjansteskrivelser/${reportId}?version=1` },
      reportProposalText: expect.stringContaining("1. Kommunfullmäktige godkänner"),
    });
    const extract = await client.get("/protokoll/kommunstyrelsens-arbetsutskott/2025/564/utdrag.docx");
    expect(extract.status).toBe(200);
  });

  it("writes versions and signs only the version read; every refusal is Swedish and writes nothing", async () => {
    const user = await buildUser(database, systemActor(municipalityId));
    const client = new Client(app);
    const anonymous = { basedOn: 1, datedOn: "2025-12-10", texts: {} };
    expect(
      (await client.request("POST", `/api/reports/${reportId}/versions`, { json: anonymous })).status,
    ).toBe(401);
    await client.logIn(user.email, user.password);
    const v1 = (await (await client.get(`/api/reports/${reportId}`)).json()) as {
      version: number;
      sha256: string;
      status: string;
      texts: Record<string, string>;
      links: { basis: unknown[]; recipients: unknown[]; responsibleIds: string[] };
    };
    expect(v1).toMatchObject({ version: 1, status: "signed" });
    const content = { datedOn: "2025-12-10", texts: v1.texts, ...v1.links };
    const versions = await count(officialReportVersion);

    const tooLong = await client.request("POST", `/api/reports/${reportId}/versions`, {
      json: { ...content, basedOn: 1, texts: { ...v1.texts, summary: "x".repeat(4001) } },
    });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain(
      "Avsnittet Sammanfattning får vara högst 4000 tecken enligt mallen",
    );
    expect(await count(officialReportVersion)).toBe(versions);

    const stale = await client.request("POST", `/api/reports/${reportId}/versions`, {
      json: { ...content, basedOn: 0 },
    });
    expect(stale.status).toBe(400);

    const saved = await client.request("POST", `/api/reports/${reportId}/versions`, {
      json: { ...content, basedOn: 1, texts: { ...v1.texts, summary: "En ny sammanfattning." } },
    });
    expect(saved.status).toBe(201);
    const v2 = (await (await client.get(`/api/reports/${reportId}`)).json()) as {
      version: number;
      sha256: string;
      status: string;
    };
    expect(v2).toMatchObject({ version: 2, status: "draft" });

    const records = await count(record);
    const wrong = await client.request("POST", `/api/reports/${reportId}/signature`, {
      json: { version: 2, sha256: v1.sha256 },
    });
    expect(wrong.status).toBe(409);
    expect(await wrong.text()).toContain("har ändrats sedan du läste den");
    expect(await count(record)).toBe(records);

    const signed = await client.request("POST", `/api/reports/${reportId}/signature`, {
      json: { version: 2, sha256: v2.sha256 },
    });
    expect(signed.status).toBe(201);
    expect(await signed.json()).toEqual({ id: reportId, version: 2, status: "signed" });
    const after = (await (await client.get(`/api/reports/${reportId}`)).json()) as {
      status: string;
      signature: { stamp: string; by: string; method: string };
      sha256: string;
    };
    expect(after.status).toBe("signed");
    expect(after.sha256).toBe(v2.sha256);
    expect(after.signature.stamp).toMatch(/^SIGNERAD \d{4}-\d{2}-\d{2}$/);
    expect(after.signature.method).toBe("Inloggad användare i Paragraf");
    expect(await count(record)).toBe(records + 1);
    const registered = await database.db.select().from(record).where(eq(record.caseId, caseId));
    expect(
      registered.some((r) => r.recordType === "official_report" && r.description.includes("version 2")),
    ).toBe(true);

    const twice = await client.request("POST", `/api/reports/${reportId}/signature`, {
      json: { version: 2, sha256: v2.sha256 },
    });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain("Version 2 är redan signerad");
  });

  it("adds an image with alt text through the page form and the API, serves it, and refuses what is no image", async () => {
    const user = await buildUser(database, systemActor(municipalityId));
    const client = new Client(app);
    await client.logIn(user.email, user.password);
    const page = `/tjansteskrivelser/${reportId}`;
    // The latest version is signed and locked: an image waits for the next version.
    expect(await (await client.get(page)).text()).toContain("Skriv en ny version för att lägga till bilder.");
    const locked = await client.request("POST", `/api/reports/${reportId}/images`, {
      json: { section: "assessment", alt: "Diagram", contentBase64: png.toString("base64") },
    });
    expect(locked.status).toBe(409);
    expect(await locked.text()).toContain(
      "är signerad och låst. Skriv en ny version innan du lägger till en bild.",
    );
    const latest = (await (await client.get(`/api/reports/${reportId}`)).json()) as {
      version: number;
      texts: Record<string, string>;
      links: { basis: unknown[]; recipients: unknown[]; responsibleIds: string[] };
    };
    const saved = await client.request("POST", `/api/reports/${reportId}/versions`, {
      json: { basedOn: latest.version, datedOn: "2025-12-12", texts: latest.texts, ...latest.links },
    });
    expect(saved.status).toBe(201);
    const token = await client.csrfFrom(page);
    const post = (file: File, alt: string) => {
      const form = new FormData();
      form.set("_csrf", token);
      form.set("section", "assessment");
      form.set("alt", alt);
      form.append("file", file);
      return app.request(`${page}/bilder`, {
        method: "POST",
        body: form,
        headers: { cookie: client.cookieHeader() },
      });
    };
    const images = () => count(officialReportImage);
    const before = await images();
    // Named and declared as a PNG, but text: refused by its bytes.
    const lying = await post(
      new File([new TextEncoder().encode("ingen bild")], "diagram.png", { type: "image/png" }),
      "Diagram",
    );
    expect(lying.status).toBe(400);
    expect(await lying.text()).toContain("Filen är ingen PNG- eller JPEG-bild");
    const noAlt = await post(new File([png], "diagram.png", { type: "image/png" }), "");
    expect(noAlt.status).toBe(400);
    expect(await noAlt.text()).toContain("Skriv en alternativtext som beskriver bilden");
    expect(await images()).toBe(before);

    const ok = await post(
      new File([png], "vad-som-helst.txt", { type: "text/plain" }),
      "Stapeldiagram över avrop",
    );
    expect(ok.status).toBe(303);
    expect(await images()).toBe(before + 1);
    const viaApi = await client.request("POST", `/api/reports/${reportId}/images`, {
      json: { section: "assessment", alt: "Samma diagram som JPEG", contentBase64: jpeg.toString("base64") },
    });
    expect(viaApi.status).toBe(201);
    const { id } = (await viaApi.json()) as { id: string };
    const served = await new Client(app).get(`${page}/bilder/${id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(jpeg);
    const bad = await client.request("POST", `/api/reports/${reportId}/images`, {
      json: { section: "assessment", alt: "Text", contentBase64: Buffer.from("%PDF-1.7").toString("base64") },
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Filen är ingen PNG- eller JPEG-bild");
    expect(await images()).toBe(before + 2);
    // The draft shows both, each with its alternative text, from the report's own address.
    const draft = await (await client.get(page)).text();
    expect(draft).toContain(`alt="Stapeldiagram över avrop"`);
    expect(draft).toContain(`<img src="${page}/bilder/${id}" alt="Samma diagram som JPEG"`);
    // Taken out of the draft through the API: gone from the draft, still served (a signed version may show it).
    const removed = await client.request("DELETE", `/api/reports/${reportId}/images/${id}`);
    expect(removed.status).toBe(204);
    expect(await (await client.get(page)).text()).not.toContain("Samma diagram som JPEG");
    expect((await client.request("DELETE", `/api/reports/${reportId}/images/${id}`)).status).toBe(404);
    expect((await client.request("DELETE", `/api/reports/${reportId}/images/inte-ett-id`)).status).toBe(400);
    expect((await new Client(app).get(`${page}/bilder/${id}`)).status).toBe(200);
  });

  it("refuses a template that leaves out a required section, and writes nothing", async () => {
    const user = await buildUser(database, systemActor(municipalityId));
    const client = new Client(app);
    await client.logIn(user.email, user.password);
    const templates = await count(reportTemplate);
    const res = await client.request("POST", "/api/report-templates", {
      json: {
        name: "Utan underlag",
        sections: [
          { kind: "summary", heading: "Sammanfattning" },
          { kind: "proposal", heading: "Förslag till beslut" },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Mallen saknar det obligatoriska avsnittet Beslutsunderlag");
    expect(await count(reportTemplate)).toBe(templates);
  });
});

describe("documents of approved minutes", () => {
  it("renders them once and keeps them, and a correction forgets what was kept", async () => {
    const client = new Client(app);
    const paragraph = await (await client.get("/protokoll/kommunfullmaktige/2026/8")).text();
    const meetingId = paragraph.match(/href="\/sammantraden\/([0-9a-f-]{36})"/)![1]!;
    const kept = async () =>
      (await database.db.select().from(keptDocument).where(eq(keptDocument.meetingId, meetingId))).length;
    // The earlier tests downloaded these minutes already: start from nothing kept.
    await database.db.delete(keptDocument);
    const first = await client.get(`/sammantraden/${meetingId}/protokoll.pdf`);
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(await kept()).toBe(1);
    const again = await client.get(`/sammantraden/${meetingId}/protokoll.pdf`);
    expect(Buffer.from(await again.arrayBuffer())).toEqual(bytes);
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    for (const f of ["docx", "html"])
      expect((await client.get(`/sammantraden/${meetingId}/protokoll.${f}`)).status).toBe(200);
    expect((await client.get("/protokoll/kommunfullmaktige/2026/8/utdrag.pdf")).status).toBe(200);
    // The HTML is rendered each time (a few milliseconds); the PDF and DOCX of the minutes and the extract are kept.
    expect(await kept()).toBe(3);

    // What is served is what was kept: marked, the kept file comes back as it is, unrendered.
    await database.db
      .update(keptDocument)
      .set({ bytes: new TextEncoder().encode("behållen") })
      .where(and(eq(keptDocument.meetingId, meetingId), eq(keptDocument.format, "pdf")));
    const served = await client.get(`/sammantraden/${meetingId}/protokoll.pdf`);
    expect(await served.text()).toBe("behållen");

    // A correction replaces the approved version: the kept files go in the same transaction, and the minutes are
    // rendered afresh (and not kept) until a new version is approved.
    await inTransaction(database.db, (tx) =>
      openCorrection(tx, systemActor(municipalityId), meetingId, { reason: "Fel i paragraf 8." }),
    );
    expect(await kept()).toBe(0);
    const fresh = await client.get(`/sammantraden/${meetingId}/protokoll.pdf`);
    expect(Buffer.from(await fresh.arrayBuffer())).toEqual(bytes);
    expect(await kept()).toBe(0);
  });
});
