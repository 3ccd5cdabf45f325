import type { Tx } from "../db/connect.js";
import { listBodies } from "../organisation/queries.js";
import { presentAccounts } from "./present.js";
import { listUsers } from "./queries.js";

/** The admin's list of accounts with their roles, in three statements however many accounts there are. */
export async function readAccounts(tx: Tx, municipalityId: string) {
  return presentAccounts(await listUsers(tx, municipalityId), await listBodies(tx, municipalityId));
}
