import crypto from 'node:crypto'
import type { Queryable } from '../db'
import { iso } from './rows'
import type { RawNotify } from '../platforms/types'
import type { NotifyAuditEntry } from '../../src/domain/admin-contract'
export type { NotifyAuditEntry }

/** What an unverified notify keeps of its body: enough to recognise it, not enough to fill a disk. */
export const UNVERIFIED_BODY_PREFIX = 256

/** Headers worth keeping from an unverified notify (lower-case): none carries a secret or much text. */
const SAFE_HEADERS = ['content-type', 'wechatpay-serial', 'wechatpay-timestamp']

export interface AuditFields {
  headers: string
  body: string
  bodySha256: string | null
  bodyLength: number
}

/**
 * The columns of one notify audit row (payment_notifies, credit_notifies, each written by its
 * owner). A verified notify is the platform's and is kept whole (headers and body: the record
 * of what was agreed). An unverified one may be anyone's, posted any number of times with a
 * 64 KB body and as many headers as a request holds: it keeps the body's SHA-256, length and
 * first UNVERIFIED_BODY_PREFIX characters, and only the few safe headers, each cut short.
 */
export function auditFields(raw: RawNotify, verified: boolean): AuditFields {
  const body = raw.body ?? ''
  if (verified) return { headers: JSON.stringify(raw.headers), body, bodySha256: null, bodyLength: body.length }
  const headers: Record<string, string> = {}
  for (const [k, v] of Object.entries(raw.headers ?? {})) {
    if (v !== undefined && SAFE_HEADERS.includes(k.toLowerCase())) headers[k.toLowerCase()] = String(v).slice(0, 100)
  }
  return {
    headers: JSON.stringify(headers),
    body: body.slice(0, UNVERIFIED_BODY_PREFIX),
    bodySha256: crypto.createHash('sha256').update(body).digest('hex'),
    bodyLength: body.length,
  }
}

/** Rows deleted per statement when pruning, and statements per sweep: the sweeper never holds a long delete. */
export const PRUNE_BATCH = 500
export const PRUNE_BATCHES_PER_SWEEP = 10

/** The two audit tables and what their columns are called; names from code, never from a request. */
const AUDIT_TABLES = {
  payment: { table: 'payment_notifies', provider: 'provider', out: 'out_trade_no' },
  credit: { table: 'credit_notifies', provider: 'channel', out: 'out_order_no' },
} as const

/** A page of one owner's notify audit rows, newest first (each owner calls it for its own table). */
export async function listNotifyAudit(
  db: Queryable,
  source: 'payment' | 'credit',
  q: { verified?: boolean; limit: number; offset: number },
): Promise<{ items: NotifyAuditEntry[]; total: number }> {
  const t = AUDIT_TABLES[source]
  const where = '($1::boolean IS NULL OR verified = $1)'
  const [rows, count] = await Promise.all([
    db.query<{ id: number; provider: string; verified: boolean; outcome: string; out: string | null; received_at: Date }>(
      `SELECT id, ${t.provider} AS provider, verified, outcome, ${t.out} AS out, received_at FROM ${t.table}
        WHERE ${where} ORDER BY received_at DESC, id DESC LIMIT $2 OFFSET $3`,
      [q.verified ?? null, q.limit, q.offset],
    ),
    db.one<{ n: number }>(`SELECT count(*)::int AS n FROM ${t.table} WHERE ${where}`, [q.verified ?? null]),
  ])
  return {
    items: rows.rows.map((r) => ({ id: r.id, source, provider: r.provider, verified: r.verified, reason: r.outcome, outTradeNo: r.out, createdAt: iso(r.received_at) })),
    total: count.n,
  }
}
