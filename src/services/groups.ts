import type { CreateGroupInput, GroupDealView, GroupOrderResult, GroupView, JoinGroupInput, OpenGroupView } from '@/domain/groups'
import { api, imageUrl } from './http'

/** Product images and avatars are server paths: absolute for the mini-programs' <image>. */
const avatar = (a: string | null) => (a ? imageUrl(a) : null)

function reshapeGroup(g: GroupView): GroupView {
  return { ...g, image: g.image ? imageUrl(g.image) : g.image, members: g.members.map((m) => ({ ...m, avatar: avatar(m.avatar) })) }
}

/** GET /api/group-deals?productId=: the live deals (all of them without a product). Public. */
export async function fetchGroupDeals(productId?: number): Promise<GroupDealView[]> {
  const { items } = await api<{ items: GroupDealView[] }>('GET', '/api/group-deals', { query: { productId } })
  return items.map((d) => ({ ...d, image: d.image ? imageUrl(d.image) : d.image }))
}

/** GET /api/products/:id/groups: open groups of the product's live deals, soonest to end first. Public. */
export async function fetchOpenGroups(productId: number): Promise<OpenGroupView[]> {
  const { items } = await api<{ items: OpenGroupView[] }>('GET', `/api/products/${productId}/groups`)
  return items.map((g) => ({ ...g, leader: { ...g.leader, avatar: avatar(g.leader.avatar) } }))
}

/** GET /api/groups/:id: public; with a session `mine` and `action` are the viewer's. */
export async function fetchGroup(id: number): Promise<GroupView> {
  return reshapeGroup(await api<GroupView>('GET', `/api/groups/${id}`))
}

/** GET /api/groups/mine: the shopper's groups, newest first. */
export async function fetchMyGroups(): Promise<GroupView[]> {
  return (await api<{ items: GroupView[] }>('GET', '/api/groups/mine')).items.map(reshapeGroup)
}

/** POST /api/groups: starts a group with an unpaid order at the group price (pay it like any order). */
export function startGroup(input: CreateGroupInput): Promise<GroupOrderResult> {
  return api<GroupOrderResult>('POST', '/api/groups', { body: input })
}

/** POST /api/groups/:id/join: takes a seat with an unpaid order (409 GROUP_FULL, GROUP_ENDED, … when it can't). */
export function joinGroup(groupId: number, input: JoinGroupInput): Promise<GroupOrderResult> {
  return api<GroupOrderResult>('POST', `/api/groups/${groupId}/join`, { body: input })
}

export interface GroupShareInfo {
  /** WeChat's updatable-message id; null where the platform or the account has none. */
  activityId: string | null
  title: string
  path: string
}

/** GET /api/groups/:id/share (signed in): the WeChat updatable message's activity id, when there is one. */
export function fetchGroupShare(id: number): Promise<GroupShareInfo> {
  return api<GroupShareInfo>('GET', `/api/groups/${id}/share`)
}
