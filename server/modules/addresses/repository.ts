import type { Address } from '../../../src/domain/contract'
import type { Queryable } from '../../db'

export const MAX_ADDRESSES = 20

interface AddressRow {
  id: number
  name: string
  phone: string
  region: [string, string, string]
  detail: string
  is_default: boolean
}

const COLUMNS = 'id, name, phone, region, detail, is_default'

export function toAddress(r: AddressRow): Address {
  return { id: r.id, name: r.name, phone: r.phone, region: r.region, detail: r.detail, isDefault: r.is_default }
}

export async function listAddresses(db: Queryable, userId: number): Promise<Address[]> {
  const r = await db.query<AddressRow>(`SELECT ${COLUMNS} FROM addresses WHERE user_id = $1 ORDER BY is_default DESC, id DESC`, [userId])
  return r.rows.map(toAddress)
}

export async function findAddress(db: Queryable, userId: number, id: number): Promise<Address | null> {
  const r = await db.maybeOne<AddressRow>(`SELECT ${COLUMNS} FROM addresses WHERE id = $1 AND user_id = $2`, [id, userId])
  return r ? toAddress(r) : null
}

export interface AddressFields {
  name: string
  phone: string
  region: [string, string, string]
  detail: string
}

export async function insertAddress(db: Queryable, userId: number, a: AddressFields, isDefault: boolean, now: Date): Promise<Address> {
  const r = await db.one<AddressRow>(
    `INSERT INTO addresses (user_id, name, phone, region, detail, is_default, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
    [userId, a.name, a.phone, JSON.stringify(a.region), a.detail, isDefault, now],
  )
  return toAddress(r)
}

export async function updateAddress(db: Queryable, userId: number, id: number, a: AddressFields): Promise<Address | null> {
  const r = await db.maybeOne<AddressRow>(
    `UPDATE addresses SET name = $3, phone = $4, region = $5, detail = $6 WHERE id = $1 AND user_id = $2 RETURNING ${COLUMNS}`,
    [id, userId, a.name, a.phone, JSON.stringify(a.region), a.detail],
  )
  return r ? toAddress(r) : null
}

/** Makes one address the default and every other one not, in one statement. */
export async function setDefault(db: Queryable, userId: number, id: number): Promise<void> {
  await db.query('UPDATE addresses SET is_default = (id = $2) WHERE user_id = $1', [userId, id])
}

/** Locks the user's row: two concurrent adds can't both pass the limit check. */
export async function lockUser(q: Queryable, userId: number): Promise<void> {
  await q.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [userId])
}

export async function countAddresses(q: Queryable, userId: number): Promise<number> {
  return (await q.one<{ n: number }>('SELECT count(*)::int AS n FROM addresses WHERE user_id = $1', [userId])).n
}

/** Deletes one of the user's addresses; whether it was the default, or null when there was none. */
export async function deleteAddress(q: Queryable, userId: number, id: number): Promise<{ wasDefault: boolean } | null> {
  const gone = await q.maybeOne<{ is_default: boolean }>('DELETE FROM addresses WHERE id = $1 AND user_id = $2 RETURNING is_default', [id, userId])
  return gone ? { wasDefault: gone.is_default } : null
}

export async function newestAddressId(q: Queryable, userId: number): Promise<number | null> {
  return (await q.maybeOne<{ id: number }>('SELECT id FROM addresses WHERE user_id = $1 ORDER BY id DESC LIMIT 1', [userId]))?.id ?? null
}
