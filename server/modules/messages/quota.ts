import type { SubscribeResult } from '../../../src/domain/messages'
import type { Queryable } from '../../db'

/**
 * The quota ledger: per (user, template), how many sends the shopper has allowed and we have
 * not used. One-time subscriptions on both platforms allow one send per accept.
 */
export interface QuotaRow {
  template_id: string
  remaining: number
  last_choice: 'accept' | 'reject' | 'ban'
}

/** Accept adds one send; reject and ban are remembered (the app stops asking); filter means nothing was shown. */
export async function recordChoice(q: Queryable, userId: number, templateId: string, choice: SubscribeResult, at: Date): Promise<void> {
  if (choice === 'filter') return
  const add = choice === 'accept' ? 1 : 0
  await q.query(
    `INSERT INTO message_quota (user_id, template_id, remaining, accepted_total, last_choice, updated_at) VALUES ($1, $2, $3, $3, $4, $5)
     ON CONFLICT (user_id, template_id) DO UPDATE SET remaining = message_quota.remaining + $3,
       accepted_total = message_quota.accepted_total + $3, last_choice = $4, updated_at = $5`,
    [userId, templateId, add, choice, at],
  )
}

export async function quotaOf(q: Queryable, userId: number, templateIds: readonly string[]): Promise<Map<string, QuotaRow>> {
  if (templateIds.length === 0) return new Map()
  const r = await q.query<QuotaRow>('SELECT template_id, remaining, last_choice FROM message_quota WHERE user_id = $1 AND template_id = ANY($2::text[])', [userId, templateIds])
  return new Map(r.rows.map((x) => [x.template_id, x]))
}

/** Spends one send if there is one (conditional: two workers can't spend the last one twice). */
export async function takeOne(q: Queryable, userId: number, templateId: string, at: Date): Promise<boolean> {
  const r = await q.query('UPDATE message_quota SET remaining = remaining - 1, sent_total = sent_total + 1, updated_at = $3 WHERE user_id = $1 AND template_id = $2 AND remaining > 0', [userId, templateId, at])
  return r.rowCount > 0
}

/** A send that surely did not happen gives its unit back. */
export async function giveBack(q: Queryable, userId: number, templateId: string, at: Date): Promise<void> {
  await q.query('UPDATE message_quota SET remaining = remaining + 1, sent_total = sent_total - 1, updated_at = $3 WHERE user_id = $1 AND template_id = $2', [userId, templateId, at])
}

/** The platform says there is none left (WeChat 43101): believe it. */
export async function exhaust(q: Queryable, userId: number, templateId: string, at: Date): Promise<void> {
  await q.query('UPDATE message_quota SET remaining = 0, updated_at = $3 WHERE user_id = $1 AND template_id = $2', [userId, templateId, at])
}
