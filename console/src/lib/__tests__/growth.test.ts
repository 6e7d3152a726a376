import { describe, expect, it } from 'vitest'
import { GROUP_STATUSES } from '@domain/groups'
import { DEFAULT_POINTS_SETTINGS, MALL_ITEM_KINDS, type AdminMallItem, type PointsSettings } from '@domain/points'
import type { AdminReview } from '@domain/reviews'
import { dealFormField, dealPhase, DEAL_PHASE, emptyDealForm, formToDealInput, GROUP_STATUS, priceRange, type DealForm } from '../group-deals'
import { checkPointsSettings, expiryText, formToMallInput, MALL_KIND, mallItemToForm, mallPriceText, newMallItemForm, redeemRuleText, REDEMPTION_STATUS, type MallItemForm } from '../points'
import { featureBlock, reviewQuery, REVIEW_STATUS } from '../reviews'

const START = '2026-12-05T02:00:00.000Z'
const END = '2026-12-12T02:00:00.000Z'

const dealForm = (patch: Partial<DealForm> = {}): DealForm => ({
  ...emptyDealForm(),
  name: ' 双人拼团 ',
  productId: 7,
  size: 2,
  hours: 24,
  startsAt: START,
  endsAt: END,
  skus: [
    { skuId: 11, label: '红', regularPrice: 2990, enabled: true, price: '19.9', stock: 50 },
    { skuId: 12, label: '蓝', regularPrice: 2990, enabled: false, price: '', stock: null },
    { skuId: 13, label: '绿', regularPrice: 3990, enabled: true, price: '29.90', stock: 10 },
  ],
  ...patch,
})

describe('console: 新建拼团 form to GroupDealInput', () => {
  it('sends only the ticked SKUs, prices in fen, robot fill off and no limit by default', () => {
    expect(formToDealInput(dealForm())).toEqual({
      ok: true,
      input: {
        name: '双人拼团',
        productId: 7,
        size: 2,
        hours: 24,
        perUserLimit: null,
        robotFill: false,
        startsAt: START,
        endsAt: END,
        skus: [
          { skuId: 11, price: 1990, stock: 50 },
          { skuId: 13, price: 2990, stock: 10 },
        ],
      },
    })
    expect(formToDealInput(dealForm({ perUserLimit: 2, robotFill: true, size: 10 }))).toMatchObject({ ok: true, input: { perUserLimit: 2, robotFill: true, size: 10 } })
  })

  it('marks the first wrong field as the form names it', () => {
    const fieldOf = (patch: Partial<DealForm>) => {
      const r = formToDealInput(dealForm(patch))
      return r.ok ? null : r.field
    }
    expect(fieldOf({ name: '  ' })).toEqual(['name'])
    expect(fieldOf({ productId: undefined })).toEqual(['productId'])
    expect(fieldOf({ size: 1 })).toEqual(['size'])
    expect(fieldOf({ size: 11 })).toEqual(['size'])
    expect(fieldOf({ size: 2.5 })).toEqual(['size'])
    expect(fieldOf({ hours: 0 })).toEqual(['hours'])
    expect(fieldOf({ hours: 73 })).toEqual(['hours'])
    expect(fieldOf({ perUserLimit: 0 })).toEqual(['perUserLimit'])
    expect(fieldOf({ endsAt: START })).toEqual(['time'])
    expect(fieldOf({ startsAt: undefined })).toEqual(['time'])
    const skus = dealForm().skus
    expect(fieldOf({ skus: skus.map((s, i) => (i === 2 ? { ...s, price: '29.999' } : s)) })).toEqual(['skus', 2, 'price'])
    expect(fieldOf({ skus: skus.map((s, i) => (i === 0 ? { ...s, price: '0' } : s)) })).toEqual(['skus', 0, 'price'])
    // Not below the SKU's own price is no group price.
    expect(fieldOf({ skus: skus.map((s, i) => (i === 0 ? { ...s, price: '29.90' } : s)) })).toEqual(['skus', 0, 'price'])
    expect(fieldOf({ skus: skus.map((s, i) => (i === 2 ? { ...s, stock: 0 } : s)) })).toEqual(['skus', 2, 'stock'])
    expect(fieldOf({ skus: skus.map((s) => ({ ...s, enabled: false })) })).toEqual(['skus'])
  })

  it('puts the server’s field under the right row: it counts only the SKUs sent', () => {
    const v = dealForm()
    expect(dealFormField('skus.1.price', v)).toEqual(['skus', 2, 'price'])
    expect(dealFormField('skus[1].stock', v)).toEqual(['skus', 2, 'stock'])
    expect(dealFormField('skus[0].skuId', v)).toEqual(['skus', 0, 'price'])
    expect(dealFormField('skus.0.stock', v)).toEqual(['skus', 0, 'stock'])
    expect(dealFormField('skus.1', v)).toEqual(['skus', 2, 'price'])
    expect(dealFormField('skus.5.price', v)).toEqual(['skus'])
    expect(dealFormField('endsAt', v)).toEqual(['time'])
    expect(dealFormField('size', v)).toEqual(['size'])
    expect(dealFormField('whatever', v)).toBeNull()
  })

  it('tells a deal’s phase and price range', () => {
    const deal = { startsAt: START, endsAt: END, endedAt: null }
    expect(dealPhase(deal, Date.parse(START) - 1)).toBe('scheduled')
    expect(dealPhase(deal, Date.parse(START))).toBe('running')
    expect(dealPhase(deal, Date.parse(END))).toBe('over')
    expect(dealPhase({ ...deal, endedAt: START }, Date.parse(START) + 1)).toBe('over')
    expect(Object.keys(DEAL_PHASE)).toEqual(['scheduled', 'running', 'over'])
    expect(priceRange([{ price: 1990 }, { price: 990 }])).toBe('¥9.90 ~ ¥19.90')
    expect(priceRange([{ price: 990 }, { price: 990 }])).toBe('¥9.90')
    expect(priceRange([])).toBe('—')
    for (const s of GROUP_STATUSES) expect(GROUP_STATUS[s].label).toBeTruthy()
  })
})

describe('console: 积分设置', () => {
  it('round-trips the settings, bonuses sorted by day', () => {
    expect(checkPointsSettings(DEFAULT_POINTS_SETTINGS)).toEqual({ ok: true, value: DEFAULT_POINTS_SETTINGS })
    const typed: PointsSettings = { ...DEFAULT_POINTS_SETTINGS, checkIn: { daily: 3, streakBonuses: [{ day: 30, points: 100 }, { day: 7, points: 20 }] } }
    expect(checkPointsSettings(typed)).toEqual({ ok: true, value: { ...typed, checkIn: { daily: 3, streakBonuses: [{ day: 7, points: 20 }, { day: 30, points: 100 }] } } })
    // No bonuses at all is a setting too.
    expect(checkPointsSettings({ ...DEFAULT_POINTS_SETTINGS, checkIn: { daily: 5, streakBonuses: [] } })).toMatchObject({ ok: true })
  })

  it('refuses a bad value on its own path (the same path the server names)', () => {
    const fieldOf = (s: PointsSettings) => {
      const r = checkPointsSettings(s)
      return r.ok ? null : r.field
    }
    const d = DEFAULT_POINTS_SETTINGS
    expect(fieldOf({ ...d, earnPerYuan: -1 })).toEqual(['earnPerYuan'])
    expect(fieldOf({ ...d, earnPerYuan: 1.5 })).toEqual(['earnPerYuan'])
    expect(fieldOf({ ...d, redeem: { pointsPerYuan: 0, maxPercent: 50 } })).toEqual(['redeem', 'pointsPerYuan'])
    expect(fieldOf({ ...d, redeem: { pointsPerYuan: 100, maxPercent: 101 } })).toEqual(['redeem', 'maxPercent'])
    expect(fieldOf({ ...d, review: { points: 10, photoBonus: null as unknown as number } })).toEqual(['review', 'photoBonus'])
    expect(fieldOf({ ...d, expiry: { yearsAfter: 11 } })).toEqual(['expiry', 'yearsAfter'])
    expect(fieldOf({ ...d, checkIn: { daily: 5, streakBonuses: [{ day: 7, points: 20 }, { day: 7, points: 30 }] } })).toEqual(['checkIn', 'streakBonuses', 1, 'day'])
    expect(fieldOf({ ...d, checkIn: { daily: 5, streakBonuses: [{ day: 1, points: 20 }] } })).toEqual(['checkIn', 'streakBonuses', 0, 'day'])
    expect(fieldOf({ ...d, checkIn: { daily: 5, streakBonuses: [{ day: 7, points: 0 }] } })).toEqual(['checkIn', 'streakBonuses', 0, 'points'])
  })

  it('says the checkout and expiry rules in words', () => {
    expect(redeemRuleText({ pointsPerYuan: 100, maxPercent: 50 })).toBe('100 积分抵 1 元，每单最多抵扣商品金额的 50%')
    expect(redeemRuleText({ pointsPerYuan: 100, maxPercent: 0 })).toBe('结算时不能用积分抵扣')
    expect(expiryText(0)).toContain('当年')
    expect(expiryText(1)).toContain('次年')
    expect(expiryText(3)).toContain('第 3 年')
  })
})

describe('console: 积分商城 items', () => {
  const item: AdminMallItem = {
    id: 3,
    kind: 'product',
    title: '咖啡豆',
    image: '/img/a.png',
    points: 500,
    price: 990,
    stock: 20,
    perUserLimit: 1,
    couponBatchId: null,
    skuId: 11,
    active: true,
    redeemed: 5,
    createdAt: START,
  }
  const { id: _id, redeemed: _r, createdAt: _c, ...input } = item

  it('round-trips an item through the dialog', () => {
    expect(mallItemToForm(item)).toMatchObject({ price: '9.90', points: 500, skuId: 11 })
    expect(formToMallInput(mallItemToForm(item), item.redeemed)).toEqual({ ok: true, value: input })
    const coupon: AdminMallItem = { ...item, kind: 'coupon', price: 0, skuId: null, couponBatchId: 4, image: '/img/coupon.png' }
    const { id: _i2, redeemed: _r2, createdAt: _c2, ...couponInput } = coupon
    expect(formToMallInput(mallItemToForm(coupon), 0)).toEqual({ ok: true, value: couponInput })
  })

  it('keeps only the kind’s own target and money part', () => {
    const form: MallItemForm = { ...mallItemToForm(item), kind: 'gift', couponBatchId: 4 }
    expect(formToMallInput(form)).toMatchObject({ ok: true, value: { kind: 'gift', price: 0, skuId: 11, couponBatchId: null } })
    expect(formToMallInput({ ...form, kind: 'coupon' })).toMatchObject({ ok: true, value: { kind: 'coupon', price: 0, skuId: null, couponBatchId: 4 } })
    expect(formToMallInput({ ...mallItemToForm(item), price: '' })).toMatchObject({ ok: true, value: { price: 0 } })
  })

  it('refuses a stock below what was redeemed, and the missing pieces', () => {
    const fieldOf = (v: MallItemForm, redeemed = 0) => {
      const r = formToMallInput(v, redeemed)
      return r.ok ? null : r
    }
    const base = mallItemToForm(item)
    expect(fieldOf({ ...base, stock: 4 }, 5)).toMatchObject({ field: ['stock'], message: '库存不能少于已兑换的 5 件' })
    expect(fieldOf({ ...base, stock: 5 }, 5)).toBeNull()
    expect(fieldOf({ ...base, title: ' ' })).toMatchObject({ field: ['title'] })
    expect(fieldOf({ ...base, points: 0 })).toMatchObject({ field: ['points'] })
    expect(fieldOf({ ...base, price: '1.234' })).toMatchObject({ field: ['price'] })
    expect(fieldOf({ ...base, perUserLimit: 0 })).toMatchObject({ field: ['perUserLimit'] })
    expect(fieldOf({ ...base, skuId: null })).toMatchObject({ field: ['skuId'] })
    expect(fieldOf({ ...base, image: undefined })).toMatchObject({ field: ['image'] })
    expect(fieldOf({ ...base, stock: 1_000_001 })).toMatchObject({ field: ['stock'] })
    expect(fieldOf({ ...newMallItemForm(), title: '券', points: 10, stock: 10, image: '/a.png' })).toMatchObject({ field: ['couponBatchId'] })
  })

  it('labels every kind and status, and prices in points (+ money)', () => {
    for (const k of MALL_ITEM_KINDS) expect(MALL_KIND[k].label).toBeTruthy()
    expect(Object.keys(REDEMPTION_STATUS).sort()).toEqual(['awaiting_payment', 'cancelled', 'done'])
    expect(mallPriceText({ points: 500, price: 0 })).toBe('500 积分')
    expect(mallPriceText({ points: 300, price: 990 })).toBe('300 积分 + ¥9.90')
  })
})

describe('console: 评价 filters and the buyer show', () => {
  it('reads the filters from the URL, leaving out what the server would refuse', () => {
    expect(reviewQuery(new URLSearchParams('status=hidden&rating=1&photos=1&productId=9&page=2'), 20)).toEqual({ status: 'hidden', rating: 1, withPhotos: 1, productId: 9, page: 2, pageSize: 20 })
    expect(reviewQuery(new URLSearchParams('status=deleted&rating=7&photos=0&productId=-1&page=x'), 20)).toEqual({
      status: undefined,
      rating: undefined,
      withPhotos: undefined,
      productId: undefined,
      page: 1,
      pageSize: 20,
    })
    expect(Object.keys(REVIEW_STATUS)).toEqual(['visible', 'hidden'])
  })

  it('features only visible reviews with photos', () => {
    const r: Pick<AdminReview, 'status' | 'photos' | 'append'> = { status: 'visible', photos: ['/a.jpg'], append: null }
    expect(featureBlock(r)).toBeNull()
    expect(featureBlock({ ...r, status: 'hidden' })).toBe('已隐藏的评价不能精选')
    expect(featureBlock({ ...r, photos: [] })).toBe('买家秀只展示带图评价')
    expect(featureBlock({ ...r, photos: [], append: { content: '', photos: ['/b.jpg'], at: START } })).toBeNull()
  })
})
