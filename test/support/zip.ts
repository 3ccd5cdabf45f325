import { zipSync } from "fflate";

/**
 * A ZIP container of a few kilobytes whose one entry inflates to `inflatedMiB` MiB of spaces: a "zip bomb", built
 * with its sizes declared truthfully, as an ordinary archiver writes them.
 */
export function zipBomb(entry: string, inflatedMiB: number): Uint8Array {
  return zipSync({ [entry]: [new Uint8Array(inflatedMiB * 1024 * 1024).fill(0x20), { level: 9 }] });
}
