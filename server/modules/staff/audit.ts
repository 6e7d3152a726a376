import type { Queryable } from '../../db'
import { iso, parseJson } from '../../lib/rows'
import type { AuditActor } from './identity'

export interface AuditEntry {
  /** What was done, as `entity.verb`: 'product.create', 'sku.stock', 'order.ship', 'staff.disable', … */
  action: string
  /** The kind of record: 'product', 'sku', 'order', 'staff', … */
  entity: string
  entityId?: string | number | null
  /** The record (or the fields that changed) before and after; omit what doesn't apply. */
  before?: unknown
  after?: unknown
}

/**
 * Writes one audit row, in the caller's transaction so the change and its record commit
 * together (or neither does). The staff module owns audit_log: this is its only writer.
 */
export async function recordAudit(q: Queryable, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (staff_id, actor_name, action, entity, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      actor.staffId,
      actor.username,
      entry.action,
      entry.entity,
      entry.entityId == null ? null : String(entry.entityId),
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
    ],
  )
}

export interface AuditRow {
  id: number
  actor: string
  action: string
  entity: string
  entityId: string | null
  before: unknown
  after: unknown
  createdAt: string
}

export interface AuditFilter {
  entity?: string
  entityId?: string
  actor?: string
  action?: string
  page: number
  pageSize: number
}

/** The log for the owner, newest first; every filter is an exact match. */
export async function listAudit(q: Queryable, f: AuditFilter): Promise<{ items: AuditRow[]; total: number; page: number; pageSize: number }> {
  const where: string[] = []
  const params: unknown[] = []
  const add = (column: string, v: string | undefined) => {
    if (v === undefined) return
    params.push(v)
    where.push(`${column} = $${params.length}`)
  }
  add('entity', f.entity)
  add('entity_id', f.entityId)
  add('actor_name', f.actor)
  add('action', f.action)
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = await q.one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log ${cond}`, params)
  const rows = await q.query<{ id: string | number; actor_name: string; action: string; entity: string; entity_id: string | null; before: unknown; after: unknown; created_at: Date | string }>(
    `SELECT id, actor_name, action, entity, entity_id, before, after, created_at FROM audit_log ${cond}
      ORDER BY created_at DESC, id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.pageSize, (f.page - 1) * f.pageSize],
  )
  return {
    items: rows.rows.map((r) => ({
      id: Number(r.id),
      actor: r.actor_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before === null ? null : parseJson(r.before),
      after: r.after === null ? null : parseJson(r.after),
      createdAt: iso(r.created_at),
    })),
    total: total.n,
    page: f.page,
    pageSize: f.pageSize,
  }
}
