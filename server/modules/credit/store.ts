/**
 * The credit tables' shared writes: a state move as one conditional UPDATE on the states the
 * domain machine allows (two racing callbacks or timers can't both win), ledger entries that
 * a repeat can't double, and the credit messages' outbox rows (one per event per record).
 */
import type { LedgerEntry, LedgerEntryKind } from '../../../src/domain/credit'
import type { Machine } from '../../../src/domain/credit'
import type { CreditActor } from '../../../src/domain/credit'
import type { MessageEvent } from '../../../src/domain/messages'
import type { Queryable } from '../../db'
import { enqueueCreditEvent } from '../messages'

export interface CreditRow {
  id: number
  kind: 'rental' | 'pay_after_use' | 'membership'
  user_id: number
  state: string
  provider: 'wechat' | 'alipay' | 'sandbox'
  channel: 'wechat' | 'alipay'
  out_order_no: string
  idempotency_key: string | null
  confirm_ref: string | null
  auth_no: string | null
  agreement_no: string | null
  amount: number
  waived: number | null
  frozen: number | null
  charged: number
  terms: Record<string, unknown> | string
  order_id: number | null
  created_at: Date
  updated_at: Date
  confirmed_at: Date | null
  charge_requested_at: Date | null
  ended_at: Date | null
}

export const termsOf = <T>(r: CreditRow): T => (typeof r.terms === 'string' ? JSON.parse(r.terms) : r.terms) as T

/**
 * Moves a credit order by one event of its machine. `set` adds columns ("waived = $4"), whose
 * values follow in `params` from $4 on. Null when the order was not in a state the event may
 * start from (someone else moved it first): the caller treats that as "already done".
 */
export async function move<S extends string, E extends string>(
  q: Queryable,
  machine: Machine<S, E>,
  id: number,
  event: E,
  actor: CreditActor,
  at: Date,
  set = '',
  params: unknown[] = [],
): Promise<CreditRow | null> {
  const from = machine.statesAllowing(event)
  const to = machine.next(from[0], event, actor)
  if (!to) throw new Error(`credit: ${actor} may not ${event}`)
  return q.maybeOne<CreditRow>(
    `UPDATE credit_orders SET state = '${to}', updated_at = $3${set ? `, ${set}` : ''} WHERE id = $1 AND state = ANY($2::text[]) RETURNING *`,
    [id, from, at, ...params],
  )
}

export async function addLedger(q: Queryable, creditId: number, entries: { kind: LedgerEntryKind; amount: number }[], reference: string, at: Date): Promise<void> {
  for (const e of entries) {
    if (e.amount <= 0) continue
    await q.query('INSERT INTO credit_ledger (credit_order_id, kind, amount, reference, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [creditId, e.kind, e.amount, reference, at])
  }
}

export async function ledgerOf(q: Queryable, creditIds: number[]): Promise<Map<number, LedgerEntry[]>> {
  const r = await q.query<{ credit_order_id: number; kind: LedgerEntryKind; amount: number; reference: string; at: Date }>(
    'SELECT credit_order_id, kind, amount, reference, at FROM credit_ledger WHERE credit_order_id = ANY($1::int[]) ORDER BY at, id',
    [creditIds],
  )
  const m = new Map<number, LedgerEntry[]>()
  for (const x of r.rows) {
    const list = m.get(x.credit_order_id) ?? []
    list.push({ kind: x.kind, amount: x.amount, at: new Date(x.at).toISOString(), reference: x.reference })
    m.set(x.credit_order_id, list)
  }
  return m
}

/** A credit message in the change's own transaction; the dedupe key makes it one per event per record (and per period). */
export async function enqueueCredit(q: Queryable, row: Pick<CreditRow, 'id' | 'user_id'>, event: MessageEvent, at: Date, suffix = ''): Promise<void> {
  await enqueueCreditEvent(q, { creditOrderId: row.id, userId: row.user_id }, event, at, `credit:${row.id}:${event}${suffix}`)
}

/** A fresh credit order row with its out_order_no from its id (one statement, no unique-key race). */
export async function insertCreditOrder(
  q: Queryable,
  v: { kind: CreditRow['kind']; userId: number; state: string; provider: CreditRow['provider']; channel: CreditRow['channel']; prefix: string; key: string | null; amount: number; terms: object; orderId: number | null; at: Date },
): Promise<CreditRow | null> {
  return q.maybeOne<CreditRow>(
    `WITH n AS (SELECT nextval('credit_orders_id_seq')::int AS id)
     INSERT INTO credit_orders (id, kind, user_id, state, provider, channel, out_order_no, idempotency_key, amount, terms, order_id, created_at, updated_at)
     SELECT n.id, $1, $2, $3, $4, $5, $6 || to_char($12::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || lpad(n.id::text, 8, '0'), $7, $8, $9, $10, $11, $11 FROM n
     ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING *`,
    [v.kind, v.userId, v.state, v.provider, v.channel, v.prefix, v.key, v.amount, JSON.stringify(v.terms), v.orderId, v.at, v.at],
  )
}

/** The first of these SKUs that belongs to a rental product (product_rentals is credit's table), or null. */
export async function rentalProductAmong(q: Queryable, skuIds: readonly number[]): Promise<{ title: string } | null> {
  return q.maybeOne<{ title: string }>(
    'SELECT p.title FROM skus k JOIN products p ON p.id = k.product_id JOIN product_rentals r ON r.product_id = p.id WHERE k.id = ANY($1::int[]) LIMIT 1',
    [skuIds],
  )
}

/** Admin: the newest 500 ledger entries, by kind and/or reference (an entry's or its credit order's). */
export async function ledgerEntries(q: Queryable, filter: { kind?: string; ref?: string }): Promise<Record<string, unknown>[]> {
  const r = await q.query(
    `SELECT l.id, l.credit_order_id AS "creditOrderId", c.out_order_no AS "outOrderNo", c.kind AS "orderKind", l.kind, l.amount, l.reference, l.at
     FROM credit_ledger l JOIN credit_orders c ON c.id = l.credit_order_id
     WHERE ($1::text IS NULL OR l.kind = $1) AND ($2::text IS NULL OR l.reference = $2 OR c.out_order_no = $2) ORDER BY l.id DESC LIMIT 500`,
    [filter.kind ?? null, filter.ref ?? null],
  )
  return r.rows
}
