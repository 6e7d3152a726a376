import { expect, it } from 'vitest'
import type { Order, Refund } from '../../../../src/domain/contract'
import { GIFT_CODE_RE, type GiftClaim, type GiftView } from '../../../../src/domain/gifts'
import type { ShippingUpload } from '../../../../src/domain/shipping'
import { ADMIN_TOKEN, call, describeEachDb, login, skuId } from '../../../test/helpers'
import type { SandboxPay } from '../../../platforms'
import { platformUser, postNotify } from '../../payments/__tests__/helpers'

let clock = new Date('2026-12-05T04:00:00.000Z')
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms)
}
const HOUR = 3600_000
let seq = 0
const key = () => `gift-${process.pid}-${++seq}`

describeEachDb(
  'gifts (送礼): gift orders, claims, expiry, shipping per claim',
  (ctx) => {
    const admin = <T = any>(method: 'GET' | 'POST', url: string, body?: unknown) => call<T>(ctx.app, method, url, { token: ADMIN_TOKEN, body }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const sandboxPay = () => ctx.app.payments.providers.sandbox as SandboxPay
    const mug = () => skuId(ctx.t.db, 'mug', { 颜色: '米白' })
    const uploads = async (orderId: number) => (await admin<{ items: ShippingUpload[] }>('GET', `/api/admin/shipping-uploads?orderId=${orderId}`)).body.items
    const refundsOf = async (orderId: number) => (await admin<{ items: Refund[] }>('GET', `/api/admin/refunds?orderId=${orderId}`)).body.items

    /** A WeChat shopper's gift order of `perShare` mugs per recipient; paid through the signed notify unless `pay` is false. */
    async function giftOrder(recipients: number, opts: { perShare?: number; pay?: boolean; message?: string } = {}) {
      const token = await platformUser(ctx.app, 'weapp')
      const items = [{ skuId: await mug(), quantity: (opts.perShare ?? 1) * recipients }]
      const o = await call<Order>(ctx.app, 'POST', '/api/orders', { token, body: { items, idempotencyKey: key(), gift: { message: opts.message ?? '生日快乐', recipients } } })
      expect(o.status, JSON.stringify(o.body)).toBe(201)
      const code = o.body.gift?.code as string
      if (opts.pay !== false) {
        expect((await call(ctx.app, 'POST', `/api/orders/${o.body.id}/pay`, { token })).status).toBe(200)
        const out = (await ctx.t.db.one<{ out_trade_no: string }>('SELECT out_trade_no FROM payments WHERE order_id = $1 ORDER BY id DESC LIMIT 1', [o.body.id])).out_trade_no
        sandboxPay().settle(out)
        expect((await postNotify(ctx.app, 'wechat', sandboxPay().wechatNotify(out))).statusCode).toBeLessThan(300)
      }
      return { token, order: o.body, code }
    }

    let phones = 0
    /** A recipient: signed in, with one address of their own. */
    async function recipient() {
      const token = await login(ctx.app)
      const phone = `139${String(++phones).padStart(8, '0')}`
      const a = await call(ctx.app, 'POST', '/api/addresses', { token, body: { name: `收礼人${phones}`, phone, region: ['浙江省', '杭州市', '西湖区'], detail: `文三路 ${phones} 号` } })
      expect(a.status).toBe(201)
      return { token, addressId: a.body.id as number, phone }
    }
    const claim = (code: string, r: { token: string; addressId: number }) => call<GiftView & { code: string }>(ctx.app, 'POST', `/api/gifts/${code}/claim`, { token: r.token, body: { addressId: r.addressId } })
    const view = (code: string, token?: string) => call<GiftView & { code: string }>(ctx.app, 'GET', `/api/gifts/${code}`, { token })

    it('a gift order: no address, its gift unpaid with a 10-character code, the shipping fee of any order; bad gifts refused with their codes', async () => {
      const token = await platformUser(ctx.app, 'weapp')
      const items = [{ skuId: await mug(), quantity: 2 }]
      const preview = await call(ctx.app, 'POST', '/api/orders/preview', { token, body: { items } })
      const o = await call<Order>(ctx.app, 'POST', '/api/orders', { token, body: { items, idempotencyKey: key(), gift: { message: '新婚快乐', recipients: 2 } } })
      expect(o.status, JSON.stringify(o.body)).toBe(201)
      expect(o.body).toMatchObject({ status: 'created', address: null, shipping: preview.body.shipping, total: preview.body.total })
      expect(o.body.gift).toEqual({ code: expect.stringMatching(GIFT_CODE_RE), status: 'unpaid', message: '新婚快乐', recipients: 2, claimed: 0, expiresAt: null })
      // The order reads carry it too (list and detail).
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${o.body.id}`, { token })).body.gift).toEqual(o.body.gift)
      expect((await call(ctx.app, 'GET', '/api/orders', { token })).body.items[0].gift).toEqual(o.body.gift)

      const addr = await call(ctx.app, 'POST', '/api/addresses', { token, body: { name: '送礼人', phone: '13800000009', region: ['广东省', '深圳市', '南山区'], detail: '科技园南路 1 号' } })
      const bad: [unknown, string][] = [
        [{ items, gift: { message: '福'.repeat(61), recipients: 1 } }, 'BAD_GIFT_MESSAGE'],
        [{ items, gift: { message: '', recipients: 0 } }, 'BAD_RECIPIENTS'],
        [{ items, gift: { message: '', recipients: 21 } }, 'BAD_RECIPIENTS'],
        [{ items, gift: { message: '', recipients: 3 } }, 'GIFT_SPLIT'],
        [{ items, addressId: addr.body.id, gift: { message: '', recipients: 1 } }, 'GIFT_HAS_ADDRESS'],
        [{ items, paymentMode: 'pay_after_use', gift: { message: '', recipients: 1 } }, 'GIFT_NO_PAY_AFTER_USE'],
        [{ items, gift: { message: '', recipients: 1.5 } }, 'BAD_INPUT'],
      ]
      for (const [body, code] of bad) {
        const r = await call(ctx.app, 'POST', '/api/orders', { token, body: { ...(body as object), idempotencyKey: key() } })
        expect([r.status, r.body.code], JSON.stringify(body)).toEqual([400, code])
      }
      // Sixty characters is fine; the split counts merged lines (1 + 1 of the same SKU for 2 recipients).
      const ok = await call<Order>(ctx.app, 'POST', '/api/orders', {
        token,
        body: { items: [{ skuId: await mug(), quantity: 1 }, { skuId: await mug(), quantity: 1 }], idempotencyKey: key(), gift: { message: '福'.repeat(60), recipients: 2 } },
      })
      expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    })

    it('payment opens the gift for GIFT_CLAIM_HOURS; anyone sees the card, the giver sees their order; bad or unknown codes are 404', async () => {
      const paidAt = clock.getTime()
      const g = await giftOrder(2)
      const order = await call<Order>(ctx.app, 'GET', `/api/orders/${g.order.id}`, { token: g.token })
      expect(order.body).toMatchObject({ status: 'paid', address: null, gift: { status: 'open', claimed: 0, expiresAt: new Date(paidAt + 24 * HOUR).toISOString() } })

      const anon = await view(g.code)
      expect(anon.status).toBe(200)
      expect(anon.body).toEqual({
        code: g.code,
        status: 'open',
        message: '生日快乐',
        giver: { nickname: 'weapp-user', avatar: null },
        items: [{ title: g.order.items[0].title, image: g.order.items[0].image, specs: '米白', quantity: 1 }],
        recipients: 2,
        claimed: 0,
        claims: [],
        expiresAt: new Date(paidAt + 24 * HOUR).toISOString(),
        mine: false,
        claimedByMe: false,
        orderId: null,
        myParcel: null,
        total: g.order.total,
      })
      expect((await view(g.code, g.token)).body).toMatchObject({ mine: true, claimedByMe: false, orderId: g.order.id })
      for (const bad of ['abc', 'ZZZZZZZZZZ', '0123456789x', '%20%20']) expect([(await view(bad)).status, (await view(bad)).body.code], bad).toEqual([404, 'GIFT_NOT_FOUND'])
      expect((await view(g.code, 'not-a-token')).status).toBe(401)
    })

    it('one recipient: the giver may not claim, the first claimer gets it and the order ships to their address; later claimers are refused', async () => {
      const g = await giftOrder(1)
      const giverAddr = await call(ctx.app, 'POST', '/api/addresses', { token: g.token, body: { name: '送礼人', phone: '13800000009', region: ['广东省', '深圳市', '南山区'], detail: '科技园南路 1 号' } })
      const own = await claim(g.code, { token: g.token, addressId: giverAddr.body.id })
      expect([own.status, own.body.code]).toEqual([409, 'GIFT_OWN'])
      // Shipping before a claim: nowhere to send it.
      const early = await admin('POST', `/api/admin/orders/${g.order.id}/ship`, { carrier: 'SF', trackingNo: 'SF20000001' })
      expect([early.status, early.body.code]).toEqual([409, 'GIFT_NOT_CLAIMED'])

      const a = await recipient()
      const b = await recipient()
      // Someone else's address is no address of theirs.
      const foreign = await claim(g.code, { token: a.token, addressId: b.addressId })
      expect([foreign.status, foreign.body.code]).toEqual([404, 'ADDRESS_NOT_FOUND'])
      const got = await claim(g.code, a)
      expect(got.status, JSON.stringify(got.body)).toBe(200)
      expect(got.body).toMatchObject({ status: 'claimed', claimed: 1, claimedByMe: true, mine: false, orderId: null, claims: [{ nickname: expect.any(String), at: clock.toISOString() }] })
      const again = await claim(g.code, a)
      expect([again.status, again.body.code]).toEqual([409, 'GIFT_ALL_CLAIMED'])
      const late = await claim(g.code, b)
      expect([late.status, late.body.code]).toEqual([409, 'GIFT_ALL_CLAIMED'])
      const order = await call<Order>(ctx.app, 'GET', `/api/orders/${g.order.id}`, { token: g.token })
      expect(order.body.address).toEqual({ name: expect.stringMatching(/^收礼人/), phone: a.phone, region: ['浙江省', '杭州市', '西湖区'], detail: expect.any(String) })
      expect(order.body.gift).toMatchObject({ status: 'claimed', claimed: 1 })

      // Ships like any order: the receiver contact is the recipient's.
      expect((await admin('POST', `/api/admin/orders/${g.order.id}/ship`, { carrier: 'SF', trackingNo: 'SF20000002' })).status).toBe(200)
      const [u] = await uploads(g.order.id)
      expect((u.request as { shipping_list: unknown[] }).shipping_list).toEqual([expect.objectContaining({ tracking_no: 'SF20000002', contact: { receiver_contact: `${a.phone.slice(0, 3)}****${a.phone.slice(-4)}` } })])
      expect((await view(g.code, a.token)).body.myParcel).toEqual({ carrier: 'SF', trackingNo: 'SF20000002' })
      expect((await view(g.code, b.token)).body.myParcel).toBeNull()
    })

    it('three recipients: one share each, no second share for the same person, shipped one parcel per claim to each claim\'s address', async () => {
      const g = await giftOrder(3, { perShare: 2 })
      const rs = [await recipient(), await recipient(), await recipient()]
      const first = await claim(g.code, rs[0])
      expect(first.body).toMatchObject({ status: 'open', claimed: 1, items: [expect.objectContaining({ quantity: 2 })] })
      const twice = await claim(g.code, rs[0])
      expect([twice.status, twice.body.code]).toEqual([409, 'GIFT_ALREADY_CLAIMED'])
      const early = await admin('POST', `/api/admin/orders/${g.order.id}/ship`, { carrier: 'SF', trackingNo: 'SF30000001' })
      expect([early.status, early.body.code]).toEqual([409, 'GIFT_NOT_CLAIMED'])
      expect((await claim(g.code, rs[1])).body).toMatchObject({ status: 'open', claimed: 2 })
      expect((await claim(g.code, rs[2])).body).toMatchObject({ status: 'claimed', claimed: 3 })
      // The order keeps no address: each share has its own.
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${g.order.id}`, { token: g.token })).body.address).toBeNull()

      const detail = await admin<{ order: { giftClaims: GiftClaim[] } }>('GET', `/api/admin/orders/${g.order.id}`)
      const claims = detail.body.order.giftClaims
      expect(claims.map((c) => [c.shareNo, c.address.phone, c.address.region, c.carrier])).toEqual(rs.map((r, i) => [i + 1, r.phone, '浙江省 杭州市 西湖区', null]))

      const ship = (body: unknown) => admin('POST', `/api/admin/orders/${g.order.id}/ship`, body)
      const parcel = (c: GiftClaim, n: number) => ({ carrier: 'SF', trackingNo: `SF4000000${n}`, giftClaimId: c.id })
      for (const body of [
        { kind: 'express', parcels: [{ carrier: 'SF', trackingNo: 'SF40000001' }] },
        { kind: 'express', parcels: [parcel(claims[0], 1), parcel(claims[1], 2)] },
        { kind: 'express', parcels: [parcel(claims[0], 1), parcel(claims[1], 2), { ...parcel(claims[2], 3), giftClaimId: 999999 }] },
      ]) {
        const r = await ship(body)
        expect([r.status, r.body.code], JSON.stringify(body)).toEqual([400, 'BAD_INPUT'])
      }
      const ok = await ship({ kind: 'express', parcels: claims.map((c, i) => parcel(c, i + 1)) })
      expect(ok.status, JSON.stringify(ok.body)).toBe(200)
      const [u] = await uploads(g.order.id)
      const title = g.order.items[0].title
      expect(u.request).toMatchObject({
        delivery_mode: 2,
        is_all_delivered: true,
        shipping_list: rs.map((r, i) => ({
          tracking_no: `SF4000000${i + 1}`,
          express_company: 'SF',
          item_desc: `${title}*2`,
          contact: { receiver_contact: `${r.phone.slice(0, 3)}****${r.phone.slice(-4)}` },
        })),
      })
      const after = await admin<{ order: { giftClaims: GiftClaim[] } }>('GET', `/api/admin/orders/${g.order.id}`)
      expect(after.body.order.giftClaims.map((c) => [c.carrier, c.trackingNo])).toEqual([1, 2, 3].map((n) => ['SF', `SF4000000${n}`]))
      expect((await view(g.code, rs[1].token)).body.myParcel).toEqual({ carrier: 'SF', trackingNo: 'SF40000002' })

      // 我的礼物: the giver's sent list, a recipient's received list.
      const sent = await call<{ items: GiftView[] }>(ctx.app, 'GET', '/api/gifts?role=sent', { token: g.token })
      expect(sent.body.items.map((x) => [x.code, x.mine, x.orderId])).toEqual([[g.code, true, g.order.id]])
      const got = await call<{ items: GiftView[] }>(ctx.app, 'GET', '/api/gifts?role=received', { token: rs[2].token })
      expect(got.body.items.map((x) => [x.code, x.claimedByMe, x.orderId])).toEqual([[g.code, true, null]])
      expect((await call(ctx.app, 'GET', '/api/gifts?role=sent')).status).toBe(401)
    })

    it('races: 10 claimers for one share → exactly one; 5 claimers for three shares → exactly three', async () => {
      const one = await giftOrder(1)
      const ten = await Promise.all(Array.from({ length: 10 }, () => recipient()))
      const r1 = await Promise.all(ten.map((r) => claim(one.code, r)))
      expect(r1.filter((r) => r.status === 200)).toHaveLength(1)
      expect(r1.filter((r) => r.status !== 200).map((r) => [r.status, r.body.code])).toEqual(Array.from({ length: 9 }, () => [409, 'GIFT_ALL_CLAIMED']))

      const three = await giftOrder(3)
      const five = await Promise.all(Array.from({ length: 5 }, () => recipient()))
      const r3 = await Promise.all(five.map((r) => claim(three.code, r)))
      expect(r3.filter((r) => r.status === 200)).toHaveLength(3)
      expect(r3.filter((r) => r.status !== 200).map((r) => r.body.code)).toEqual(['GIFT_ALL_CLAIMED', 'GIFT_ALL_CLAIMED'])
      const rows = await ctx.t.db.query<{ share_no: number }>('SELECT c.share_no FROM gift_claims c JOIN gifts g ON g.id = c.gift_id WHERE g.code = $1 ORDER BY share_no', [three.code])
      expect(rows.rows.map((r) => r.share_no)).toEqual([1, 2, 3])
      expect((await view(three.code)).body).toMatchObject({ status: 'claimed', claimed: 3 })
    })

    it('expiry: the unclaimed shares are refunded exactly once (two sweeps at once), the claimed share still ships; nobody claimed refunds and closes the order', async () => {
      const g = await giftOrder(3, { perShare: 1 })
      const a = await recipient()
      expect((await claim(g.code, a)).status).toBe(200)
      const none = await giftOrder(2)
      advance(24 * HOUR + 1000)
      const late = await claim(g.code, await recipient())
      expect([late.status, late.body.code]).toEqual([409, 'GIFT_EXPIRED'])

      // Earlier tests' gifts still open expire too: each exactly once.
      const due = (await ctx.t.db.one<{ n: number }>("SELECT count(*)::int AS n FROM gifts WHERE status = 'open'")).n
      const [x, y] = await Promise.all([ctx.app.gifts.sweep(), ctx.app.gifts.sweep()])
      expect(x + y).toBe(due)
      expect(await ctx.app.gifts.sweep()).toBe(0)
      const refunds = await refundsOf(g.order.id)
      expect(refunds).toHaveLength(1)
      expect(refunds[0]).toMatchObject({ kind: 'order', reason: '礼物未被领取，自动退款', lines: [expect.objectContaining({ skuId: await mug(), quantity: 2 })], amount: Math.round((g.order.total - g.order.shipping) * (2 / 3)) })
      const gift = await ctx.t.db.one<{ status: string; refund_id: number }>('SELECT status, refund_id FROM gifts WHERE code = $1', [g.code])
      expect(gift).toEqual({ status: 'expired', refund_id: refunds[0].id })
      expect((await view(g.code)).body).toMatchObject({ status: 'expired', claimed: 1 })
      const after = await call<Order>(ctx.app, 'GET', `/api/orders/${g.order.id}`, { token: g.token })
      expect(after.body.status).toBe('paid')

      // The one claimed share ships (one parcel, its lines the claim's share).
      const claims = (await admin<{ order: { giftClaims: GiftClaim[] } }>('GET', `/api/admin/orders/${g.order.id}`)).body.order.giftClaims
      const ship = await admin('POST', `/api/admin/orders/${g.order.id}/ship`, { kind: 'express', parcels: [{ carrier: 'ZTO', trackingNo: 'ZT5000001', giftClaimId: claims[0].id }] })
      expect(ship.status, JSON.stringify(ship.body)).toBe(200)
      expect((await uploads(g.order.id))[0].request).toMatchObject({ delivery_mode: 1, shipping_list: [{ tracking_no: 'ZT5000001', item_desc: `${g.order.items[0].title}*1` }] })
      expect((await view(g.code, a.token)).body.myParcel).toEqual({ carrier: 'ZTO', trackingNo: 'ZT5000001' })

      // Nobody claimed: everything back, and the refunds module ends the order.
      const all = await refundsOf(none.order.id)
      expect(all.map((r) => [r.amount, r.lines])).toEqual([[none.order.total, [expect.objectContaining({ skuId: await mug(), quantity: 2 })]]])
      const ended = await call<Order>(ctx.app, 'GET', `/api/orders/${none.order.id}`, { token: none.token })
      expect(['refunding', 'refunded']).toContain(ended.body.status)
      const noShip = await admin('POST', `/api/admin/orders/${none.order.id}/ship`, { carrier: 'SF', trackingNo: 'SF50000002' })
      expect([noShip.status, noShip.body.code]).toEqual([409, 'GIFT_NOT_CLAIMED'])
    })

    it('an unpaid gift cannot be claimed; cancelling its order cancels it', async () => {
      const g = await giftOrder(1, { pay: false })
      const r = await recipient()
      const unpaid = await claim(g.code, r)
      expect([unpaid.status, unpaid.body.code]).toEqual([409, 'GIFT_NOT_OPEN'])
      expect((await call(ctx.app, 'POST', `/api/orders/${g.order.id}/cancel`, { token: g.token })).status).toBe(200)
      expect((await view(g.code)).body.status).toBe('cancelled')
      const cancelled = await claim(g.code, r)
      expect([cancelled.status, cancelled.body.code]).toEqual([409, 'GIFT_NOT_OPEN'])
      expect((await call<Order>(ctx.app, 'GET', `/api/orders/${g.order.id}`, { token: g.token })).body.gift).toMatchObject({ status: 'cancelled' })

      // Paid, then refunded in full by the shop: nothing left to claim.
      const refunded = await giftOrder(1)
      expect((await admin('POST', `/api/admin/orders/${refunded.order.id}/refunds`, { reason: '缺货' })).status).toBe(201)
      const gone = await claim(refunded.code, r)
      expect([gone.status, gone.body.code]).toEqual([409, 'GIFT_NOT_OPEN'])
    })
  },
  { now: () => clock, sandboxNotifyDelayMs: null },
)
