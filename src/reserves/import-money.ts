import { eq } from "drizzle-orm";
import type { Actor } from "../accounts/actor.js";
import { listAreas } from "../areas/save-area.js";
import type { Tx } from "../db/connect.js";
import { bodyDecisionCode } from "../domain/citation.js";
import { formatKronor } from "../domain/money.js";
import { listBodies } from "../organisation/queries.js";
import { findCaseByNumber } from "../register/queries.js";
import { numberSeries, registerCase } from "../register/tables.js";
import { applyForCallOff } from "./apply-for-call-off.js";
import { callOffStatusWords, codeOf, parseDecisionCode, progressMethodWords, yesNo } from "./columns.js";
import { createAppropriation } from "./create-appropriation.js";
import { parseSwedishNumber } from "./csv.js";
import { decideCallOff } from "./decide-call-off.js";
import {
  attempt,
  domainRowError,
  kronorOrError,
  type Row,
  type RowError,
  zodErrors,
} from "./import-support.js";
import type { CallOffView, ReserveView } from "./present.js";
import { findAppropriationByExternalId, findCallOffByExternalId } from "./queries.js";
import { readReserves } from "./read-follow-up.js";
import { AppropriationInput, CallOffChangesInput, CallOffInput, DecideCallOffInput } from "./schemas.js";
import { updateAppropriation } from "./update-appropriation.js";
import { updateCallOff } from "./update-call-off.js";

// Reading reserves and call-offs back in the columns of their export. A row with a new external id is created
// by the same use case as the form and the API (a call-off thus becomes a case in the diarium, and its money
// is checked against the reserve's balance); a row with a known one changes only what may change. The columns
// the export fills from the ledger (granted, paid, remaining, reversed, progress) are checked, never written:
// money moves only by decisions. A row exactly as exported changes nothing, so a file can be read twice.

const reserveNames: Record<string, string> = {
  externalId: "externt_id",
  ownerBodyId: "organ",
  decidedBy: "beslut",
  bodyId: "beslut",
  decidedOn: "beslut",
  paragraphNumber: "beslut",
  year: "år",
  title: "namn",
  purpose: "syfte",
  processes: "processer",
  targetGroups: "målgrupper",
  themes: "teman",
  amountOre: "anslaget_kr",
  progressMethod: "beräkning",
  caseId: "diarienummer",
};

const callOffNames: Record<string, string> = {
  externalId: "externt_id",
  appropriationId: "reserv_externt_id",
  caseId: "diarienummer",
  seriesCode: "diarienummer",
  title: "rubrik",
  applyingBodyId: "nämnd",
  theme: "tema",
  targetGroup: "målgrupp",
  areaIds: "områden",
  process: "process",
  description: "beskrivning",
  appliedOn: "ansökt",
  startsOn: "start",
  endsOn: "slut",
  requestedOre: "sökt_kr",
  outcome: "status",
  grantedOre: "beviljat_kr",
  decidedBy: "beslut",
  bodyId: "beslut",
  decidedOn: "beslut",
  paragraphNumber: "beslut",
};

const list = (cell: string | undefined) =>
  (cell ?? "")
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/** What the import needs to know of the municipality: bodies by name, areas by name, and today's views. */
async function context(tx: Tx, actor: Actor) {
  const bodies = await listBodies(tx, actor.municipalityId);
  const areas = await listAreas(tx, actor.municipalityId);
  const views = await readReserves(tx, actor.municipalityId, { all: true, bodyIds: [] });
  const key = (s: string) => s.trim().toLowerCase();
  const byName = new Map<string, (typeof bodies)[number]>();
  for (const b of bodies) {
    byName.set(key(b.name), b);
    if (b.shortName) byName.set(key(b.shortName), b);
  }
  return {
    body: (name: string) => byName.get(key(name)) ?? null,
    area: (name: string) => areas.find((a) => key(a.name) === key(name)) ?? null,
    reserve: (externalId: string) => views.find((r) => r.externalId === externalId) ?? null,
    callOff: (externalId: string) =>
      views.flatMap((r) => r.callOffs).find((c) => c.externalId === externalId) ?? null,
  };
}
type Context = Awaited<ReturnType<typeof context>>;

/** A body's cell by its full name, whether it gave the name or the short name; as written when it is neither. */
function bodyName(ctx: Context, cell: string | undefined): string {
  return ctx.body(cell ?? "")?.name ?? cell ?? "";
}

/** A decision's cell as the export writes its code ("KS 260320 § 77"), however the body was named in it. */
function decisionText(ctx: Context, cell: string | undefined): string {
  const parsed = parseDecisionCode(cell ?? "");
  const body = parsed ? ctx.body(parsed.body) : null;
  return parsed && body ? bodyDecisionCode(body, parsed.decidedOn, parsed.paragraphNumber) : (cell ?? "");
}

/** A "KF 260122 § 8" cell as a decision reference, or a row error. */
function decisionOf(ctx: Context, line: number, cell: string, errors: RowError[]) {
  const parsed = parseDecisionCode(cell);
  if (!parsed) {
    errors.push({
      row: line,
      field: "beslut",
      message: "Skriv beslutet som organ, datum och paragraf, t.ex. KF 260122 § 8.",
    });
    return null;
  }
  const body = ctx.body(parsed.body);
  if (!body) {
    errors.push({ row: line, field: "beslut", message: `Organet ${parsed.body} finns inte i kommunen.` });
    return null;
  }
  return { bodyId: body.id, decidedOn: parsed.decidedOn, paragraphNumber: parsed.paragraphNumber };
}

/** A column the export fills from the ledger or the reports: empty, or what it is now; never written. */
function checkDerived(
  line: number,
  cells: Record<string, string>,
  expected: Record<string, { value: number | null; text: string; percent?: boolean }>,
  errors: RowError[],
) {
  for (const [column, want] of Object.entries(expected)) {
    const cell = cells[column] ?? "";
    if (cell === "") continue;
    const got = want.percent
      ? parseSwedishNumber(cell)
      : (() => {
          const n = parseSwedishNumber(cell);
          return n === null ? null : Math.round(n * 100);
        })();
    const now = want.percent ? (want.value === null ? null : want.value / 10) : want.value;
    if (got !== now)
      errors.push({
        row: line,
        field: column,
        message: `Kolumnen ${column} räknas fram och läses inte in; den ska vara tom eller ${want.text}. Pengar flyttas bara genom beslut.`,
      });
  }
}

/** A column fixed by the decision or the application: empty, or what it is now. */
function checkFixed(line: number, column: string, cell: string, now: string, errors: RowError[]) {
  if (cell !== "" && cell.trim().toLowerCase() !== now.trim().toLowerCase())
    errors.push({
      row: line,
      field: column,
      message: `${column} kan inte ändras genom inläsning (nu: ${now || "tomt"}); det bestäms av beslutet eller ansökan.`,
    });
}

function flag(line: number, cells: Record<string, string>, errors: RowError[]): boolean | null {
  const value = yesNo(cells.illustrativt ?? "");
  if (value === null) errors.push({ row: line, field: "illustrativt", message: "Skriv ja eller nej." });
  return value;
}

async function caseIdOf(tx: Tx, actor: Actor, line: number, number: string, errors: RowError[]) {
  if (!number) return { id: null as string | null };
  const found = await findCaseByNumber(tx, actor.municipalityId, number);
  if (!found) {
    errors.push({ row: line, field: "diarienummer", message: `Ärendet ${number} finns inte i diariet.` });
    return null;
  }
  return { id: found.id };
}

/** Reserves by external id: new ones by their decision, known ones changed where their decision allows it. */
export async function importReserves(tx: Tx, actor: Actor, rows: Row[], errors: RowError[]) {
  const ctx = await context(tx, actor);
  for (const { line, cells } of rows) {
    const before = errors.length;
    const existing = ctx.reserve(cells.externt_id ?? "");
    const illustrative = flag(line, cells, errors);
    const method = cells.beräkning ? codeOf(progressMethodWords, cells.beräkning) : "weighted";
    if (!method)
      errors.push({
        row: line,
        field: "beräkning",
        message: "Skriv vägt med beviljat belopp eller medelvärde.",
      });
    const kase = await caseIdOf(tx, actor, line, cells.diarienummer ?? "", errors);
    if (existing) {
      checkFixed(line, "år", cells.år ?? "", String(existing.year), errors);
      checkFixed(line, "organ", bodyName(ctx, cells.organ), existing.ownerBodyName, errors);
      checkFixed(line, "beslut", decisionText(ctx, cells.beslut), existing.decision, errors);
      checkDerived(line, cells, reserveMoney(existing), errors);
      checkDerived(
        line,
        cells,
        { anslaget_kr: { value: existing.money.appropriatedOre, text: existing.money.appropriated } },
        errors,
      );
      if (errors.length > before) continue;
      const changes = {
        title: (cells.namn ?? "").trim(),
        purpose: (cells.syfte ?? "").trim(),
        caseId: kase!.id,
        processes: list(cells.processer),
        targetGroups: list(cells.målgrupper),
        themes: list(cells.teman),
        progressMethod: method!,
        illustrative: illustrative!,
      };
      // The same rules as a new reserve's for what a person may write.
      const parsed = AppropriationInput.pick({
        title: true,
        purpose: true,
        processes: true,
        targetGroups: true,
        themes: true,
      }).safeParse({
        title: changes.title,
        purpose: changes.purpose,
        processes: changes.processes,
        targetGroups: changes.targetGroups,
        themes: changes.themes,
      });
      if (!parsed.success) {
        errors.push(...zodErrors(line, parsed.error, reserveNames));
        continue;
      }
      await attempt(
        tx,
        errors,
        (sp) => updateAppropriation(sp, actor, existing.id, { ...changes, ...parsed.data }),
        (e) => domainRowError(line, e, reserveNames),
      );
      continue;
    }
    const owner = ctx.body(cells.organ ?? "");
    if (!owner)
      errors.push({
        row: line,
        field: "organ",
        message: `Organet ${cells.organ ?? ""} finns inte i kommunen.`,
      });
    const decidedBy = decisionOf(ctx, line, cells.beslut ?? "", errors);
    const amountOre = kronorOrError(line, cells, "anslaget_kr", errors);
    if (amountOre !== null)
      checkDerived(
        line,
        cells,
        reserveMoney({ money: { grantedOre: 0, paidOre: 0, remainingOre: amountOre } } as ReserveView, true),
        errors,
      );
    if (errors.length > before) continue;
    const parsed = AppropriationInput.safeParse({
      externalId: cells.externt_id,
      ownerBodyId: owner!.id,
      caseId: kase!.id,
      decidedBy,
      year: parseSwedishNumber(cells.år ?? "") ?? Number.NaN,
      title: cells.namn,
      purpose: cells.syfte,
      processes: list(cells.processer),
      targetGroups: list(cells.målgrupper),
      themes: list(cells.teman),
      amountOre,
      progressMethod: method,
      illustrative,
    });
    if (!parsed.success) {
      errors.push(...zodErrors(line, parsed.error, reserveNames));
      continue;
    }
    // A reserve created earlier in the same file is known by then; its second row is a change of it.
    if (await findAppropriationByExternalId(tx, actor.municipalityId, parsed.data.externalId)) {
      errors.push({ row: line, field: "externt_id", message: "Samma externa id finns på en tidigare rad." });
      continue;
    }
    await attempt(
      tx,
      errors,
      (sp) => createAppropriation(sp, actor, parsed.data),
      (e) => domainRowError(line, e, reserveNames),
    );
  }
}

function reserveMoney(r: Pick<ReserveView, "money">, fresh = false) {
  const kr = (ore: number) => (fresh && ore === 0 ? "0" : formatKronor(ore));
  return {
    beviljat_kr: { value: r.money.grantedOre, text: kr(r.money.grantedOre) },
    utbetalt_kr: { value: r.money.paidOre, text: kr(r.money.paidOre) },
    återstår_kr: { value: r.money.remainingOre, text: formatKronor(r.money.remainingOre) },
  };
}

function callOffMoney(c: Pick<CallOffView, "money">) {
  return {
    utbetalt_kr: { value: c.money.paidOre, text: formatKronor(c.money.paidOre) },
    återfört_kr: { value: c.money.reversedOre, text: formatKronor(c.money.reversedOre) },
  };
}

/** The series a reserve's own case is numbered in: where a call-off without a case number is registered. */
async function seriesOfReserve(tx: Tx, caseId: string | null) {
  if (!caseId) return null;
  const [row] = await tx
    .select({ code: numberSeries.code })
    .from(registerCase)
    .innerJoin(numberSeries, eq(numberSeries.id, registerCase.seriesId))
    .where(eq(registerCase.id, caseId));
  return row?.code ?? null;
}

/**
 * Call-offs by external id. A new one is applied for as through the form (a case in the diarium, in the
 * reserve's series unless a case number is given) and, when its status says so, decided by the paragraph in
 * `beslut` within the reserve's balance. A known one changes its description and areas, or is decided if it
 * was only applied for; what an application or a decision fixed is refused if changed.
 */
export async function importCallOffs(tx: Tx, actor: Actor, rows: Row[], errors: RowError[]) {
  const ctx = await context(tx, actor);
  for (const { line, cells } of rows) {
    const before = errors.length;
    const statusCell = cells.status ?? "";
    const status = statusCell === "" ? "applied" : codeOf(callOffStatusWords, statusCell);
    if (!status)
      errors.push({
        row: line,
        field: "status",
        message: "Skriv ansökt, beviljat, delvis beviljat eller avslaget.",
      });
    // Nothing is granted to an application that is not decided.
    if (status === "applied") checkDerived(line, cells, { beviljat_kr: { value: 0, text: "0" } }, errors);
    const illustrative = flag(line, cells, errors);
    const areaIds: string[] = [];
    for (const name of list(cells.områden)) {
      const found = ctx.area(name);
      if (found) areaIds.push(found.id);
      else
        errors.push({
          row: line,
          field: "områden",
          message: `Området ${name} finns inte i kommunens register.`,
        });
    }
    const existing = ctx.callOff(cells.externt_id ?? "");
    const decide = async (callOffId: string, requestedOre: number) => {
      if (status === "applied" || status === null) return;
      if (status === "withdrawn") {
        errors.push({
          row: line,
          field: "status",
          message: "Ett beviljat belopp återkallas genom ett beslut på avropets sida, inte genom inläsning.",
        });
        return;
      }
      const decidedBy = decisionOf(ctx, line, cells.beslut ?? "", errors);
      const granted = status === "partly_granted" ? kronorOrError(line, cells, "beviljat_kr", errors) : null;
      if (status === "granted" && cells.beviljat_kr)
        checkDerived(
          line,
          cells,
          { beviljat_kr: { value: requestedOre, text: formatKronor(requestedOre) } },
          errors,
        );
      if (errors.length > before) return;
      const parsed = DecideCallOffInput.safeParse({
        outcome: status,
        ...(granted === null ? {} : { grantedOre: granted }),
        decidedBy,
      });
      if (!parsed.success) {
        errors.push(...zodErrors(line, parsed.error, callOffNames));
        return;
      }
      await attempt(
        tx,
        errors,
        (sp) => decideCallOff(sp, actor, callOffId, parsed.data),
        (e) => domainRowError(line, e, callOffNames),
      );
    };

    if (existing) {
      checkFixed(
        line,
        "reserv_externt_id",
        cells.reserv_externt_id ?? "",
        existing.reserveExternalId,
        errors,
      );
      checkFixed(line, "diarienummer", cells.diarienummer ?? "", existing.caseNumber, errors);
      checkFixed(line, "rubrik", cells.rubrik ?? "", existing.title, errors);
      checkFixed(line, "nämnd", bodyName(ctx, cells.nämnd), existing.applyingBodyName, errors);
      checkFixed(line, "tema", cells.tema ?? "", existing.theme, errors);
      checkFixed(line, "ansökt", cells.ansökt ?? "", existing.appliedOn, errors);
      checkFixed(line, "start", cells.start ?? "", existing.startsOn, errors);
      checkFixed(line, "slut", cells.slut ?? "", existing.endsOn, errors);
      checkDerived(
        line,
        cells,
        { sökt_kr: { value: existing.requestedOre, text: existing.requested }, ...callOffMoney(existing) },
        errors,
      );
      if (existing.status !== "applied") {
        if (status && status !== existing.status)
          errors.push({
            row: line,
            field: "status",
            message: `Avropet är redan beslutat (${existing.statusText}); ett beslut ändras genom ett nytt beslut på avropets sida.`,
          });
        checkFixed(line, "beslut", decisionText(ctx, cells.beslut), existing.decision ?? "", errors);
        checkDerived(
          line,
          cells,
          { beviljat_kr: { value: existing.money.grantedOre, text: existing.money.granted } },
          errors,
        );
      }
      if (errors.length > before) continue;
      const parsed = CallOffChangesInput.safeParse({
        targetGroup: cells.målgrupp,
        process: cells.process,
      });
      if (!parsed.success) {
        errors.push(...zodErrors(line, parsed.error, callOffNames));
        continue;
      }
      const description = (cells.beskrivning ?? "").trim();
      await attempt(
        tx,
        errors,
        (sp) =>
          updateCallOff(sp, actor, existing.id, {
            ...parsed.data,
            description: description === "" ? null : description.slice(0, 10_000),
            areaIds,
            illustrative: illustrative!,
          }),
        (e) => domainRowError(line, e, callOffNames),
      );
      if (existing.status === "applied") await decide(existing.id, existing.requestedOre);
      continue;
    }

    const reserve = await findAppropriationByExternalId(
      tx,
      actor.municipalityId,
      cells.reserv_externt_id ?? "",
    );
    if (!reserve) errors.push({ row: line, field: "reserv_externt_id", message: "Reserven finns inte." });
    const body = ctx.body(cells.nämnd ?? "");
    if (!body)
      errors.push({
        row: line,
        field: "nämnd",
        message: `Nämnden ${cells.nämnd ?? ""} finns inte i kommunen.`,
      });
    const kase = await caseIdOf(tx, actor, line, cells.diarienummer ?? "", errors);
    const seriesCode = reserve && !kase?.id ? await seriesOfReserve(tx, reserve.caseId) : null;
    if (reserve && kase && !kase.id && !seriesCode)
      errors.push({
        row: line,
        field: "diarienummer",
        message:
          "Ange ärendets diarienummer: reserven har inget ärende vars diarieserie ansökan kan registreras i.",
      });
    const requestedOre = kronorOrError(line, cells, "sökt_kr", errors);
    checkDerived(line, cells, callOffMoney({ money: { paidOre: 0, reversedOre: 0 } } as CallOffView), errors);
    if (errors.length > before) continue;
    const parsed = CallOffInput.safeParse({
      externalId: cells.externt_id,
      appropriationId: reserve!.id,
      caseId: kase!.id,
      seriesCode,
      title: cells.rubrik,
      applyingBodyId: body!.id,
      theme: cells.tema,
      targetGroup: cells.målgrupp,
      areaIds,
      process: cells.process,
      description: cells.beskrivning,
      appliedOn: cells.ansökt,
      startsOn: cells.start,
      endsOn: cells.slut,
      requestedOre,
      illustrative,
    });
    if (!parsed.success) {
      errors.push(...zodErrors(line, parsed.error, callOffNames));
      continue;
    }
    if (await findCallOffByExternalId(tx, actor.municipalityId, parsed.data.externalId)) {
      errors.push({ row: line, field: "externt_id", message: "Samma externa id finns på en tidigare rad." });
      continue;
    }
    const created = { id: "" };
    await attempt(
      tx,
      errors,
      async (sp) => {
        created.id = (await applyForCallOff(sp, actor, parsed.data)).id;
      },
      (e) => domainRowError(line, e, callOffNames),
    );
    if (created.id) await decide(created.id, parsed.data.requestedOre);
  }
}
