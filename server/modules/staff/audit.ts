import type { Queryable } from '../../db'
import type { AdminIdentity } from './identity'

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
export async function recordAudit(q: Queryable, actor: AdminIdentity, entry: AuditEntry): Promise<void> {
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
