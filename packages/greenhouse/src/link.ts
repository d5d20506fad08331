/**
 * The `cursor` of the `rel="next"` entry of an RFC 8288 `Link` header, or null on the last page.
 * Only the cursor is kept: Harvest v3 wants it as the only query parameter, and the request goes to
 * our own base URL whatever host the link names.
 */
export function nextCursor(link: string | null | undefined): string | null {
  if (!link) return null;
  for (const entry of link.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(entry);
    if (!m) continue;
    const rels =
      /;\s*rel\s*=\s*"?([^";]+)"?/i
        .exec(m[2] ?? "")?.[1]
        ?.toLowerCase()
        .split(/\s+/) ?? [];
    if (!rels.includes("next")) continue;
    try {
      return new URL(m[1]!, "http://link.invalid").searchParams.get("cursor") || null;
    } catch {
      return null;
    }
  }
  return null;
}
