import { ApiError } from '../api/client'

/**
 * A console built ahead of its server: a screen whose endpoints the server doesn't have yet
 * says so plainly instead of failing. An unknown route is told from a missing record by its
 * answer: the server's not-found handler (server/plugins/errors.ts) says 没有这个接口 where a
 * record's 404 names the record, and a proxy in front answers 404 with no code at all.
 */
export const FEATURE_MISSING = '服务端未启用此功能'
const NO_SUCH_ROUTE = '没有这个接口'

export function isFeatureMissing(err: unknown): boolean {
  if (!(err instanceof ApiError) || err.status !== 404) return false
  return err.code === 'HTTP_404' || (err.code === 'NOT_FOUND' && err.message.startsWith(NO_SUCH_ROUTE))
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
