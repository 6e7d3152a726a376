import { describe, expect, it } from 'vitest'
import type { GroupMemberView } from '@/domain/groups'
import { dealLabel, groupRowMeta, groupShareMessage, seatsLeftText, seatsOf } from '../text'

const member = (nickname: string, leader = false): GroupMemberView => ({ nickname, avatar: null, leader, paid: true, robot: false, joinedAt: '2026-12-05T10:00:00.000Z' })

describe('group texts', () => {
  it('labels a deal by size and group price', () => {
    expect(dealLabel(2, 1990)).toBe('2人团 ¥19.90')
  })

  it('counts the missing shoppers, and says full when none are', () => {
    expect(seatsLeftText(1)).toBe('还差 1 人成团')
    expect(seatsLeftText(0)).toBe('已满员')
  })

  it('a row of 我的拼团 names the size and the state', () => {
    expect(groupRowMeta({ status: 'forming', seatsLeft: 2, size: 3 })).toBe('3人团 · 还差 2 人成团')
    expect(groupRowMeta({ status: 'succeeded', seatsLeft: 0, size: 2 })).toBe('2人团 · 拼团成功')
    expect(groupRowMeta({ status: 'failed', seatsLeft: 1, size: 2 })).toBe('2人团 · 拼团失败，已自动退款')
  })
})

describe('seatsOf', () => {
  it('shows the members, then an empty circle per free seat', () => {
    const seats = seatsOf({ size: 3, members: [member('张**', true)] })
    expect(seats.map((s) => s.kind)).toEqual(['member', 'empty', 'empty'])
    expect(seats[0]).toMatchObject({ member: { leader: true } })
  })

  it('never draws more circles than seats', () => {
    expect(seatsOf({ size: 2, members: [member('a', true), member('b'), member('c')] })).toHaveLength(2)
    expect(seatsOf({ size: 2, members: [member('a', true), member('b')] }).every((s) => s.kind === 'member')).toBe(true)
  })
})

describe('groupShareMessage', () => {
  const group = { seatsLeft: 1, price: 990, title: '纯棉T恤', image: 'https://shop.test/api/images/a.jpg' }

  it('asks for the missing shoppers at the group price and opens the group page', () => {
    expect(groupShareMessage(group, '/pkg-growth/group/index?id=7')).toEqual({
      title: '还差1人，快来¥9.90拼「纯棉T恤」',
      path: '/pkg-growth/group/index?id=7',
      imageUrl: 'https://shop.test/api/images/a.jpg',
    })
  })

  it('a full group is still shared, without a count, and without an empty picture', () => {
    expect(groupShareMessage({ ...group, seatsLeft: 0, image: '' }, '/p')).toEqual({ title: '¥9.90拼「纯棉T恤」', path: '/p' })
  })
})
