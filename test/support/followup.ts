import type { Actor } from "../../src/accounts/actor.js";
import type { Database } from "../../src/db/connect.js";
import { createNumberSeries } from "../../src/register/create-number-series.js";
import { registerNewCase } from "../../src/register/register-case.js";
import { tx } from "./db.js";
import { buildBody } from "./factories.js";

/** A council, a board and a case in an STK series: what assignments and consultations start from. */
export async function followUpSetting(database: Database, actor: Actor) {
  const kf = await buildBody(database, actor, {
    name: "Kommunfullmäktige",
    shortName: "KF",
    kind: "council",
  });
  const ks = await buildBody(database, actor, {
    name: "Kommunstyrelsen",
    shortName: "KS",
    kind: "executive_board",
  });
  const ksau = await buildBody(database, actor, {
    name: "Kommunstyrelsens arbetsutskott",
    shortName: "KSAU",
    kind: "working_committee",
  });
  await tx(database, (t) =>
    createNumberSeries(t, actor, { code: "STK", prefix: "STK", pattern: "{prefix}-{year}-{seq}" }),
  );
  const kase = await tx(database, (t) =>
    registerNewCase(t, actor, {
      seriesCode: "STK",
      title: "Återrapportering kring kraftsamlande insatser",
      openedOn: "2024-09-01",
    }),
  );
  return { kf, ks, ksau, kase };
}
