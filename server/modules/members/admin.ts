import type { Db } from '../../db'
import { badInput, notFound } from '../../lib/errors'
import { userExists } from '../auth'
import { recordAudit, type AdminIdentity } from '../staff'
import { activate, end, type Membership } from './repository'

/** The merchant makes a shopper a member: the membership and its audit row in one transaction. */
export async function putMember(db: Db, actor: AdminIdentity, userId: number, input: { source?: string; endsAt: Date | null }, now: Date): Promise<Membership> {
  if (input.endsAt && input.endsAt <= now) throw badInput('endsAt: 会员到期时间必须晚于现在')
  if (!(await userExists(db, userId))) throw notFound('用户', 'USER_NOT_FOUND')
  return db.tx(async (q) => {
    const m = await activate(q, userId, { source: input.source ?? 'admin', endsAt: input.endsAt, now })
    await recordAudit(q, actor, { action: 'member.put', entity: 'member', entityId: userId, after: m })
    return m
  })
}

/** The merchant ends a membership, with its audit row. */
export async function endMember(db: Db, actor: AdminIdentity, userId: number, now: Date): Promise<Membership> {
  return db.tx(async (q) => {
    const m = await end(q, userId, now)
    if (!m) throw notFound('会员', 'MEMBER_NOT_FOUND')
    await recordAudit(q, actor, { action: 'member.delete', entity: 'member', entityId: userId, after: m })
    return m
  })
}
