import { bindingAt, decideBinding, type Binding } from '../../../src/domain/promoters'
import type { Queryable, Tx } from '../../db'
import { readSettings } from './settings'

interface BindingRow {
  promoter_id: number
  bound_at: Date
  locked_until: Date
}

const toBinding = (r: BindingRow | null): Binding | null => r && { promoterId: r.promoter_id, boundAt: new Date(r.bound_at), lockedUntil: new Date(r.locked_until) }

/** The customer's binding row, locked for the rest of the transaction (null: never bound). */
async function lockBinding(q: Queryable, userId: number): Promise<Binding | null> {
  return toBinding(await q.maybeOne<BindingRow>('SELECT promoter_id, bound_at, locked_until FROM promoter_bindings WHERE user_id = $1 FOR UPDATE', [userId]))
}

/** The customer's binding as it stands (no lock). */
export async function bindingOf(q: Queryable, userId: number): Promise<Binding | null> {
  return toBinding(await q.maybeOne<BindingRow>('SELECT promoter_id, bound_at, locked_until FROM promoter_bindings WHERE user_id = $1', [userId]))
}

/** The promoter a shopper is bound to at `at` (lock in force), or null. */
export async function boundPromoterAt(q: Queryable, userId: number, at: Date): Promise<number | null> {
  return bindingAt(await bindingOf(q, userId), null, at)
}

/**
 * A visit through a promoter's scene, inside the attribution module's visit transaction: the
 * customer's binding row is locked (or, for a first binding, inserted with ON CONFLICT so two
 * promoters racing for the same new customer meet on the primary key: the loser reads the
 * winner's row and is refused by the lock). Answers whether the customer is bound to this
 * promoter now.
 */
export async function bindIn(q: Tx, e: { userId: number; promoterId: number; scene: string; at: Date }): Promise<boolean> {
  const p = await q.maybeOne<{ user_id: number; status: string }>('SELECT user_id, status FROM promoters WHERE id = $1', [e.promoterId])
  if (!p) return false
  const { lockDays } = await readSettings(q, e.at)
  const visit = { customerId: e.userId, promoterId: e.promoterId, promoterUserId: p.user_id, active: p.status === 'approved' }
  for (let attempt = 0; attempt < 2; attempt++) {
    const current = await lockBinding(q, e.userId)
    const d = decideBinding(current, visit, e.at, lockDays)
    if (d.kind === 'ignore') return false
    if (d.kind === 'keep') return d.reason === 'same'
    if (current) {
      await q.query('UPDATE promoter_bindings SET promoter_id = $2, scene = $3, bound_at = $4, locked_until = $5 WHERE user_id = $1', [e.userId, e.promoterId, e.scene, e.at, d.lockedUntil])
      return true
    }
    const inserted = await q.maybeOne(
      `INSERT INTO promoter_bindings (user_id, promoter_id, scene, bound_at, locked_until) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id) DO NOTHING RETURNING user_id`,
      [e.userId, e.promoterId, e.scene, e.at, d.lockedUntil],
    )
    if (inserted) return true
    // Another visit bound them between our read and our insert: decide again against its row.
  }
  return false
}
