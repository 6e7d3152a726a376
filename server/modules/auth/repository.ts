import type { Platform, User } from '../../../src/domain/contract'
import type { Queryable } from '../../db'
import { toUser } from '../../plugins/auth'

/** Finds or creates the user for a platform identity; a later login refreshes open/union ids. */
export async function upsertUser(
  db: Queryable,
  u: { platform: Platform; externalId: string; nickname: string; openId?: string | null; unionId?: string | null },
): Promise<User> {
  const r = await db.one<{ id: number; nickname: string; avatar: string | null; platform: Platform }>(
    `INSERT INTO users (platform, external_id, nickname, open_id, union_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (platform, external_id) DO UPDATE
       SET open_id = COALESCE(EXCLUDED.open_id, users.open_id), union_id = COALESCE(EXCLUDED.union_id, users.union_id)
     RETURNING id, nickname, avatar, platform`,
    [u.platform, u.externalId, u.nickname, u.openId ?? null, u.unionId ?? null],
  )
  return toUser(r)
}

/** The shopper's platform (weapp / alipay / h5), or null for no such user. */
export async function platformOf(q: Queryable, userId: number): Promise<'weapp' | 'alipay' | 'h5' | null> {
  return (await q.maybeOne<{ platform: 'weapp' | 'alipay' | 'h5' }>('SELECT platform FROM users WHERE id = $1', [userId]))?.platform ?? null
}

export async function userExists(q: Queryable, userId: number): Promise<boolean> {
  return (await q.maybeOne('SELECT 1 FROM users WHERE id = $1', [userId])) !== null
}
