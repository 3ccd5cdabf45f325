// What Paragraf accepts as an e-mail address to send to. Deliberately narrower than RFC 5322 (no quoted local
// parts, comments or IP literals): an address a municipality types for a recipient looks like
// registrator@exempel.se, and anything else is far more often a typing error than a real mailbox.

const localPart = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const label = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;

/** The address trimmed and with its domain in lower case, or null when it does not parse as one address. */
export function parseMailAddress(input: string): string | null {
  const value = input.trim();
  if (value.length === 0 || value.length > 254) return null;
  const at = value.lastIndexOf("@");
  if (at <= 0 || at !== value.indexOf("@")) return null;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).toLowerCase();
  if (local.length > 64 || !localPart.test(local)) return null;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((l) => label.test(l))) return null;
  if (!/^[a-z]{2,63}$/.test(labels.at(-1)!)) return null;
  return `${local}@${domain}`;
}
