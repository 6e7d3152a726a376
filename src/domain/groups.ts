/**
 * Group buying (拼团): a deal sells SKUs at a group price to groups of `size` shoppers within
 * `hours` of the group's start. Pure: no I/O; the server's groups module enforces these rules
 * under row locks, the app uses them to show seats and buttons.
 *
 * How a group lives (GROUP_TRANSITIONS below; a member's seat in MEMBER_TRANSITIONS):
 *
 *   (leader's order created) ──▶ forming ──last seat paid──▶ succeeded
 *                                   │
 *                                   ├──time limit reached (robot fill off)──▶ failed: every paid member refunded once
 *                                   ├──time limit reached (robot fill on, ≥1 paid)──▶ succeeded (robot seats)
 *                                   └──leader's order ended unpaid──▶ failed (nobody else could have joined yet)
 *
 * - A group is open to others only once its leader has paid (`openedAt`); until then it is
 *   the leader's alone.
 * - A seat is taken when a member's order is created (under the group's row lock, so two
 *   shoppers can never both take the last seat), and freed when that order ends unpaid or is
 *   refunded while the group is still forming. A member who pays after the group failed or
 *   filled without them is refunded in full (never a group of size + 1).
 * - After success the group stays succeeded whatever happens to one member's order later (an
 *   after-sales refund of a member is that member's business, not the group's).
 * - One seat per shopper per group; the leader can't join their own group.
 */
import type { Fen } from './money'

export const GROUP_STATUSES = ['forming', 'succeeded', 'failed'] as const
export type GroupStatus = (typeof GROUP_STATUSES)[number]

export type GroupEvent = 'last_paid' | 'timeout_fail' | 'timeout_fill' | 'leader_left'

export const GROUP_TRANSITIONS: Record<GroupEvent, { from: readonly GroupStatus[]; to: GroupStatus }> = {
  last_paid: { from: ['forming'], to: 'succeeded' },
  timeout_fail: { from: ['forming'], to: 'failed' },
  timeout_fill: { from: ['forming'], to: 'succeeded' },
  leader_left: { from: ['forming'], to: 'failed' },
}

/** unpaid: seat held by a created order; left: that order ended unpaid or was refunded while forming; refunded: paid into a group that failed (or was already full). */
export const MEMBER_STATUSES = ['unpaid', 'paid', 'left', 'refunding', 'refunded'] as const
export type MemberStatus = (typeof MEMBER_STATUSES)[number]

export type MemberEvent = 'pay' | 'order_ended' | 'refund_while_forming' | 'group_failed' | 'refund_done'

export const MEMBER_TRANSITIONS: Record<MemberEvent, { from: readonly MemberStatus[]; to: MemberStatus }> = {
  pay: { from: ['unpaid'], to: 'paid' },
  order_ended: { from: ['unpaid'], to: 'left' },
  refund_while_forming: { from: ['paid'], to: 'left' },
  group_failed: { from: ['paid'], to: 'refunding' },
  refund_done: { from: ['refunding'], to: 'refunded' },
}

export const GROUP_SIZE_MIN = 2
export const GROUP_SIZE_MAX = 10

/** A group deal as the console writes it (POST /api/admin/group-deals). */
export interface GroupDealInput {
  name: string
  productId: number
  /** 2..10 shoppers. */
  size: number
  /** Time limit of each group from its start, in hours (1..72). */
  hours: number
  /** Units one shopper may buy at the group price over the whole deal; null = no limit. */
  perUserLimit: number | null
  /** At the time limit, a group with at least one paid member is filled with robot seats and succeeds (off by default). */
  robotFill: boolean
  /** ISO times; the deal is live while startsAt <= now < endsAt and not ended. */
  startsAt: string
  endsAt: string
  /** The deal's own stock per SKU (not the SKU's): group orders take from both. */
  skus: { skuId: number; price: Fen; stock: number }[]
}

/** GET /api/group-deals (fixed: promotionId, productId, skuIds, size, price; price is the lowest group price). */
export interface GroupDealView {
  promotionId: number
  productId: number
  skuIds: number[]
  size: number
  price: Fen
  name: string
  hours: number
  perUserLimit: number | null
  endsAt: string
  /** The product's regular lowest price, for the crossed-out price. */
  regularPrice: Fen
  title: string
  image: string
  skus: { skuId: number; price: Fen; stockLeft: number }[]
}

/** An open group on a product page ("还差 1 人成团"), joinable by the viewer. */
export interface OpenGroupView {
  id: number
  promotionId: number
  leader: { nickname: string; avatar: string | null }
  seatsLeft: number
  expiresAt: string
}

export interface GroupMemberView {
  /** Masked ("张**"); robot seats are "拼团小助手". */
  nickname: string
  avatar: string | null
  leader: boolean
  paid: boolean
  robot: boolean
  joinedAt: string
}

/** GET /api/groups/:id (fixed: status, size, members). */
export interface GroupView {
  id: number
  promotionId: number
  productId: number
  status: GroupStatus
  size: number
  seatsLeft: number
  members: GroupMemberView[]
  expiresAt: string
  succeededAt: string | null
  /** Lowest group price and the product's, for the share card and page. */
  price: Fen
  regularPrice: Fen
  title: string
  image: string
  /** The viewer's own seat, if any. */
  mine: { orderId: number; status: MemberStatus; leader: boolean } | null
  /** What the viewer may do here: join (a seat is free and it's not theirs), share (theirs and forming), none. */
  action: 'join' | 'share' | 'none'
}

/** POST /api/groups (fixed). */
export interface CreateGroupInput {
  promotionId: number
  skuId: number
  addressId: number
  idempotencyKey: string
}

/** POST /api/groups/:id/join (fixed). */
export interface JoinGroupInput {
  skuId: number
  addressId: number
  idempotencyKey: string
}

/** 201 of both (fixed). */
export interface GroupOrderResult {
  groupId: number
  orderId: number
}

/** Why a shopper can't take a seat: each becomes a 409 with this code (a 404 for a group that doesn't exist). */
export type JoinRefusal = 'GROUP_FULL' | 'GROUP_ENDED' | 'GROUP_NOT_OPEN' | 'OWN_GROUP' | 'ALREADY_IN_GROUP' | 'DEAL_ENDED' | 'DEAL_SOLD_OUT' | 'GROUP_LIMIT'

/** Console list rows (GET /api/admin/group-deals, GET /api/admin/groups). */
export interface AdminGroupDeal extends GroupDealInput {
  id: number
  endedAt: string | null
  groups: { forming: number; succeeded: number; failed: number }
  sold: number
}

export interface AdminGroupRow {
  id: number
  promotionId: number
  dealName: string
  status: GroupStatus
  size: number
  paid: number
  leaderUserId: number
  createdAt: string
  expiresAt: string
  orderIds: number[]
}
