import { beforeEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import { setRequestHandler, setRouterParams, toasts, type RequestHandler } from '../../../../test/shims/taro'
import type { AppliedDiscount, CouponOption, PricePreview } from '@/domain/contract'
import { useSession } from '@/store/session'
import CheckoutPage from '../index'
import { couponRowText, swapsFor, withCoupon } from '../coupon-choice'

vi.mock('@tarojs/taro', async (importOriginal) => (await import('../../../../test/shims/did-show-on-mount')).withDidShowOnMount(importOriginal))
vi.mock('@/platform/payment', () => ({ paymentAdapter: { platform: 'weapp', pay: async () => ({ status: 'submitted' }) } }))

type Req = Parameters<RequestHandler>[0]
let requests: Req[]
/** Coupons the fake server says are no longer usable when an order is placed with them. */
let goneAtOrder: number[]

// Two shop coupons (21, 22: one at most), a product coupon (23) that stacks with either, and one the order is too small for (24).
const COUPONS: Record<number, { title: string; amount: number; shop: boolean; reason?: string }> = {
  21: { title: '满100减10', amount: 1000, shop: true },
  22: { title: '满50减5', amount: 500, shop: true },
  23: { title: '羽绒服专享 8 元券', amount: 800, shop: false },
  24: { title: '满300减30', amount: 0, shop: true, reason: '再买 23.00 元可用' },
}
const BEST = [21, 23]
const SUBTOTAL = 27700

function option(id: number, selected: boolean): CouponOption {
  const c = COUPONS[id]
  return { couponId: id, usable: !c.reason, reason: c.reason ?? null, discount: c.amount, selected, title: c.title, type: 'amount', value: c.amount || 3000, cap: null, threshold: 0, scopeText: c.shop ? '全场通用' : '限指定商品', validTo: '2026-12-31T04:00:00.000Z' }
}

/** The fake server's coupon rules, so the page can be driven through every answer. */
function previewFor(couponIds: number[] | undefined): { statusCode: number; data: unknown } {
  const chosen = couponIds ?? BEST
  if (chosen.some((id) => COUPONS[id].reason)) return { statusCode: 409, data: { code: 'COUPON_NOT_USABLE', message: '满300减30 还差 23.00 元才能用' } }
  if (chosen.filter((id) => COUPONS[id].shop).length > 1) return { statusCode: 409, data: { code: 'COUPONS_DO_NOT_STACK', message: '店铺券只能用一张' } }
  const applied: AppliedDiscount[] = [
    { source: 'promotion', id: 5, kind: 'full_reduction', label: '满199减20', amount: 2000, lines: [{ skuId: 11, amount: 2000 }] },
    ...chosen.map((id): AppliedDiscount => ({ source: 'coupon', id, kind: 'coupon', label: COUPONS[id].title, amount: COUPONS[id].amount, lines: [{ skuId: 11, amount: COUPONS[id].amount }] })),
  ]
  const discount = applied.reduce((n, d) => n + d.amount, 0)
  const preview: PricePreview = {
    lines: [{ skuId: 11, productId: 1, title: '羽绒服', image: 'http://x/a.jpg', specs: {}, unitPrice: SUBTOTAL, quantity: 1, lineTotal: SUBTOTAL, stock: 9, discount, payable: SUBTOTAL - discount, labels: ['满199减20'] }],
    itemCount: 1,
    subtotal: SUBTOTAL,
    shipping: 0,
    discount,
    total: SUBTOTAL - discount,
    freeShippingGap: 0,
    applied,
    coupons: [21, 22, 23, 24].map((id) => option(id, chosen.includes(id))),
    selectedCouponIds: chosen,
    nudges: [],
  }
  return { statusCode: 200, data: preview }
}

const ADDRESS = { id: 3, name: '张三', phone: '13800138000', region: ['浙江省', '杭州市', '西湖区'], detail: '西溪路 556 号', isDefault: true }

beforeEach(() => {
  requests = []
  goneAtOrder = []
  setRouterParams({ skuId: '11', quantity: '1' })
  useSession.getState().signIn({ token: 't', expiresAt: '2099-01-01T00:00:00.000Z', user: { id: 1, nickname: 'n', avatar: null, platform: 'h5' } })
  setRequestHandler((r) => {
    requests.push(r)
    const path = r.url.replace(/^https?:\/\/[^/]+/, '')
    const body = r.data as { couponIds?: number[] }
    if (path === '/api/addresses') return { statusCode: 200, data: { items: [ADDRESS] } }
    if (path === '/api/orders/preview') return previewFor(body.couponIds)
    if (path === '/api/orders') {
      if (body.couponIds?.some((id) => goneAtOrder.includes(id))) return { statusCode: 409, data: { code: 'COUPON_NOT_USABLE', message: '优惠券已失效，已为你重新计算' } }
      return { statusCode: 201, data: { id: 77, items: [] } }
    }
    if (path === '/api/orders/77/pay') return { statusCode: 200, data: {} }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } }
  })
})

const previews = () => requests.filter((r) => r.url.endsWith('/api/orders/preview')).map((r) => (r.data as { couponIds?: number[] }).couponIds)
const orders = () => requests.filter((r) => /\/api\/orders$/.test(r.url)).map((r) => r.data as { couponIds?: number[]; note?: string; idempotencyKey: string })
const row = (c: HTMLElement) => c.querySelector('.checkout-coupon-row__value')!.textContent
const card = (title: string) => Array.from(document.querySelectorAll('.coupon-sheet .coupon-card')).find((c) => c.querySelector('.coupon-card__title')!.textContent === title) as HTMLElement

async function open() {
  const view = render(<CheckoutPage />)
  await screen.findByText('西溪路 556 号', { exact: false })
  return view
}

describe('checkout coupons', () => {
  it("starts with the engine's best coupons and shows every applied discount", async () => {
    const { container } = await open()
    expect(previews()).toEqual([undefined])
    expect(row(container)).toBe('-¥18.00')
    const rows = Array.from(container.querySelectorAll('.price-breakdown__row')).map((r) => r.textContent)
    expect(rows).toEqual(['商品金额¥277.00', '满199减20-¥20.00', '优惠券满100减10-¥10.00', '优惠券羽绒服专享 8 元券-¥8.00', '运费免运费', '实付¥239.00'])
    expect(container.querySelector('.checkout-line__discount')!.textContent).toBe('优惠 -¥38.00')
  })

  it('lists usable coupons with what each takes off and unusable ones with the reason; 不使用优惠券 sends []', async () => {
    const { container } = await open()
    fireEvent.click(container.querySelector('.checkout-coupon-row')!)
    expect(card('满100减10').textContent).toContain('本单可减 ¥10.00')
    expect(card('满300减30').textContent).toContain('再买 23.00 元可用')
    expect(card('满300减30').classList.contains('coupon-card--dimmed')).toBe(true)
    expect(container.querySelectorAll('.coupon-radio.is-checked')).toHaveLength(2)

    fireEvent.click(screen.getByText('不使用优惠券'))
    await waitFor(() => expect(row(container)).toBe('3 张可用'))
    expect(previews().at(-1)).toEqual([])
    // An unusable coupon can't be picked at all.
    const before = previews().length
    fireEvent.click(card('满300减30'))
    expect(previews()).toHaveLength(before)

    fireEvent.click(screen.getByText('确定'))
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(orders()).toHaveLength(1))
    expect(orders()[0].couponIds).toEqual([])
  })

  it('a shop coupon tapped over another takes its slot and keeps the product coupon; the order carries the choice', async () => {
    const { container } = await open()
    fireEvent.click(container.querySelector('.checkout-coupon-row')!)
    fireEvent.click(card('满50减5'))
    await waitFor(() => expect(row(container)).toBe('-¥13.00'))
    // Tried all three, the server said no; then 22 in place of 21, accepted.
    expect(previews().slice(1)).toEqual([[21, 23, 22], [23, 22]])
    fireEvent.click(card('羽绒服专享 8 元券'))
    await waitFor(() => expect(row(container)).toBe('-¥5.00'))
    expect(previews().at(-1)).toEqual([22])

    fireEvent.click(screen.getByText('确定'))
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(orders()).toHaveLength(1))
    expect(orders()[0].couponIds).toEqual([22])
  })

  it('a 409 coupon answer at submit shows the message, prices again with the best coupons and keeps the note', async () => {
    goneAtOrder = [21]
    const { container } = await open()
    fireEvent.change(container.querySelector('.checkout-note__input')!, { target: { value: '放门口' } })
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(toasts).toContain('优惠券已失效，已为你重新计算'))
    await waitFor(() => expect(previews()).toHaveLength(2))
    expect(previews()[1]).toBeUndefined()
    expect((container.querySelector('.checkout-note__input') as HTMLTextAreaElement).value).toBe('放门口')
    // The next try is a new order (the refused one was never created), with the coupons now shown.
    goneAtOrder = []
    await waitFor(() => expect((container.querySelector('.submit-order') as HTMLButtonElement).disabled).toBe(false))
    fireEvent.click(container.querySelector('.submit-order')!)
    await waitFor(() => expect(orders()).toHaveLength(2))
    expect(orders()[1]).toMatchObject({ couponIds: [21, 23], note: '放门口' })
    expect(orders()[1].idempotencyKey).not.toBe(orders()[0].idempotencyKey)
  })
})

describe('coupon choice helpers', () => {
  it('toggles a coupon in and out, and offers swaps before going alone', () => {
    expect(withCoupon([21], 23)).toEqual([21, 23])
    expect(withCoupon([21, 23], 21)).toEqual([23])
    expect(swapsFor([21, 23], 22)).toEqual([[23, 22], [21, 22], [22]])
    expect(swapsFor([21], 22)).toEqual([[22]])
  })

  it('says what the row shows', () => {
    expect(couponRowText([option(21, true)], [21], '¥10.00')).toBe('-¥10.00')
    expect(couponRowText([option(21, false), option(24, false)], [], '¥0.00')).toBe('1 张可用')
    expect(couponRowText([option(24, false)], [], '¥0.00')).toBe('无可用')
    expect(couponRowText([], [], '¥0.00')).toBe('无可用')
  })
})
