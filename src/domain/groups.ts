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
  /** The leader's nickname as the console shows buyers (unmasked), null when they have none. */
  leaderNickname: string | null
  createdAt: string
  expiresAt: string
  orderIds: number[]
}

// ——— Rules (pure; the server enforces them under row locks) ———

export const GROUP_HOURS_MIN = 1
export const GROUP_HOURS_MAX = 72

/** A bad GroupDealInput: the field it names and why (the server answers 400 with it). */
export interface GroupDealProblem {
  field: string
  message: string
}

/** Checks a deal as the console writes it; null when it is fine. */
export function checkGroupDeal(input: GroupDealInput): GroupDealProblem | null {
  const intIn = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max
  if (!input.name || input.name.trim().length === 0 || input.name.length > 40) return { field: 'name', message: '活动名称需为 1 到 40 个字' }
  if (!Number.isInteger(input.productId) || input.productId <= 0) return { field: 'productId', message: '请选择商品' }
  if (!intIn(input.size, GROUP_SIZE_MIN, GROUP_SIZE_MAX)) return { field: 'size', message: `成团人数需在 ${GROUP_SIZE_MIN} 到 ${GROUP_SIZE_MAX} 人之间` }
  if (!intIn(input.hours, GROUP_HOURS_MIN, GROUP_HOURS_MAX)) return { field: 'hours', message: `成团时限需在 ${GROUP_HOURS_MIN} 到 ${GROUP_HOURS_MAX} 小时之间` }
  if (input.perUserLimit !== null && !intIn(input.perUserLimit, 1, 999)) return { field: 'perUserLimit', message: '每人限购需为正整数' }
  const starts = Date.parse(input.startsAt)
  const ends = Date.parse(input.endsAt)
  if (Number.isNaN(starts)) return { field: 'startsAt', message: '开始时间无效' }
  if (Number.isNaN(ends)) return { field: 'endsAt', message: '结束时间无效' }
  if (starts >= ends) return { field: 'endsAt', message: '结束时间需晚于开始时间' }
  if (input.skus.length === 0) return { field: 'skus', message: '请至少选择一个规格' }
  const seen = new Set<number>()
  for (const [i, s] of input.skus.entries()) {
    if (seen.has(s.skuId)) return { field: `skus[${i}].skuId`, message: '规格重复' }
    seen.add(s.skuId)
    if (!Number.isInteger(s.price) || s.price <= 0) return { field: `skus[${i}].price`, message: '拼团价需大于 0' }
    if (!Number.isInteger(s.stock) || s.stock < 0) return { field: `skus[${i}].stock`, message: '拼团库存不能为负' }
  }
  return null
}

/** The group's next status on an event, or null when the event doesn't apply in this status. */
export function groupNext(status: GroupStatus, event: GroupEvent): GroupStatus | null {
  const t = GROUP_TRANSITIONS[event]
  return t.from.includes(status) ? t.to : null
}

/** A member's next status on an event, or null when the event doesn't apply in this status. */
export function memberNext(status: MemberStatus, event: MemberEvent): MemberStatus | null {
  const t = MEMBER_TRANSITIONS[event]
  return t.from.includes(status) ? t.to : null
}

/** Statuses that hold a seat (the unique seat index's WHERE too). */
export const SEAT_HOLDING: readonly MemberStatus[] = ['unpaid', 'paid']

/** What joinRefusal needs to know of a group, read under its row lock. */
export interface GroupSnapshot {
  status: GroupStatus
  size: number
  leaderUserId: number
  openedAt: Date | null
  expiresAt: Date
  robotSeats: number
  /** Every member row (left and refunded ones too). */
  members: { userId: number; status: MemberStatus }[]
  deal: { startsAt: Date; endsAt: Date; endedAt: Date | null }
}

/** Seats still free: size minus the seats held (unpaid or paid) and robot seats, never below 0. */
export function seatsLeft(g: Pick<GroupSnapshot, 'size' | 'robotSeats' | 'members'>): number {
  const held = g.members.filter((m) => SEAT_HOLDING.includes(m.status)).length
  return Math.max(0, g.size - held - g.robotSeats)
}

/** Whether the deal sells now (live window, not ended by the merchant). */
export function dealLive(deal: GroupSnapshot['deal'], now: Date): boolean {
  const t = now.getTime()
  return deal.endedAt === null && deal.startsAt.getTime() <= t && t < deal.endsAt.getTime()
}

/**
 * Why this user may not take a seat in this group now, or null. Stock and the per-user limit
 * (DEAL_SOLD_OUT, GROUP_LIMIT) are the server's conditional updates, not this check.
 */
export function joinRefusal(g: GroupSnapshot, userId: number, now: Date): JoinRefusal | null {
  if (g.leaderUserId === userId) return 'OWN_GROUP'
  if (g.members.some((m) => m.userId === userId && SEAT_HOLDING.includes(m.status))) return 'ALREADY_IN_GROUP'
  if (g.status !== 'forming' || g.expiresAt.getTime() <= now.getTime()) return 'GROUP_ENDED'
  if (g.openedAt === null) return 'GROUP_NOT_OPEN'
  if (seatsLeft(g) === 0) return 'GROUP_FULL'
  // A group already open runs to its time limit, but no new seats once the deal itself is over.
  if (!dealLive(g.deal, now)) return 'DEAL_ENDED'
  return null
}

/** At the time limit: robot fill fills a group with at least one paid member; otherwise it fails. */
export function timeoutOutcome(paidCount: number, robotFill: boolean): 'fail' | 'fill' {
  return robotFill && paidCount >= 1 ? 'fill' : 'fail'
}

/** "张三" → "张**": members see each other masked. */
export function maskNickname(nickname: string): string {
  const chars = [...nickname]
  if (chars.length <= 1) return `${chars[0] ?? ''}*`
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 2))}`
}

/**
 * A member's order goes to refunding (after-sales, the shop's refund). While forming, a paid
 * member's seat is freed (the group looks for someone else); after success the group stays
 * succeeded and the seat stays paid: that refund is the member's business (CRMEB #27's bug
 * was the opposite). Answers the group's and the member's status afterwards.
 */
export function afterMemberRefund(group: GroupStatus, member: MemberStatus): { group: GroupStatus; member: MemberStatus } {
  if (group === 'forming') return { group, member: memberNext(member, 'refund_while_forming') ?? member }
  return { group, member }
}
