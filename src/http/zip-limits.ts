import { Unzip, UnzipInflate } from "fflate";

// A ZIP container can hold a few kilobytes that inflate to gigabytes (a "zip bomb"). Whatever looks inside an
// uploaded container — the file-type check of a record's file, the XLSX reader of an import — inflates what it
// reads in full and trusts no limit, so an upload well under the size limit could take all the memory of the
// process. Before any of them looks, the entries they will read are inflated here as a stream, counting what comes
// out and stopping at the limit, never trusting the sizes the container declares.

const zipMagic = [0x50, 0x4b, 0x03, 0x04];

/** True when the bytes begin as a ZIP container does (a local file header). */
export function isZipContainer(bytes: Uint8Array): boolean {
  return zipMagic.every((b, i) => bytes[i] === b);
}

const pieceBytes = 4096;

export type ZipCheck = "within" | "too_large" | "unreadable";

/**
 * Inflates the entries `chosen` picks (all when none is given) and says whether together they stay within `limit`
 * bytes. A container that cannot be read — damaged, or compressed in a way only deflate and stored entries are
 * not — is "unreadable": its readers would not have read it either, and nothing is inflated beyond the limit.
 * Entries not chosen are skipped without being inflated.
 */
export function checkZipInflation(
  bytes: Uint8Array,
  limit: number,
  chosen: (name: string) => boolean = () => true,
): ZipCheck {
  let total = 0;
  let over = false;
  let broken = false;
  const unzip = new Unzip((file) => {
    if (over || broken || !chosen(file.name)) return;
    file.ondata = (error, chunk) => {
      if (error) {
        broken = true;
        return;
      }
      total += chunk.length;
      if (total > limit && !over) {
        over = true;
        file.terminate();
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  // Fed in small pieces: the inflater gives out what one push of input inflates to at once, so a piece of 4 KiB
  // comes out as at most about 4 MiB before the count can stop it.
  try {
    for (let at = 0; at < bytes.length && !over && !broken; at += pieceBytes)
      unzip.push(bytes.subarray(at, at + pieceBytes), at + pieceBytes >= bytes.length);
  } catch {
    broken = true;
  }
  if (over) return "too_large";
  return broken ? "unreadable" : "within";
}
