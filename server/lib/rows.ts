/**
 * Row helpers shared by every repository: timestamps to the API's ISO strings and json
 * columns to values, said once instead of per module.
 */

/** A timestamp column as the API's ISO text. */
export function iso(d: Date | string): string
export function iso(d: Date | string | null): string | null
export function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString()
}

/** json columns arrive parsed from both drivers; text only if a driver ever changes its mind. */
export function parseJson<T>(v: T | string): T {
  return typeof v === 'string' ? (JSON.parse(v) as T) : v
}

/** The same as parseJson, for call sites that read better with the short name. */
export const json = parseJson
