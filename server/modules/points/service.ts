import type { PointsLedgerApi } from '../../../src/domain/points'
import type { Db, Tx } from '../../db'
import { creditIn, debitIn, type LedgerEntryInput } from './ledger'

export interface PointsDeps {
  now: () => Date
}

/** The ledger other modules write through (PointsLedgerApi), in their own transactions. */
export interface PointsService extends PointsLedgerApi {
  creditIn(q: Tx, e: LedgerEntryInput): Promise<{ applied: boolean; balance: number }>
  debitIn(q: Tx, e: LedgerEntryInput): Promise<{ ok: boolean; applied: boolean; balance: number }>
  /** The balance now (0 for a shopper without an account yet). */
  balanceOf(userId: number): Promise<number>
}

export function pointsService(db: Db, deps: PointsDeps): PointsService {
  void deps
  return {
    creditIn: (q, e) => creditIn(q as Tx, e),
    debitIn: async (q, e) => {
      const r = await debitIn(q as Tx, e)
      return { ok: r.ok, applied: r.applied, balance: r.balance }
    },
    async balanceOf(userId) {
      const row = await db.maybeOne<{ balance: number }>('SELECT balance FROM points_accounts WHERE user_id = $1', [userId])
      return row?.balance ?? 0
    },
  }
}
