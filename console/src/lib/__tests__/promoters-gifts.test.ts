import { describe, expect, it } from 'vitest'
import { DEFAULT_PROMOTER_SETTINGS, PROMOTER_STATUSES, WITHDRAWAL_STATUSES, COMMISSION_STATES } from '@domain/promoters'
import { GIFT_STATUSES, type GiftClaim, type OrderGift } from '@domain/gifts'
import { ApiError } from '../../api/client'
import { isFeatureMissing, isMissingPage, missingPage, orMissing } from '../feature-missing'
import { buildGiftShipInput, claimAddressText, claimsToShip, GIFT_STATUS, giftShipBlock, isMultiGift } from '../gift-parcels'
import {
  bpToPercent,
  COMMISSION_STATE,
  formToRates,
  formToSettings,
  percentText,
  percentToBp,
  PROMOTER_STATUS,
  ratesToForm,
  settingsFormField,
  settingsToForm,
  WITHDRAWAL_STATUS,
  type PromoterSettingsForm,
} from '../promoters'

describe('console: promoter settings, per cent and yuan on screen, bp and fen on the wire', () => {
  it('converts rates both ways without float drift', () => {
    expect(bpToPercent(1000)).toBe(10)
    expect(percentToBp(10)).toBe(1000)
    expect(percentToBp(0.29)).toBe(29) // 0.29 × 100 = 28.999…
    expect(percentToBp(12.35)).toBe(1235)
    for (let bp = 0; bp <= 5000; bp++) expect(percentToBp(bpToPercent(bp))).toBe(bp)
    expect(percentText(1025)).toBe('10.25%')
  })

  it('round-trips the shop settings through the form', () => {
    const form = settingsToForm(DEFAULT_PROMOTER_SETTINGS)
    expect(form).toMatchObject({ level1Percent: 10, level2Percent: 3, minWithdrawal: '1.00', dailyWithdrawalLimit: '2000.00', reviewAbove: '500.00' })
    expect(formToSettings(form)).toEqual({ ok: true, settings: DEFAULT_PROMOTER_SETTINGS })
    const typed: PromoterSettingsForm = { ...form, applyMode: 'open', lockDays: 7, level1Percent: 12.5, level2Percent: 0.29, minWithdrawal: '0.5', dailyWithdrawalLimit: '100', reviewAbove: '88.8' }
    expect(formToSettings(typed)).toEqual({
      ok: true,
      settings: { ...DEFAULT_PROMOTER_SETTINGS, applyMode: 'open', lockDays: 7, level1RateBp: 1250, level2RateBp: 29, minWithdrawal: 50, dailyWithdrawalLimit: 10_000, reviewAbove: 8880 },
    })
  })

  it('marks the form field checkPromoterSettings (the server’s rule) refuses', () => {
    const form = settingsToForm(DEFAULT_PROMOTER_SETTINGS)
    expect(formToSettings({ ...form, minWithdrawal: '1.234' })).toMatchObject({ ok: false, field: 'minWithdrawal' })
    expect(formToSettings({ ...form, reviewAbove: '' })).toMatchObject({ ok: false, field: 'reviewAbove' })
    expect(formToSettings({ ...form, minWithdrawal: '0.05' })).toMatchObject({ ok: false, field: 'minWithdrawal', message: expect.stringContaining('0.10') })
    expect(formToSettings({ ...form, lockDays: 0 })).toMatchObject({ ok: false, field: 'lockDays' })
    expect(formToSettings({ ...form, level1Percent: 40, level2Percent: 20 })).toMatchObject({ ok: false, field: 'level2Percent' })
    expect(formToSettings({ ...form, level1Percent: 51 })).toMatchObject({ ok: false, field: 'level1Percent' })
    expect(formToSettings({ ...form, dailyWithdrawalLimit: '0.5' })).toMatchObject({ ok: false, field: 'dailyWithdrawalLimit' })
  })

  it('maps the server’s field names onto the form’s', () => {
    expect(settingsFormField('level1RateBp')).toBe('level1Percent')
    expect(settingsFormField('level2RateBp')).toBe('level2Percent')
    expect(settingsFormField('reviewAbove')).toBe('reviewAbove')
    expect(settingsFormField('nonsense')).toBeNull()
  })

  it('labels every status the contracts name', () => {
    for (const s of PROMOTER_STATUSES) expect(PROMOTER_STATUS[s].label).toBeTruthy()
    for (const s of WITHDRAWAL_STATUSES) expect(WITHDRAWAL_STATUS[s].label).toBeTruthy()
    for (const s of COMMISSION_STATES) expect(COMMISSION_STATE[s].label).toBeTruthy()
    for (const s of GIFT_STATUSES) expect(GIFT_STATUS[s].label).toBeTruthy()
  })
})

describe('console: a product’s own commission rates', () => {
  it('sends null for a level on the shop’s rate and bp for its own', () => {
    expect(ratesToForm({ level1RateBp: null, level2RateBp: 250 })).toEqual({ level1Own: false, level1Percent: null, level2Own: true, level2Percent: 2.5 })
    expect(formToRates({ level1Own: false, level1Percent: 20, level2Own: true, level2Percent: 2.5 })).toEqual({ ok: true, rates: { level1RateBp: null, level2RateBp: 250 } })
    expect(formToRates({ level1Own: true, level1Percent: 0, level2Own: false })).toEqual({ ok: true, rates: { level1RateBp: 0, level2RateBp: null } })
  })

  it('refuses a missing or too large own rate, on its field', () => {
    expect(formToRates({ level1Own: true, level1Percent: null, level2Own: false })).toMatchObject({ ok: false, field: 'level1Percent' })
    expect(formToRates({ level1Own: false, level2Own: true, level2Percent: 50.01 })).toMatchObject({ ok: false, field: 'level2Percent' })
    expect(formToRates({ level1Own: true, level1Percent: 30, level2Own: true, level2Percent: 25 })).toMatchObject({ ok: false, field: 'level2Percent' })
  })
})

const gift = (o: Partial<OrderGift>): OrderGift => ({ code: 'AbCdE12345', status: 'open', message: '生日快乐', recipients: 3, claimed: 0, expiresAt: '2026-12-06T00:00:00.000Z', ...o })
const claim = (id: number, o: Partial<GiftClaim> = {}): GiftClaim => ({
  id,
  shareNo: id - 100,
  nickname: `朋友${id}`,
  address: { name: `收件人${id}`, phone: '13800000000', region: '浙江省 杭州市 西湖区', detail: '文三路 1 号' },
  at: '2026-12-05T01:00:00.000Z',
  carrier: null,
  trackingNo: null,
  ...o,
})

describe('console: gift orders', () => {
  it('ships only once the recipients gave their addresses', () => {
    expect(giftShipBlock(undefined)).toBeNull()
    expect(giftShipBlock(gift({ claimed: 0 }))).toContain('还没有人领取')
    expect(giftShipBlock(gift({ claimed: 2 }))).toContain('2/3')
    expect(giftShipBlock(gift({ status: 'claimed', claimed: 3 }))).toBeNull()
    // Expired with some claimed: the rest were refunded, the claimed shares ship.
    expect(giftShipBlock(gift({ status: 'expired', claimed: 1 }))).toBeNull()
    expect(giftShipBlock(gift({ status: 'expired', claimed: 0 }))).toContain('无需发货')
    expect(isMultiGift(gift({ recipients: 1 }))).toBe(false)
    expect(isMultiGift(gift({}))).toBe(true)
    expect(isMultiGift(undefined)).toBe(false)
  })

  it('builds one parcel per claim still to ship, each naming its claim', () => {
    const claims = [claim(101), claim(102), claim(103, { carrier: 'SF', trackingNo: 'SF1' })]
    expect(claimsToShip(claims).map((c) => c.id)).toEqual([101, 102])
    const drafts = { 101: { carrier: 'SF', trackingNo: ' SF100 ' }, 102: { carrier: 'ZTO', trackingNo: 'ZT-200' } }
    expect(buildGiftShipInput('express', drafts, claims)).toEqual({
      ok: true,
      input: {
        kind: 'express',
        parcels: [
          { carrier: 'SF', trackingNo: 'SF100', giftClaimId: 101 },
          { carrier: 'ZTO', trackingNo: 'ZT-200', giftClaimId: 102 },
        ],
      },
    })
  })

  it('says which recipient’s parcel is incomplete or repeated', () => {
    const claims = [claim(101), claim(102)]
    expect(buildGiftShipInput('express', { 101: { carrier: 'SF', trackingNo: 'A1' } }, claims)).toEqual({ ok: false, message: '第 2 份（朋友102）请选择快递公司' })
    expect(buildGiftShipInput('express', { 101: { carrier: 'SF', trackingNo: 'A1' }, 102: { carrier: 'SF' } }, claims)).toMatchObject({ ok: false, message: expect.stringContaining('请填写快递单号') })
    expect(buildGiftShipInput('express', { 101: { carrier: 'SF', trackingNo: 'A 1' }, 102: { carrier: 'SF', trackingNo: 'B' } }, claims)).toMatchObject({ ok: false, message: expect.stringContaining('字母、数字') })
    expect(buildGiftShipInput('express', { 101: { carrier: 'SF', trackingNo: 'A1' }, 102: { carrier: 'ZTO', trackingNo: 'A1' } }, claims)).toMatchObject({ ok: false, message: expect.stringContaining('重复') })
    expect(buildGiftShipInput('express', {}, [claim(103, { trackingNo: 'X' })])).toEqual({ ok: false, message: '没有待发货的领取人' })
  })

  it('writes a claim’s address on one line', () => {
    expect(claimAddressText(claim(101).address)).toBe('收件人101 13800000000 浙江省 杭州市 西湖区 文三路 1 号')
  })
})

describe('console: a server without the feature', () => {
  it('tells a missing route (our 没有这个接口, or a 404 without a code) from a missing record', async () => {
    const route = new ApiError(404, { message: 'Route GET:/api/admin/promoters not found', error: 'Not Found' })
    const record = new ApiError(404, { code: 'NOT_FOUND', message: '推广员不存在' })
    const ours = new ApiError(404, { code: 'NOT_FOUND', message: '没有这个接口：GET /api/admin/promoters' })
    expect(isFeatureMissing(route)).toBe(true)
    expect(isFeatureMissing(ours)).toBe(true)
    expect(isFeatureMissing(record)).toBe(false)
    expect(isFeatureMissing(new ApiError(500, {}))).toBe(false)
    expect(await orMissing(Promise.reject(route), null)).toBeNull()
    await expect(orMissing(Promise.reject(record), null)).rejects.toBe(record)
    expect(await orMissing(Promise.resolve(7), null)).toBe(7)
    expect(isMissingPage(missingPage())).toBe(true)
    expect(isMissingPage({ items: [], total: 0 })).toBe(false)
  })
})
