/**
 * The points ledger's writes (src/domain/points.ts has the rules). Every change first locks
 * the shopper's points_accounts row, so two changes of one shopper run one after the other
 * and each sees the balance the other left; the entry's unique `key` makes a repeated event
 * (a paid notify twice, two taps) write once. Earned entries are lots (`remaining`,
 * `expires_at`); spends take from the lots expiring first. The balance is always the sum of
 * the lots' remaining points, and the CHECK (balance >= 0) is the last guard.
 */
import { lotExpiresAt, takeFromLots, type PointsKind } from '../../../src/domain/points'
import type { Tx } from '../../db'
import { readSettings } from './settings'

export interface LedgerEntryInput {
  userId: number
  points: number
  kind: PointsKind
  key: string
  title: string
  orderId?: number | null
  at: Date
}

/** The shopper's balance with their account row locked (created at 0 on the first change: an upsert that takes the lock). */
export async function lockAccount(q: Tx, userId: number, at: Date): Promise<number> {
  const row = await q.one<{ balance: number }>(
    `INSERT INTO points_accounts (user_id, balance, updated_at) VALUES ($1, 0, $2)
     ON CONFLICT (user_id) DO UPDATE SET balance = points_accounts.balance RETURNING balance`,
    [userId, at],
  )
  return row.balance
}

async function seen(q: Tx, key: string): Promise<boolean> {
  return (await q.maybeOne('SELECT 1 FROM points_entries WHERE key = $1', [key])) !== null
}

async function setBalance(q: Tx, userId: number, delta: number, at: Date): Promise<number> {
  const row = await q.one<{ balance: number }>('UPDATE points_accounts SET balance = balance + $2, updated_at = $3 WHERE user_id = $1 RETURNING balance', [userId, delta, at])
  return row.balance
}

/** Earns a lot expiring by the settings' rule from `at`. Zero points write nothing. */
export async function creditIn(q: Tx, e: LedgerEntryInput): Promise<{ applied: boolean; balance: number }> {
  const balance = await lockAccount(q, e.userId, e.at)
  if (e.points <= 0 || (await seen(q, e.key))) return { applied: false, balance }
  const expiresAt = lotExpiresAt(e.at, await readSettings(q))
  // The key's unique index settles a repeat that raced past the check above (another shopper's key): nothing is written twice.
  const inserted = await q.maybeOne(
    `INSERT INTO points_entries (user_id, delta, kind, key, title, order_id, remaining, expires_at, at)
     VALUES ($1, $2, $3, $4, $5, $6, $2, $7, $8) ON CONFLICT (key) DO NOTHING RETURNING id`,
    [e.userId, e.points, e.kind, e.key, e.title, e.orderId ?? null, expiresAt, e.at],
  )
  if (!inserted) return { applied: false, balance }
  return { applied: true, balance: await setBalance(q, e.userId, e.points, e.at) }
}

/**
 * Spends `points` (or, with `upTo`, as many of them as the balance holds: a refund's take-back
 * never drives the balance below zero). Refused (ok false, nothing written) when short.
 */
export async function debitIn(q: Tx, e: LedgerEntryInput, o: { upTo?: boolean } = {}): Promise<{ ok: boolean; applied: boolean; balance: number; points: number }> {
  const balance = await lockAccount(q, e.userId, e.at)
  if (await seen(q, e.key)) return { ok: true, applied: false, balance, points: 0 }
  const points = o.upTo ? Math.min(balance, e.points) : e.points
  if (points <= 0) return { ok: true, applied: false, balance, points: 0 }
  if (points > balance) return { ok: false, applied: false, balance, points: 0 }
  // The shopper's lots, soonest to expire first; the account lock already keeps other changes out.
  const lots = await q.query<{ id: string; remaining: number; expires_at: Date }>(
    'SELECT id, remaining, expires_at FROM points_entries WHERE user_id = $1 AND remaining > 0 ORDER BY expires_at, id',
    [e.userId],
  )
  const takes = takeFromLots(
    lots.rows.map((l) => ({ id: Number(l.id), remaining: l.remaining, expiresAt: new Date(l.expires_at).getTime() })),
    points,
  )
  const inserted = await q.maybeOne(
    `WITH t AS (
       UPDATE points_entries p SET remaining = p.remaining - x.take FROM json_to_recordset($7::json) AS x(id bigint, take int) WHERE p.id = x.id
     )
     INSERT INTO points_entries (user_id, delta, kind, key, title, order_id, at) VALUES ($1, $2, $3, $4, $5, $6, $8)
     ON CONFLICT (key) DO NOTHING RETURNING id`,
    [e.userId, -points, e.kind, e.key, e.title, e.orderId ?? null, JSON.stringify(takes), e.at],
  )
  if (!inserted) throw new Error(`points entry ${e.key} written meanwhile`)
  return { ok: true, applied: true, balance: await setBalance(q, e.userId, -points, e.at), points }
}
