import { fileTypeFromBuffer } from "file-type";
import { DomainError } from "../domain/errors.js";
import { isZipContainer } from "../http/zip-limits.js";

// What an image in a report is: PNG or JPEG as its bytes say (never its name or declared type), at most 5 MB, with
// the pixel size the PDF and the DOCX lay it out by.

/** Largest image a report takes, in bytes. */
export const maxImageBytes = 5 * 1024 * 1024;

/** Most pixels an image in a report may have: 25 million (a photo of 6 000 × 4 000 has 24 million). */
export const maxImagePixels = 25_000_000;

export type ImageType = "image/png" | "image/jpeg";

export interface InspectedImage {
  mediaType: ImageType;
  width: number;
  height: number;
}

/** PNG: the IHDR chunk follows the 8-byte signature; width and height are its first two 32-bit integers. */
function pngSize(b: Uint8Array): [number, number] | null {
  if (b.length < 24) return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return [v.getUint32(16), v.getUint32(20)];
}

/** JPEG: the first start-of-frame segment (SOF0–SOF15 but DHT, JPG and DAC) holds height and width. */
function jpegSize(b: Uint8Array): [number, number] | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const length = v.getUint16(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker))
      return [v.getUint16(i + 7), v.getUint16(i + 5)];
    i += 2 + length;
  }
  return null;
}

/** Checks that the bytes are a PNG or JPEG image of at most 5 MB and reads its size; refuses anything else. */
export async function inspectImage(bytes: Uint8Array): Promise<InspectedImage> {
  if (bytes.byteLength > maxImageBytes)
    throw new DomainError(
      "report_image_too_large",
      { size: (bytes.byteLength / 1024 / 1024).toFixed(1).replace(".", ","), limit: 5 },
      "file",
    );
  // A ZIP container is never an image, and the type check would inflate parts of it without limit: refused first.
  if (isZipContainer(bytes)) throw new DomainError("report_image_not_image", { actual: "zip" }, "file");
  const found = bytes.byteLength > 0 ? await fileTypeFromBuffer(bytes) : undefined;
  if (found?.mime !== "image/png" && found?.mime !== "image/jpeg")
    throw new DomainError("report_image_not_image", { actual: found?.ext ?? null }, "file");
  const size = found.mime === "image/png" ? pngSize(bytes) : jpegSize(bytes);
  if (!size || size[0] < 1 || size[1] < 1)
    throw new DomainError("report_image_not_image", { actual: found.ext }, "file");
  // A PNG with transparency is inflated to its pixels when the PDF is made: a few kilobytes of one colour can
  // declare a picture of gigabytes, so the picture's size is held to what a report needs.
  if (size[0] * size[1] > maxImagePixels)
    throw new DomainError("report_image_too_many_pixels", { width: size[0], height: size[1] }, "file");
  return { mediaType: found.mime, width: size[0], height: size[1] };
}
