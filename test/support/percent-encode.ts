/**
 * Percent-encodes any string, lone surrogates too, as the bytes a lax encoder would send (the fuzz tests use it to
 * put what `encodeURIComponent` refuses into addresses and form bodies).
 */
export function percentEncodeAny(text: string): string {
  let out = "";
  for (const char of text) {
    try {
      out += encodeURIComponent(char);
    } catch {
      const unit = char.charCodeAt(0);
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
    }
  }
  return out;
}
