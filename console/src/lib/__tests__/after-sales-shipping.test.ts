import { describe, expect, it } from 'vitest'
import { AFTER_SALE_STATUSES, DAY_MS } from '@domain/after-sales'
import { TRACKING_STATES } from '@domain/shipping'
import { AFTER_SALE_STATUS_COLOR, afterSaleActions, deadlineText } from '../after-sales'
import { SHIPPING_UPLOAD_STATUS, TRACKING_STATE_COLOR, uploadActionLabel } from '../labels'
import { buildShipInput, needsParcels, type ShipLine } from '../parcels'

const lines: ShipLine[] = [
  { id: 11, title: 'T 恤', quantity: 3, refundedQuantity: 0 },
  { id: 12, title: '帽子', quantity: 2, refundedQuantity: 1 },
  // Fully refunded: nothing owed, never asked for in a split.
  { id: 13, title: '袜子', quantity: 1, refundedQuantity: 1 },
]

describe('console: the ship dialog’s parcels', () => {
  it('sends no parcel for virtual goods and pickup, whatever was typed', () => {
    expect(needsParcels('virtual')).toBe(false)
    expect(needsParcels('pickup')).toBe(false)
    expect(needsParcels('same_city')).toBe(true)
    expect(buildShipInput('virtual', [{ carrier: 'SF', trackingNo: 'SF1' }], lines)).toEqual({ ok: true, input: { kind: 'virtual', parcels: [] } })
    expect(buildShipInput('pickup', [], lines)).toEqual({ ok: true, input: { kind: 'pickup', parcels: [] } })
  })

  it('the quick path: one express parcel, trimmed, no items (the whole order), whatever quantities were left typed', () => {
    expect(buildShipInput('same_city', [{ carrier: 'SF', trackingNo: 'SF9', quantities: { '11': 1 } }], lines)).toEqual({ ok: true, input: { kind: 'same_city', parcels: [{ carrier: 'SF', trackingNo: 'SF9' }] } })
    expect(buildShipInput('express', [{ carrier: 'SF', trackingNo: ' SF123 ' }], lines)).toEqual({ ok: true, input: { kind: 'express', parcels: [{ carrier: 'SF', trackingNo: 'SF123' }] } })
  })

  it('refuses a missing carrier or number, a bad number, a repeated number, none or too many parcels', () => {
    expect(buildShipInput('express', [], lines)).toEqual({ ok: false, message: '请至少填写一个包裹' })
    expect(buildShipInput('express', [{ trackingNo: 'A1' }], lines)).toEqual({ ok: false, message: '包裹请选择快递公司' })
    expect(buildShipInput('express', [{ carrier: 'SF', trackingNo: 'A1' }, { carrier: 'SF', trackingNo: ' ' }], lines)).toEqual({ ok: false, message: '第 2 个包裹请填写快递单号' })
    expect(buildShipInput('express', [{ carrier: 'SF', trackingNo: 'A 1' }], lines)).toEqual({ ok: false, message: '包裹的快递单号只能包含字母、数字和 -' })
    expect(buildShipInput('express', [{ carrier: 'SF', trackingNo: 'A1' }, { carrier: 'ZTO', trackingNo: 'A1' }], lines)).toEqual({ ok: false, message: '快递单号 A1 重复了' })
    // Several parcels without quantities: WeChat's split needs each parcel's goods.
    expect(buildShipInput('express', [{ carrier: 'SF', trackingNo: 'A1' }, { carrier: 'ZTO', trackingNo: 'A2' }], lines)).toEqual({ ok: false, message: '第 1 个包裹没有商品' })
    const eleven = Array.from({ length: 11 }, (_, i) => ({ carrier: 'SF', trackingNo: `SF${i}` }))
    expect(buildShipInput('express', eleven, lines)).toEqual({ ok: false, message: '最多 10 个包裹' })
  })

  it('several parcels split the lines: every owed unit in exactly one parcel and names each line’s items', () => {
    const drafts = [
      { carrier: 'SF', trackingNo: 'SF1', quantities: { '11': 2, '12': 0 } },
      { carrier: 'ZTO', trackingNo: 'ZT2', quantities: { '11': 1, '12': 1 } },
    ]
    expect(buildShipInput('express', drafts, lines)).toEqual({
      ok: true,
      input: {
        kind: 'express',
        parcels: [
          { carrier: 'SF', trackingNo: 'SF1', items: [{ orderItemId: 11, quantity: 2 }] },
          { carrier: 'ZTO', trackingNo: 'ZT2', items: [{ orderItemId: 11, quantity: 1 }, { orderItemId: 12, quantity: 1 }] },
        ],
      },
    })
  })

  it('a split refuses an empty parcel, a line short or over, and a fractional or negative quantity', () => {
    const two = (a: Record<string, number | null>, b: Record<string, number | null>) => [
      { carrier: 'SF', trackingNo: 'SF1', quantities: a },
      { carrier: 'SF', trackingNo: 'SF2', quantities: b },
    ]
    expect(buildShipInput('express', two({ '11': 3, '12': 1 }, {}), lines)).toEqual({ ok: false, message: '第 2 个包裹没有商品' })
    expect(buildShipInput('express', two({ '11': 2 }, { '12': 1 }), lines)).toEqual({ ok: false, message: '「T 恤」还有 1 件没有分到包裹' })
    expect(buildShipInput('express', two({ '11': 3, '12': 1 }, { '12': 1 }), lines)).toEqual({ ok: false, message: '「帽子」应发 1 件，包裹里共填了 2 件' })
    expect(buildShipInput('express', two({ '11': 1.5 }, { '11': 1.5, '12': 1 }), lines)).toEqual({ ok: false, message: '第 1 个包裹中「T 恤」的数量必须是非负整数' })
    expect(buildShipInput('express', two({ '11': -1 }, { '11': 4, '12': 1 }), lines)).toEqual({ ok: false, message: '第 1 个包裹中「T 恤」的数量必须是非负整数' })
    // An empty input (null) counts as none.
    expect(buildShipInput('express', two({ '11': 3, '12': null }, { '12': 1 }), lines).ok).toBe(true)
  })
})

describe('console: after-sales actions and labels', () => {
  it('offers the shop exactly the events the domain’s machine allows an admin', () => {
    expect(afterSaleActions('refund', 'requested')).toEqual(['approve', 'refuse'])
    expect(afterSaleActions('return', 'awaiting_return')).toEqual([])
    expect(afterSaleActions('return', 'returning')).toEqual(['receive'])
    expect(afterSaleActions('exchange', 'returning')).toEqual(['receive'])
    expect(afterSaleActions('exchange', 'resending')).toEqual(['resend'])
    // receive is not for a refund-only request, which never has goods coming back.
    expect(afterSaleActions('refund', 'returning')).toEqual([])
    for (const s of ['refunding', 'refunded', 'exchanged', 'refused', 'withdrawn', 'closed'] as const) expect(afterSaleActions('exchange', s)).toEqual([])
  })

  it('says what a running timer will do and when', () => {
    const now = Date.parse('2026-12-05T00:00:00Z')
    const at = (ms: number) => new Date(now + ms).toISOString()
    expect(deadlineText(null, now)).toBeNull()
    expect(deadlineText({ event: 'approve', at: at(2 * DAY_MS) }, now)).toBe('2 天后自动同意')
    expect(deadlineText({ event: 'approve', at: at(DAY_MS + 5 * 3_600_000) }, now)).toBe('1 天后自动同意')
    expect(deadlineText({ event: 'return_timeout', at: at(5 * 3_600_000 + 60_000) }, now)).toBe('5 小时后自动关闭')
    expect(deadlineText({ event: 'approve', at: at(59 * 60_000) }, now)).toBe('不到 1 小时后自动同意')
    expect(deadlineText({ event: 'approve', at: at(-1000) }, now)).toBe('即将自动同意')
  })

  it('has a colour for every after-sale status, tracking state and upload status', () => {
    for (const s of AFTER_SALE_STATUSES) expect(AFTER_SALE_STATUS_COLOR[s]).toBeTruthy()
    for (const s of TRACKING_STATES) expect(TRACKING_STATE_COLOR[s]).toBeTruthy()
    for (const s of ['pending', 'sent', 'failed']) expect(SHIPPING_UPLOAD_STATUS[s].label).toBeTruthy()
    expect(uploadActionLabel('upload_shipping_info')).toBe('微信发货信息录入')
    expect(uploadActionLabel('something_new')).toBe('something_new')
  })
})
