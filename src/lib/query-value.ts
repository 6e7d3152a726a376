/**
 * A page's query value as text. Mini-programs hand query values over still encoded, H5 decodes
 * them: decode once either way. A malformed encoding (a stray '%') never throws: it answers
 * `ifMalformed` ('' by default: a link target is then no target; search keeps the raw text).
 */
export function decodeQueryValue(raw: string | undefined, ifMalformed = ''): string {
  const text = raw ?? ''
  if (!text.includes('%')) return text
  try {
    return decodeURIComponent(text)
  } catch {
    return ifMalformed
  }
}
