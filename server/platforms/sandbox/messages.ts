import type { SandboxMessage } from '../../../src/domain/contract'
import type { Queryable } from '../../db'
import type { OutgoingMessage, SandboxMessagesFacet, SendOutcome } from '../types'

/**
 * Plays WeChat and Alipay without keys: keeps what it would have sent in sandbox_messages, so
 * the H5 preview (through GET /api/admin/messages) and tests can read it. It is idempotent on
 * the dedupe key, as a platform with idempotent sends would be: that is what lets a test
 * prove a message is delivered exactly once even when the worker dies mid-send.
 */
export function sandboxMessages(db: Queryable, now: () => Date): SandboxMessagesFacet {
  let outage = 0
  return {
    id: 'sandbox',
    idempotent: true,
    setOutage(sends) {
      outage = sends
    },
    async send(m: OutgoingMessage): Promise<SendOutcome> {
      if (outage > 0) {
        outage -= 1
        return { kind: 'retry', detail: 'sandbox outage (503)' }
      }
      await db.query(
        `INSERT INTO sandbox_messages (dedupe_key, user_id, platform, template_id, event, page, data, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedupe_key) DO NOTHING`,
        [m.dedupeKey, m.recipient.userId, m.recipient.platform, m.templateId, m.event, m.page, JSON.stringify(m.data), now()],
      )
      return { kind: 'sent' }
    },
    async list({ userId, orderId, page, pageSize }) {
      const where: string[] = []
      const params: unknown[] = []
      if (userId !== undefined) {
        params.push(userId)
        where.push(`user_id = $${params.length}`)
      }
      if (orderId !== undefined) {
        params.push(`order:${orderId}:%`)
        where.push(`dedupe_key LIKE $${params.length}`)
      }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
      const [rows, count] = await Promise.all([
        db.query<{ id: number; user_id: number; platform: SandboxMessage['platform']; event: SandboxMessage['event']; template_id: string; page: string; data: Record<string, string> | string; sent_at: Date }>(
          `SELECT id, user_id, platform, event, template_id, page, data, sent_at FROM sandbox_messages ${w} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
          [...params, pageSize, (page - 1) * pageSize],
        ),
        db.one<{ total: number }>(`SELECT count(*)::int AS total FROM sandbox_messages ${w}`, params),
      ])
      return {
        items: rows.rows.map((r) => ({
          id: r.id,
          userId: r.user_id,
          platform: r.platform,
          event: r.event,
          templateId: r.template_id,
          page: r.page,
          data: typeof r.data === 'string' ? JSON.parse(r.data) : r.data,
          sentAt: new Date(r.sent_at).toISOString(),
        })),
        total: count.total,
        page,
        pageSize,
      }
    },
  }
}
