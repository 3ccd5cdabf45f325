// A municipality's public site is found by the host name a request was sent to. Both the stored host and the
// request's Host header go through hostName, so "Tyreso.Example.se:443" finds "tyreso.example.se".

const label = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const hostPattern = new RegExp(`^(?=.{1,253}$)${label}(?:\\.${label})*$`);

/** The host name of a Host header or a typed host: lower case, without port or trailing dot. */
export function hostName(value: string): string {
  return value.trim().toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
}

/** True for a host name a municipality's site can answer at (letters, digits, hyphens, dots). */
export function isHostName(value: string): boolean {
  return hostPattern.test(value);
}
