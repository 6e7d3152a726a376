import type { GroupMemberView, GroupStatus, GroupView } from '@/domain/groups'
import { formatFen, type Fen } from '@/domain/money'
import type { ShareMessage } from '@/platform/share/types'

/** "2人团 ¥19.90": a deal's badge on the product page. */
export function dealLabel(size: number, price: Fen): string {
  return `${size}人团 ${formatFen(price)}`
}

/** "还差 1 人成团" while seats are free; "已满员" once every seat is taken (the last ones may still be paying). */
export function seatsLeftText(seatsLeft: number): string {
  return seatsLeft > 0 ? `还差 ${seatsLeft} 人成团` : '已满员'
}

/** A group's state in the shopper's words. */
export const GROUP_STATUS_TEXT: Record<GroupStatus, string> = {
  forming: '拼团中',
  succeeded: '拼团成功',
  failed: '拼团失败，已自动退款',
}

/** One circle per seat: the members in order, then empty seats up to the group's size (never more circles than seats). */
export type Seat = { kind: 'member'; member: GroupMemberView } | { kind: 'empty' }

export function seatsOf(group: Pick<GroupView, 'size' | 'members'>): Seat[] {
  const taken: Seat[] = group.members.slice(0, group.size).map((member) => ({ kind: 'member', member }))
  const empty: Seat[] = Array.from({ length: Math.max(0, group.size - taken.length) }, () => ({ kind: 'empty' }))
  return [...taken, ...empty]
}

/** The chat card: "还差N人，快来¥xx拼「title」" opening the group's page (`path`: route.group(id), passed by the page). */
export function groupShareMessage(group: Pick<GroupView, 'seatsLeft' | 'price' | 'title' | 'image'>, path: string): ShareMessage {
  const title = group.seatsLeft > 0 ? `还差${group.seatsLeft}人，快来${formatFen(group.price)}拼「${group.title}」` : `${formatFen(group.price)}拼「${group.title}」`
  return { title, path, ...(group.image ? { imageUrl: group.image } : {}) }
}

/** A row of 我的拼团: the state, and while forming how many are still missing. */
export function groupRowMeta(group: Pick<GroupView, 'status' | 'seatsLeft' | 'size'>): string {
  const state = group.status === 'forming' ? seatsLeftText(group.seatsLeft) : GROUP_STATUS_TEXT[group.status]
  return `${group.size}人团 · ${state}`
}
