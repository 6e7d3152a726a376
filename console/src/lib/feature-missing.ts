import { ApiError } from '../api/client'

/**
 * A console built ahead of its server: a screen whose endpoints the server doesn't have yet
 * (a 404 from the router itself, which carries no error code, unlike a 404 NOT_FOUND of a
 * record) says so plainly instead of failing.
 */
export const FEATURE_MISSING = '服务端未启用此功能'

export function isFeatureMissing(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404 && (err.code === 'HTTP_404' || err.code === 'FEATURE_MISSING')
}

/** The answer, or `fallback` when the server has no such route; any other failure stays a failure. */
export async function orMissing<T, F>(answer: Promise<T>, fallback: F): Promise<T | F> {
  try {
    return await answer
  } catch (err) {
    if (isFeatureMissing(err)) return fallback
    throw err
  }
}

/** A list page's answer when the server has no such list: empty, and marked so the page can say why. */
export interface MissingPage<T> {
  items: T[]
  total: number
  missing: true
}
export const missingPage = <T>(): MissingPage<T> => ({ items: [], total: 0, missing: true })
export const isMissingPage = (data: unknown): boolean => !!data && typeof data === 'object' && (data as { missing?: unknown }).missing === true
