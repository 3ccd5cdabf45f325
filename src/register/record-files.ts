import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../db/connect.js";
import { DomainError } from "../domain/errors.js";
import type { InspectedFile } from "./file-content.js";
import { type FileStore, fileStoreLockKey } from "./file-store.js";
import { file, recordFile } from "./tables.js";

export interface AttachedFile {
  fileId: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  position: number;
}

/**
 * Puts checked files on disk (durably, before the caller's transaction commits), records them once per
 * municipality by hash, links them to the record, and refreshes the record's searchable file text.
 * Not a use case of its own: registerRecord and attachFiles call it after they have authorized.
 */
export async function linkFiles(
  tx: Tx,
  municipalityId: string,
  recordId: string,
  files: InspectedFile[],
  store: FileStore,
): Promise<AttachedFile[]> {
  const attached: AttachedFile[] = [];
  if (files.length === 0) return attached;
  // Until this transaction commits, no sweep may judge the files it puts on disk (see sweepFileStore).
  await tx.execute(sql`SELECT pg_advisory_xact_lock_shared(${fileStoreLockKey})`);
  const [{ last }] = (await tx
    .select({ last: sql<number>`coalesce(max(${recordFile.position}), 0)::int` })
    .from(recordFile)
    .where(eq(recordFile.recordId, recordId))) as [{ last: number }];
  let position = last;
  for (const incoming of files) {
    const sha256 = await store.put(incoming.bytes);
    await tx
      .insert(file)
      .values({
        municipalityId,
        sha256,
        sizeBytes: incoming.bytes.byteLength,
        mediaType: incoming.mediaType,
        textContent: incoming.text,
      })
      .onConflictDoNothing();
    const [stored] = await tx
      .select()
      .from(file)
      .where(and(eq(file.municipalityId, municipalityId), eq(file.sha256, sha256)));
    const [already] = await tx
      .select({ fileId: recordFile.fileId })
      .from(recordFile)
      .where(and(eq(recordFile.recordId, recordId), eq(recordFile.fileId, stored!.id)));
    if (already) throw new DomainError("file_already_attached", { name: incoming.name }, "files");
    position += 1;
    await tx.insert(recordFile).values({ recordId, fileId: stored!.id, fileName: incoming.name, position });
    attached.push({
      fileId: stored!.id,
      sha256,
      fileName: incoming.name,
      mediaType: stored!.mediaType,
      sizeBytes: stored!.sizeBytes,
      position,
    });
  }
  await tx.execute(sql`
    UPDATE record SET file_text = (
      SELECT string_agg(f.text_content, E'\n\n' ORDER BY rf.position)
      FROM record_file rf JOIN file f ON f.id = rf.file_id
      WHERE rf.record_id = ${recordId} AND f.text_content IS NOT NULL
    ) WHERE id = ${recordId}`);
  return attached;
}
