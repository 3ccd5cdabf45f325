import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "../db/connect.js";
import type { DocumentModel } from "./model.js";
import { keptDocument } from "./tables.js";

// Documents of approved minutes never change, so their PDF/A and DOCX are rendered once and kept (issue 13,
// part 6). A kept file is found by the approved version's SHA-256, the SHA-256 of the document's blocks as this
// reader is given them, and the format: the same key can only ever render to the same bytes, since the renderers
// are deterministic (the creation date is the document's own). A correction forgets a meeting's kept files
// (migration 0020's trigger on minutes_version).

/** The formats worth keeping: a PDF/A or DOCX of the minutes takes hundreds of milliseconds, the HTML a few. */
export type KeptFormat = "pdf" | "docx";

/**
 * The SHA-256 of the approved version a document of the minutes shows, or null when it is not approved: the whole
 * minutes' version, or for one paragraph (paragraphId) the version that approved it. Approval answers it; the app
 * passes it in, so documents do not import approval.
 */
export type ApprovedHashOf = (
  tx: Tx,
  municipalityId: string,
  meetingId: string,
  paragraphId: string | null,
) => Promise<string | null>;

/** Where a document of approved minutes is kept: its meeting and the approved version's SHA-256. */
export interface Approved {
  meetingId: string;
  sha256: string;
}

/** The SHA-256 of a document's blocks and metadata, as the renderers take them. */
export function modelHash(d: DocumentModel): string {
  return createHash("sha256").update(JSON.stringify(d)).digest("hex");
}

/**
 * The kept bytes of a document of approved minutes in a format, or the bytes rendered now and kept for the next
 * reader. Two readers rendering the same file at once both keep it; the second insert does nothing.
 */
export async function keptOrRendered(
  db: Db,
  approved: Approved,
  d: DocumentModel,
  format: KeptFormat,
  render: () => Promise<Buffer>,
): Promise<Uint8Array> {
  const key = modelHash(d);
  const [hit] = await db
    .select({ bytes: keptDocument.bytes })
    .from(keptDocument)
    .where(
      and(
        eq(keptDocument.approvedSha256, approved.sha256),
        eq(keptDocument.modelSha256, key),
        eq(keptDocument.format, format),
      ),
    );
  if (hit) return hit.bytes;
  const bytes = await render();
  await db
    .insert(keptDocument)
    .values({
      meetingId: approved.meetingId,
      approvedSha256: approved.sha256,
      modelSha256: key,
      format,
      bytes,
    })
    .onConflictDoNothing();
  return bytes;
}
