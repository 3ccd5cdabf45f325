import type { Tx } from "../db/connect.js";
import { presentSeries } from "./present.js";
import { listSeries } from "./queries.js";

/** The municipality's number series with their counters, as the admin page and the API show them. */
export async function readSeries(tx: Tx, municipalityId: string) {
  return presentSeries(await listSeries(tx, municipalityId));
}
