import type { GroupDealView, GroupView, OpenGroupView } from '../../../src/domain/groups'
import type { Db } from '../../db'
import type { SandboxActivitiesFacet } from '../../platforms/types'
import { notFound } from '../../lib/errors'
import { groupAdmin, type GroupAdmin } from './admin'
import { activityOf, setActivity } from './repository'
import { groupCore, groupPage, type GroupCore, type GroupDeps } from './service'
import { dealViews, groupViewById, myGroups, openGroups } from './views'

/** Group buying (拼团): the seats and their orders (core), the shopper's reads, the console's. */
export interface GroupService extends GroupCore {
  deals(productId?: number): Promise<{ items: GroupDealView[] }>
  openOf(productId: number): Promise<{ items: OpenGroupView[] }>
  view(id: number, viewerId: number | null): Promise<GroupView>
  mine(userId: number): Promise<{ items: GroupView[] }>
  /** GET /api/groups/:id/share: the share card; on WeChat with the updatable message's activity id (null elsewhere, or when WeChat refuses). */
  share(id: number, userId: number): Promise<{ activityId: string | null; title: string; path: string }>
  readonly admin: GroupAdmin
  /** The sandbox playing WeChat's updatable messages, when it does (tests read what it was sent). */
  readonly sandboxActivities?: SandboxActivitiesFacet
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Group buying (拼团, modules/groups). */
    groups: GroupService
  }
}

export function groupService(db: Db, deps: GroupDeps): GroupService {
  const core = groupCore(db, deps)
  const view = async (id: number, viewerId: number | null) => {
    const v = await groupViewById(db, id, viewerId, deps.now())
    if (!v) throw notFound('拼团', 'GROUP_NOT_FOUND')
    return v
  }
  /**
   * One activity id per group (valid 24 hours: asked again after that), for WeChat shoppers of a
   * forming group only: an Alipay or H5 card has no updatable message. A refusal is no error: the card is just static.
   */
  async function activityFor(groupId: number, forming: boolean, userId: number): Promise<string | null> {
    const facet = deps.activities
    if (!facet || !forming) return null
    const platform = await db.maybeOne<{ platform: string }>('SELECT platform FROM users WHERE id = $1', [userId])
    if (platform?.platform !== 'weapp') return null
    const known = await activityOf(db, groupId, deps.now())
    if (known) return known
    try {
      const a = await facet.createActivityId()
      await setActivity(db, groupId, a.activityId, a.expiresAt)
      return a.activityId
    } catch (err) {
      deps.onBackgroundError?.(err, `activity id of group ${groupId}`)
      return null
    }
  }

  return {
    ...core,
    admin: groupAdmin(db, deps.now),
    sandboxActivities: deps.activities?.sandbox ? (deps.activities as SandboxActivitiesFacet) : undefined,
    deals: async (productId) => ({ items: await dealViews(db, deps.now(), productId) }),
    openOf: async (productId) => ({ items: await openGroups(db, productId, deps.now()) }),
    view,
    mine: async (userId) => ({ items: await myGroups(db, userId, deps.now()) }),
    async share(id, userId) {
      const v = await view(id, userId)
      const title = v.seatsLeft > 0 ? `还差 ${v.seatsLeft} 人成团，${(v.price / 100).toFixed(2)} 元拼「${v.title}」` : `「${v.title}」拼团`
      return { activityId: await activityFor(v.id, v.status === 'forming', userId), title, path: groupPage(v.id) }
    },
  }
}
