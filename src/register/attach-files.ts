import type { Actor } from "../accounts/actor.js";
import { authorize } from "../accounts/policy.js";
import { recordAudit } from "../audit/record-audit.js";
import type { Tx } from "../db/connect.js";
import { DomainError, NotFoundError } from "../domain/errors.js";
import { type IncomingFile, inspectFile } from "./file-content.js";
import { defaultFileStore, type FileStore } from "./file-store.js";
import { findCase, findRecord } from "./queries.js";
import { linkFiles } from "./record-files.js";

/** Attaches files to a registered record: checked, stored by SHA-256, made searchable where they hold text. */
export async function attachFiles(
  tx: Tx,
  actor: Actor,
  input: { recordId: string; files: IncomingFile[] },
  store: FileStore = defaultFileStore(),
) {
  const target = await findRecord(tx, actor.municipalityId, input.recordId);
  if (!target) throw new NotFoundError("record");
  const owner = await findCase(tx, actor.municipalityId, target.caseId);
  authorize(actor, "register:write", owner!.responsibleBodyId);
  if (input.files.length === 0) throw new DomainError("files_missing", {}, "files");
  const files = [];
  for (const incoming of input.files) files.push(await inspectFile(incoming));
  const attached = await linkFiles(tx, actor.municipalityId, target.id, files, store);
  await recordAudit(tx, actor, {
    action: "record.files_attached",
    recordType: "record",
    recordId: target.id,
    after: { files: attached },
  });
  return attached;
}
