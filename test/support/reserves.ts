import type { Actor } from "../../src/accounts/actor.js";
import type { Database } from "../../src/db/connect.js";
import { applyForCallOff } from "../../src/reserves/apply-for-call-off.js";
import { createAppropriation } from "../../src/reserves/create-appropriation.js";
import type { AppropriationInput, CallOffInput } from "../../src/reserves/schemas.js";
import { tx } from "./db.js";
import { buildBody } from "./factories.js";
import { followUpSetting } from "./followup.js";

let serial = 0;
const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${++serial}`;

export const themes = ["Mobilitet inom staden", "Jämlik och meningsfull fritid", "Stöd till föräldrar"];

/** A board's reserve for 2026 created by KF's decision, and a committee that calls off from it. */
export async function reserveSetting(database: Database, actor: Actor, options: { amountOre?: number } = {}) {
  const s = await followUpSetting(database, actor);
  const committee = await buildBody(database, actor, {
    name: "Fritidsnämnden",
    shortName: "FRN",
    email: "fritid@test.example",
  });
  const reserve = await buildReserve(database, actor, s, { amountOre: options.amountOre ?? 1_000_000_000 });
  return { ...s, committee, reserve };
}

/** Another reserve of KS in the setting, created by KF's decision; overrides win. */
export function buildReserve(
  database: Database,
  actor: Actor,
  setting: Awaited<ReturnType<typeof followUpSetting>>,
  overrides: Partial<AppropriationInput> = {},
) {
  return tx(database, (t) =>
    createAppropriation(t, actor, {
      externalId: unique("RES"),
      ownerBodyId: setting.ks.id,
      caseId: setting.kase.id,
      decidedBy: { bodyId: setting.kf.id, decidedOn: "2026-01-22", paragraphNumber: 8 },
      year: 2026,
      title: "Kraftsamlande insatser",
      purpose: "Stötta processerna kring lokal utveckling och universell prevention.",
      processes: ["Lokal utveckling", "Universell prevention"],
      targetGroups: ["Barn och unga"],
      themes,
      amountOre: 1_000_000_000,
      ...overrides,
    }),
  );
}

/** A call-off's input in the setting, with one indicator in percent; overrides win. */
export function callOffInput(
  setting: Awaited<ReturnType<typeof reserveSetting>>,
  overrides: Partial<CallOffInput> = {},
): CallOffInput {
  return {
    externalId: unique("AVR"),
    appropriationId: setting.reserve.id,
    caseId: setting.kase.id,
    title: "Sommarlovsfritid i Rosengård",
    applyingBodyId: setting.committee.id,
    theme: themes[1]!,
    targetGroup: "Barn och unga 10–15 år",
    process: "Universell prevention",
    description: "Öppen fritidsverksamhet under sommarlovet.",
    appliedOn: "2026-02-10",
    startsOn: "2026-03-01",
    endsOn: "2026-12-31",
    requestedOre: 50_000_000,
    indicators: [
      {
        externalId: unique("IND"),
        name: "Andel elever med gymnasiebehörighet",
        unit: "percent",
        baseline: 70,
        target: 80,
        source: "Skolverket",
      },
    ],
    ...overrides,
  };
}

/** Applies for a call-off in the setting. */
export function buildCallOff(
  database: Database,
  actor: Actor,
  setting: Awaited<ReturnType<typeof reserveSetting>>,
  overrides: Partial<CallOffInput> = {},
) {
  return tx(database, (t) => applyForCallOff(t, actor, callOffInput(setting, overrides)));
}
