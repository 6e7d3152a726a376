import { ApiError } from '@/services/http'

/** 409s after which starting a group of your own is the way on (the group filled or ended meanwhile). */
const START_INSTEAD = new Set(['GROUP_FULL', 'GROUP_ENDED', 'GROUP_NOT_OPEN'])

/** A refused join the shopper can turn into a new group of the same deal, SKU and address. */
export function offersNewGroup(err: unknown): boolean {
  return err instanceof ApiError && START_INSTEAD.has(err.code)
}

/** Already in this group: their seat is on the group's page. */
export function alreadyIn(err: unknown): boolean {
  return err instanceof ApiError && err.code === 'ALREADY_IN_GROUP'
}
