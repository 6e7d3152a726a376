import { describe, expect, it } from 'vitest'
import { DEFAULT_LEVELS } from '@domain/levels'
import type { PlanDeliveryRow } from '@domain/plans'
import type { AdminStore } from '../../api/stores'
import { cardTextColor, isCardColor, ladderToRows, levelFormField, minLevelOf, minLevelOptions, PAID_MEMBERS, rowsToLadder, type LevelRow } from '../levels'
import { deliveriesCsv, emptyOfferForm, formToOffer, normalizeHolidays, offerToForm, optionText, shopToday, type PlanOfferForm } from '../plans'
import { emptyStoreForm, formToStoreInput, pickupCodeOf, pickupErrorText, radiusText, storeFormField, storeToForm, type StoreForm } from '../stores'

const storeForm = (patch: Partial<StoreForm> = {}): StoreForm => ({
  ...emptyStoreForm(),
  name: ' 静安寺店 ',
  city: '上海市',
  address: '南京西路 1618 号',
  phone: '021-62880000',
  latitude: 31.223423,
  longitude: 121.445345,
  weekdays: [5, 1, 2, 3, 4],
  open: '10:00',
  close: '21:30',
  ...patch,
})

const adminStore: AdminStore = {
  id: 3,
  name: '静安寺店',
  city: '上海市',
  address: '南京西路 1618 号',
  phone: '021-62880000',
  latitude: 31.223423,
  longitude: 121.445345,
  distanceMeters: null,
  open: true,
  hoursText: '周一至周五 10:00-21:30',
  photo: '/uploads/a.jpg',
  photos: ['/uploads/a.jpg', '/uploads/b.jpg'],
  pickup: true,
  deliveryRadiusMeters: 3000,
  hours: { weekdays: [1, 2, 3, 4, 5], open: '10:00', close: '21:30' },
  stockMode: 'own',
  active: true,
  sort: 2,
}

describe('console: 门店 form to StoreInput', () => {
  it('sends the hours as StoreHours (weekdays once, in order) and the rest trimmed', () => {
    expect(formToStoreInput(storeForm({ weekdays: [5, 1, 2, 3, 4, 5] }))).toEqual({
      ok: true,
      value: {
        name: '静安寺店',
        city: '上海市',
        address: '南京西路 1618 号',
        phone: '021-62880000',
        latitude: 31.223423,
        longitude: 121.445345,
        hours: { weekdays: [1, 2, 3, 4, 5], open: '10:00', close: '21:30' },
        photos: [],
        stockMode: 'shared',
        pickup: true,
        deliveryRadiusMeters: 0,
        active: true,
        sort: 0,
      },
    })
  })

  it('round-trips a stored store', () => {
    const r = formToStoreInput(storeToForm(adminStore))
    expect(r.ok && r.value).toMatchObject({ hours: adminStore.hours, photos: adminStore.photos, stockMode: 'own', deliveryRadiusMeters: 3000, sort: 2 })
  })

  it('marks the first wrong field as the form names it', () => {
    const fieldOf = (patch: Partial<StoreForm>) => {
      const r = formToStoreInput(storeForm(patch))
      return r.ok ? null : r.field
    }
    expect(fieldOf({ name: ' ' })).toEqual(['name'])
    expect(fieldOf({ city: '' })).toEqual(['city'])
    expect(fieldOf({ phone: 'call us' })).toEqual(['phone'])
    expect(fieldOf({ latitude: null })).toEqual(['latitude'])
    expect(fieldOf({ latitude: 91 })).toEqual(['latitude'])
    expect(fieldOf({ longitude: -180.5 })).toEqual(['longitude'])
    expect(fieldOf({ latitude: 0, longitude: 0 })).toEqual(['latitude'])
    expect(fieldOf({ weekdays: [] })).toEqual(['weekdays'])
    expect(fieldOf({ close: '09:00' })).toEqual(['close'])
    expect(fieldOf({ deliveryRadiusMeters: -1 })).toEqual(['deliveryRadiusMeters'])
    expect(fieldOf({ deliveryRadiusMeters: 1.5 })).toEqual(['deliveryRadiusMeters'])
    expect(fieldOf({ sort: 10_000 })).toEqual(['sort'])
  })

  it('puts the server’s field under the form’s input', () => {
    expect(storeFormField('lat')).toEqual(['latitude'])
    expect(storeFormField('lng')).toEqual(['longitude'])
    expect(storeFormField('hours.close')).toEqual(['close'])
    expect(storeFormField('hours')).toEqual(['close'])
    expect(storeFormField('hours.open')).toEqual(['open'])
    expect(storeFormField('hours.weekdays.0')).toEqual(['weekdays'])
    expect(storeFormField('photos.3')).toEqual(['photos'])
    expect(storeFormField('phone')).toEqual(['phone'])
  })

  it('says how far a store delivers', () => {
    expect(radiusText(0)).toBe('不配送')
    expect(radiusText(800)).toBe('800 米')
    expect(radiusText(3000)).toBe('3 公里')
    expect(radiusText(2500)).toBe('2.5 公里')
  })
})

describe('console: 自提核销', () => {
  it('takes the 8 digits a scanner or a keyboard typed, whatever comes around them', () => {
    expect(pickupCodeOf('12345678')).toBe('12345678')
    expect(pickupCodeOf(' 1234 5678\n')).toBe('12345678')
    expect(pickupCodeOf('pickup:12345678')).toBe('12345678')
    expect(pickupCodeOf('1234567')).toBeNull()
    expect(pickupCodeOf('123456789')).toBeNull()
    expect(pickupCodeOf('')).toBeNull()
  })

  it('names each refusal in the counter’s words', () => {
    expect(pickupErrorText('PICKUP_USED', 'x').title).toBe('已核销过')
    expect(pickupErrorText('WRONG_STORE', 'x').title).toBe('不是本店的订单')
    expect(pickupErrorText('ORDER_NOT_PAID', 'x').title).toBe('订单未付款')
    expect(pickupErrorText('PICKUP_NOT_FOUND', 'x').title).toBe('提货码不存在')
    expect(pickupErrorText('NETWORK', '网络连接失败')).toEqual({ title: '核销失败', detail: '网络连接失败' })
  })
})

describe('console: 周期购 offer form', () => {
  const offer = (patch: Partial<PlanOfferForm> = {}): PlanOfferForm => ({
    enabled: true,
    intervals: ['month', 'week'],
    options: [
      { deliveries: 12, percentOff: 12 },
      { deliveries: 4, percentOff: 5 },
    ],
    cutoffHours: 24,
    ...patch,
  })

  it('sends the intervals in their usual order and the options by length', () => {
    expect(formToOffer(7, offer())).toEqual({
      ok: true,
      value: {
        productId: 7,
        enabled: true,
        intervals: ['week', 'month'],
        options: [
          { deliveries: 4, percentOff: 5 },
          { deliveries: 12, percentOff: 12 },
        ],
        cutoffHours: 24,
      },
    })
    const r = formToOffer(7, offerToForm({ productId: 7, enabled: false, intervals: ['2weeks'], options: [{ deliveries: 6, percentOff: 0 }], cutoffHours: 48 }))
    expect(r).toMatchObject({ ok: true, value: { enabled: false, intervals: ['2weeks'], cutoffHours: 48 } })
    // A product never offered starts off, and saving it off is fine.
    expect(formToOffer(7, emptyOfferForm())).toMatchObject({ ok: true, value: { enabled: false } })
  })

  it('marks the first wrong field', () => {
    const fieldOf = (patch: Partial<PlanOfferForm>) => {
      const r = formToOffer(7, offer(patch))
      return r.ok ? null : r.field
    }
    expect(fieldOf({ intervals: [] })).toEqual(['intervals'])
    expect(fieldOf({ options: [] })).toEqual(['options'])
    expect(fieldOf({ options: [{ deliveries: 1, percentOff: 0 }] })).toEqual(['options', 0, 'deliveries'])
    expect(fieldOf({ options: [{ deliveries: 4, percentOff: 5 }, { deliveries: 4, percentOff: 8 }] })).toEqual(['options', 1, 'deliveries'])
    expect(fieldOf({ options: [{ deliveries: 4, percentOff: 51 }] })).toEqual(['options', 0, 'percentOff'])
    expect(fieldOf({ cutoffHours: null })).toEqual(['cutoffHours'])
    expect(fieldOf({ cutoffHours: 169 })).toEqual(['cutoffHours'])
  })

  it('says an option as shoppers read it', () => {
    expect(optionText({ deliveries: 4, percentOff: 5 })).toBe('4 期 9.5 折')
    expect(optionText({ deliveries: 12, percentOff: 20 })).toBe('12 期 8 折')
    expect(optionText({ deliveries: 6, percentOff: 0 })).toBe('6 期 原价')
  })
})

describe('console: 周期购配送', () => {
  const row: PlanDeliveryRow = {
    planId: 5,
    orderId: 40,
    orderNo: 'D202612050001',
    n: 2,
    date: '2026-12-12',
    status: 'scheduled',
    title: '鲜牛奶, 950ml',
    specs: { 规格: '950ml' },
    quantity: 2,
    address: { name: '王小二', phone: '13800138000', region: ['上海市', '上海市', '浦东新区'], detail: '世纪大道 "100" 号' },
    tracking: null,
  }

  it('exports the day as a CSV Excel opens: a BOM, quoted cells where needed, the status in words', () => {
    const csv = deliveriesCsv([row, { ...row, n: 3, status: 'shipped', tracking: { carrier: '顺丰速运', number: 'SF123' } }])
    expect(csv.startsWith('\uFEFF配送日期,订单号,')).toBe(true)
    const lines = csv.slice(1).trimEnd().split('\r\n')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toBe('2026-12-12,D202612050001,#5,2,"鲜牛奶, 950ml",规格：950ml,2,王小二,13800138000,"上海市上海市浦东新区世纪大道 ""100"" 号",待发货,,')
    expect(lines[2].endsWith(',已发货,顺丰速运,SF123')).toBe(true)
  })

  it('keeps the holidays as dates, each once, in order', () => {
    expect(normalizeHolidays(['2027-01-01', '2026-12-25', '2027-01-01', 'tomorrow'])).toEqual(['2026-12-25', '2027-01-01'])
  })

  it('defaults to the shop’s today (Beijing), not the browser’s', () => {
    expect(shopToday(new Date('2026-12-05T16:30:00Z'))).toBe('2026-12-06')
    expect(shopToday(new Date('2026-12-05T15:59:00Z'))).toBe('2026-12-05')
  })
})

describe('console: 会员等级 ladder', () => {
  const rows = (): LevelRow[] => ladderToRows({ levels: DEFAULT_LEVELS })

  it('round-trips the ladder, the free-shipping threshold in yuan ("" = the shop’s)', () => {
    expect(rows()[0]).toEqual({ name: '普通会员', threshold: 0, freeShipping: '', pointsMultiplier: 1, birthdayCouponBatchId: null })
    expect(rows()[1].freeShipping).toBe('69.00')
    expect(rowsToLadder(rows())).toEqual({ ok: true, value: { levels: DEFAULT_LEVELS } })
  })

  it('ranks by position and takes a birthday coupon', () => {
    const r = rows()
    r[2] = { ...r[2], birthdayCouponBatchId: 9, freeShipping: '99' }
    const out = rowsToLadder(r)
    expect(out.ok && out.value.levels[2]).toEqual({ rank: 2, name: '金卡会员', threshold: 2000, benefits: { freeShippingThreshold: 9900, pointsMultiplier: 1.5, birthdayCouponBatchId: 9 } })
  })

  it('marks the row and field that is wrong', () => {
    const fieldOf = (i: number, patch: Partial<LevelRow>) => {
      const r = rows()
      r[i] = { ...r[i], ...patch }
      const out = rowsToLadder(r)
      return out.ok ? null : out.field
    }
    expect(fieldOf(0, { threshold: 10 })).toEqual(['levels', 0, 'threshold'])
    expect(fieldOf(2, { threshold: 500 })).toEqual(['levels', 2, 'threshold'])
    expect(fieldOf(3, { threshold: null })).toEqual(['levels', 3, 'threshold'])
    expect(fieldOf(1, { name: ' ' })).toEqual(['levels', 1, 'name'])
    expect(fieldOf(2, { name: '银卡会员' })).toEqual(['levels', 2, 'name'])
    expect(fieldOf(1, { freeShipping: '69.999' })).toEqual(['levels', 1, 'freeShipping'])
    expect(fieldOf(1, { pointsMultiplier: 0.5 })).toEqual(['levels', 1, 'pointsMultiplier'])
    expect(fieldOf(1, { pointsMultiplier: 1.234 })).toEqual(['levels', 1, 'pointsMultiplier'])
    expect(rowsToLadder([])).toMatchObject({ ok: false, field: ['levels'] })
  })

  it('puts the server’s field on its row', () => {
    expect(levelFormField('levels.2.threshold')).toEqual(['levels', 2, 'threshold'])
    expect(levelFormField('levels[1].benefits.freeShippingThreshold')).toEqual(['levels', 1, 'freeShipping'])
    expect(levelFormField('levels.1.benefits.pointsMultiplier')).toEqual(['levels', 1, 'pointsMultiplier'])
    expect(levelFormField('levels.3.benefits.birthdayCouponBatchId')).toEqual(['levels', 3, 'birthdayCouponBatchId'])
    expect(levelFormField('levels')).toEqual(['levels'])
    expect(levelFormField('other')).toBeNull()
  })

  it('offers 适用等级: the paid membership, then each level above the base', () => {
    expect(minLevelOptions(DEFAULT_LEVELS)).toEqual([
      { value: PAID_MEMBERS, label: '付费会员' },
      { value: 1, label: '银卡会员及以上' },
      { value: 2, label: '金卡会员及以上' },
      { value: 3, label: '黑金会员及以上' },
    ])
    expect(minLevelOf(PAID_MEMBERS)).toBeNull()
    expect(minLevelOf(undefined)).toBeNull()
    expect(minLevelOf(2)).toBe(2)
  })

  it('picks the card’s ink for its colour', () => {
    expect(isCardColor('#1f1f1f')).toBe(true)
    expect(isCardColor('red')).toBe(false)
    expect(cardTextColor('#1f1f1f')).toBe('#ffffff')
    expect(cardTextColor('#f5f5f5')).toBe('#000000')
    expect(cardTextColor('#ffd666')).toBe('#000000')
  })
})
