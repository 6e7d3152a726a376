import type { GroupDealView, GroupView, OpenGroupView } from '../../../src/domain/groups'
import type { Db } from '../../db'
import { notFound } from '../../lib/errors'
import { groupAdmin, type GroupAdmin } from './admin'
import { groupCore, type GroupCore, type GroupDeps } from './service'
import { dealViews, groupViewById, myGroups, openGroups } from './views'

/** Group buying (拼团): the seats and their orders (core), the shopper's reads, the console's. */
export interface GroupService extends GroupCore {
  deals(productId?: number): Promise<{ items: GroupDealView[] }>
  openOf(productId: number): Promise<{ items: OpenGroupView[] }>
  view(id: number, viewerId: number | null): Promise<GroupView>
  mine(userId: number): Promise<{ items: GroupView[] }>
  /** GET /api/groups/:id/share: the share card; activityId stays null until the WeChat updatable message is wired. */
  share(id: number, userId: number): Promise<{ activityId: string | null; title: string; path: string }>
  readonly admin: GroupAdmin
}

/** The app's group page (src/routes.ts PAGES.group; the server shares src/domain only, so it is said again here). */
const GROUP_PAGE = '/pkg-growth/group/index'

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
  return {
    ...core,
    admin: groupAdmin(db, deps.now),
    deals: async (productId) => ({ items: await dealViews(db, deps.now(), productId) }),
    openOf: async (productId) => ({ items: await openGroups(db, productId, deps.now()) }),
    view,
    mine: async (userId) => ({ items: await myGroups(db, userId, deps.now()) }),
    async share(id, userId) {
      const v = await view(id, userId)
      const title = v.seatsLeft > 0 ? `还差 ${v.seatsLeft} 人成团，${(v.price / 100).toFixed(2)} 元拼「${v.title}」` : `「${v.title}」拼团`
      return { activityId: null, title, path: `${GROUP_PAGE}?id=${v.id}` }
    },
  }
}
