// File names that say what a document is, e.g. "KF-2026-01-22-§8-Aterrapportering-kring-kraftsamlande-insatser.pdf",
// and the Content-Disposition that carries them: an ASCII fallback and the exact name in filename* (RFC 6266, 5987).

/** "Återrapportering kring kraftsamlande insatser" → "Aterrapportering-kring-kraftsamlande-insatser". */
export function fileWords(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9§]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

/** "KF-2026-01-22-§8-Aterrapportering-kring-kraftsamlande-insatser". */
export function baseName(parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .map(fileWords)
    .filter(Boolean)
    .join("-");
}

/** The header value: attachment; filename="ASCII"; filename*=UTF-8''exact. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName
    .replace(/§/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
