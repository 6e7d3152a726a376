import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Address, ProductDetail } from '../../src/domain/contract'
import type { GroupDealView, GroupMemberView, GroupView, OpenGroupView } from '../../src/domain/groups'
import { teeProduct } from '../helpers/products'
import { requireDist, type MiniTarget } from '../helpers/dist'
import { startFakeApi, type FakeAnswer, type FakeApi } from '../helpers/fake-api'
import { hasClass, launchMini, textOf, type MiniHost, type MiniNode, type PayAnswer } from '../helpers/mini-runtime'

// Group buying (拼团) in the compiled mini-programs. The groups endpoints are the server side's
// work (another part), so a small fake API answers them with the contract's shapes
// (src/domain/groups.ts) and records what the app sent: a leader starts group 9 from the
// product page and pays; a friend opens the share path, joins and pays; a full group says so.

const PRODUCT = 'pkg-shop/product/index'
const GROUP_BUY = 'pkg-growth/group-buy/index'
const GROUP = 'pkg-growth/group/index'
const SHARE_PATH = '/pkg-growth/group/index?id=9'

const HOME: Address = { id: 3, name: '李四', phone: '13900139000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 100 号', isDefault: true }

const product: ProductDetail = teeProduct()

const deal: GroupDealView = {
  promotionId: 5,
  productId: 7,
  skuIds: [70],
  size: 2,
  price: 6900,
  name: '两人拼',
  hours: 24,
  perUserLimit: null,
  endsAt: '2099-01-01T00:00:00.000Z',
  regularPrice: 9900,
  title: '纯棉T恤',
  image: '/api/images/tee.jpg',
  skus: [{ skuId: 70, price: 6900, stockLeft: 10 }],
}

const openGroup: OpenGroupView = { id: 8, promotionId: 5, leader: { nickname: '王*', avatar: null }, seatsLeft: 1, expiresAt: '2099-01-01T00:00:00.000Z' }

const LEADER = 'Bearer leader-token'
const FRIEND = 'Bearer friend-token'
const member = (nickname: string, leader: boolean): GroupMemberView => ({ nickname, avatar: null, leader, paid: true, robot: false, joinedAt: '2026-12-05T10:00:00.000Z' })

interface Fake extends FakeApi {
  leaderPaid: boolean
  friendJoined: boolean
  /** What POST /api/groups/9/join answers next: a seat, or this 409 code. */
  join: 'ok' | 'GROUP_FULL'
}

/** Group 9 as the viewer (by their token) sees it. */
function groupView(fake: Fake, auth: string | undefined): GroupView {
  const members = [member('小*', true), ...(fake.friendJoined ? [member('李*', false)] : [])]
  const seatsLeft = 2 - members.length
  const base = { id: 9, promotionId: 5, productId: 7, size: 2, seatsLeft, members, expiresAt: '2099-01-01T00:00:00.000Z', succeededAt: null, price: 6900, regularPrice: 9900, title: '纯棉T恤', image: '/api/images/tee.jpg' }
  const status = seatsLeft === 0 ? 'succeeded' : 'forming'
  if (auth === LEADER) return { ...base, status, mine: { orderId: 101, status: fake.leaderPaid ? 'paid' : 'unpaid', leader: true }, action: fake.leaderPaid && seatsLeft > 0 ? 'share' : 'none' }
  if (auth === FRIEND && fake.friendJoined) return { ...base, status, mine: { orderId: 102, status: 'paid', leader: false }, action: 'none' }
  return { ...base, status, mine: null, action: seatsLeft > 0 ? 'join' : 'none' }
}

function payParams(target: MiniTarget, orderId: number) {
  return target === 'weapp' ? { timeStamp: '1764900000', nonceStr: 'n0nce', package: `prepay_id=wx${orderId}`, signType: 'RSA', paySign: 'c2lnbg==' } : { tradeNO: `20261205${orderId}` }
}

async function startGroupsApi(target: MiniTarget): Promise<Fake> {
  const fake = { leaderPaid: false, friendJoined: false, join: 'ok' } as Fake
  const api = await startFakeApi((key, _body, query, request): FakeAnswer => {
    if (key === 'GET /api/products/7') return [200, product]
    if (key === 'GET /api/group-deals') return [200, { items: !query.get('productId') || query.get('productId') === '7' ? [deal] : [] }]
    if (key === 'GET /api/products/7/groups') return [200, { items: [openGroup] }]
    if (key === 'GET /api/addresses') return [200, { items: [HOME] }]
    if (key === 'POST /api/groups') return [201, { groupId: 9, orderId: 101 }]
    if (key === 'POST /api/groups/9/join') {
      if (fake.join !== 'ok') return [409, { code: fake.join, message: '这个团已经满员了' }]
      return [201, { groupId: 9, orderId: 102 }]
    }
    if (key === 'GET /api/groups/9') return [200, groupView(fake, request.auth)]
    if (key === 'GET /api/groups/9/share') return [200, { activityId: 'act-9', title: '', path: SHARE_PATH }]
    if (key === 'POST /api/orders/101/pay') {
      fake.leaderPaid = true
      return [200, payParams(target, 101)]
    }
    if (key === 'POST /api/orders/102/pay') {
      fake.friendJoined = true
      return [200, payParams(target, 102)]
    }
    const paid = /^GET \/api\/orders\/(10[12])\/payment$/.exec(key)
    if (paid) return [200, { orderId: Number(paid[1]), orderStatus: 'paid', payment: null }]
    return undefined
  })
  return Object.assign(fake, api)
}

const session = (token: string, id: number, nickname: string, platform: MiniTarget) =>
  JSON.stringify({ state: { token, expiresAt: '2099-01-01T00:00:00.000Z', user: { id, nickname, avatar: null, platform } }, version: 0 })

/** The open SKU sheet's confirm (the product page has a sheet of its own, closed). */
function openSheetConfirm(host: MiniHost): MiniNode | undefined {
  const sheet = host.findByClass('sku-sheet--open')[0]
  let found: MiniNode | undefined
  const visit = (n: MiniNode) => {
    if (!found && hasClass(n, 'sku-sheet__confirm')) found = n
    for (const c of n.cn ?? []) visit(c)
  }
  if (sheet) visit(sheet)
  return found
}

/** A host whose `wx.updateShareMenu` (WeChat only) records its options. */
async function shopper(target: MiniTarget, url: string, storage?: Record<string, unknown>): Promise<MiniHost> {
  const host = await launchMini(target, { serverUrl: url, storage })
  if (target === 'weapp') host.api.updateShareMenu = (o: unknown) => void host.calls.push({ api: 'updateShareMenu', args: [JSON.parse(JSON.stringify(o)) as unknown] })
  host.payHandler = (): PayAnswer => (target === 'weapp' ? { callback: 'success', res: { errMsg: 'requestPayment:ok' } } : { callback: 'success', res: { resultCode: '9000' } })
  return host
}

describe.each(['weapp', 'alipay'] as const)('group buying on dist/%s', (target: MiniTarget) => {
  let fake: Fake
  let leader: MiniHost

  beforeAll(async () => {
    requireDist(target)
    fake = await startGroupsApi(target)
    leader = await shopper(target, fake.url, { 'duet-session': session('leader-token', 1, '小明', target) })
  })
  afterAll(() => fake.close())
  beforeEach(() => {
    fake.received.length = 0
    fake.join = 'ok'
  })

  it('the product page shows the deal and the open groups; 发起拼团 confirms, posts the group, pays and lands on the group page', async () => {
    await leader.goto(`${PRODUCT}?id=7`)
    await leader.waitForClass('group-deals__badge', '2人团 ¥69.00')
    await leader.waitForClass('open-group__seats', '还差 1 人成团')
    expect(leader.findByClass('open-group__join')).toHaveLength(1)
    await leader.tap(leader.findByClass('group-deals__start')[0])
    await leader.tap(await leader.waitFor(() => openSheetConfirm(leader), 'the deal’s SKU sheet'))
    await leader.waitFor(() => leader.current.route === GROUP_BUY, 'the group-buy page')
    expect(leader.current.query).toMatchObject({ promotionId: '5', skuId: '70' })
    await leader.waitForClass('group-buy__where', '世纪大道 100 号')
    expect(leader.texts()).toContain('发起 2 人团 · 24 小时内成团')
    await leader.tap(leader.findByClass('group-buy__submit')[0])
    const post = await leader.waitFor(() => fake.received.find((r) => r.method === 'POST' && r.path === '/api/groups'), 'POST /api/groups')
    expect(post.body).toEqual({ promotionId: 5, skuId: 70, addressId: 3, idempotencyKey: expect.stringMatching(/^co-/) as unknown })
    await leader.waitFor(() => fake.received.some((r) => r.path === '/api/orders/101/pay'), 'POST /pay')
    expect(leader.callsOf(target === 'weapp' ? 'requestPayment' : 'tradePay')).toHaveLength(1)
    await leader.waitFor(() => leader.current.route === GROUP, 'the group page')
    expect(leader.current.query).toMatchObject({ id: '9', paying: '101' })
    await leader.waitForClass('group-page__share', '邀请好友参团')
    expect(textOf(leader.findByClass('group-state__seats')[0])).toBe('还差 1 人成团')
    expect(leader.findByClass('group-seat--empty')).toHaveLength(1)
  })

  it('the group page shares its path with "还差N人" and, on WeChat, as an updatable message', async () => {
    const page = await leader.goto(`${GROUP}?id=9`)
    await leader.waitForClass('group-page__share')
    const shared = (page.onShareAppMessage as (o: unknown) => Record<string, string>)({ from: 'menu' })
    expect(shared.path).toBe(SHARE_PATH)
    expect(shared.title).toBe('还差1人，快来¥69.00拼「纯棉T恤」')
    expect(shared.imageUrl).toMatch(/\/api\/images\/tee\.jpg$/)
    if (target === 'weapp') {
      const call = await leader.waitFor(() => leader.callsOf('updateShareMenu').at(-1), 'wx.updateShareMenu')
      expect(call.args[0]).toEqual({
        withShareTicket: true,
        isUpdatableMessage: true,
        activityId: 'act-9',
        templateInfo: { parameterList: [{ name: 'member_count', value: '1' }, { name: 'room_limit', value: '2' }] },
      })
    } else {
      await leader.waitFor(() => fake.received.some((r) => r.path === '/api/groups/9/share'), 'GET share')
      expect(leader.callsOf('updateShareMenu')).toHaveLength(0)
    }
  })

  it('a shopper who is not logged in sees the shared group and is sent to log in to join', async () => {
    const guest = await shopper(target, fake.url)
    await guest.goto(SHARE_PATH.slice(1))
    await guest.waitForClass('group-state__status', '拼团中')
    await guest.tap(await guest.waitForClass('group-page__join', '我也要参团'))
    await guest.waitFor(() => guest.current.route === 'pkg-account/login/index', 'the login page')
    expect(decodeURIComponent(guest.current.query.back ?? '')).toBe(SHARE_PATH)
    expect(fake.received.some((r) => r.path.endsWith('/join'))).toBe(false)
  })

  it('a full group (GROUP_FULL) shows its message and offers a new group of the same deal', async () => {
    fake.join = 'GROUP_FULL'
    const friend = await shopper(target, fake.url, { 'duet-session': session('friend-token', 2, '李四', target) })
    await friend.goto(`${GROUP_BUY}?groupId=9&skuId=70`)
    await friend.tap(await friend.waitForClass('group-buy__submit', '提交订单'))
    // The server's words, and (the shopper accepts) a new group with the same SKU: the harness's showModal confirms.
    // Taro's showModal is my.confirm on Alipay (confirmText becomes confirmButtonText).
    const modal = await friend.waitFor(() => friend.callsOf(target === 'weapp' ? 'showModal' : 'confirm').at(-1), 'the new-group offer')
    expect(modal.args[0]).toMatchObject({ content: '这个团已经满员了，要发起一个新团吗？' })
    expect(Object.values(modal.args[0] as Record<string, unknown>)).toContain('发起新团')
    expect(friend.callsOf('showToast').some((c) => (c.args[0] as { title?: string }).title === '这个团已经满员了')).toBe(true)
    await friend.waitFor(() => friend.current.route === GROUP_BUY && friend.current.query.promotionId === '5', 'a new group of deal 5')
    expect(friend.current.query.skuId).toBe('70')
    expect(fake.received.some((r) => r.path.endsWith('/pay'))).toBe(false)
  })

  it('a friend opens the share path, joins (POST /join) and pays; the group succeeds', async () => {
    const friend = await shopper(target, fake.url, { 'duet-session': session('friend-token', 2, '李四', target) })
    await friend.goto(SHARE_PATH.slice(1))
    await friend.tap(await friend.waitForClass('group-page__join', '我也要参团'))
    await friend.tap(await friend.waitFor(() => openSheetConfirm(friend), 'the deal’s SKU sheet'))
    await friend.waitFor(() => friend.current.route === GROUP_BUY, 'the group-buy page')
    expect(friend.current.query).toMatchObject({ groupId: '9', skuId: '70' })
    await friend.waitForClass('group-buy__kind', '参加 小* 的 2 人团')
    await friend.tap(friend.findByClass('group-buy__submit')[0])
    const join = await friend.waitFor(() => fake.received.find((r) => r.method === 'POST' && r.path === '/api/groups/9/join'), 'POST /join')
    expect(join.body).toEqual({ skuId: 70, addressId: 3, idempotencyKey: expect.stringMatching(/^co-/) as unknown })
    expect(join.auth).toBe(FRIEND)
    await friend.waitFor(() => friend.current.route === GROUP && friend.current.query.paying === '102', 'the group page')
    await friend.waitForClass('group-state__status', '拼团成功')
    expect(friend.findByClass('group-seat--empty')).toHaveLength(0)
    expect(friend.findByClass('group-page__join')).toHaveLength(0)
    await friend.waitForClass('group-page__order', '去看看订单')
  })
})
