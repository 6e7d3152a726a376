import { describe, expect, it } from 'vitest'
import { afterSaleDedupeKey, afterSaleOfKey, groupDedupeKey } from '../after-sale-keys'
import { fitWechatValue, pageOf, templateData } from '../template-data'
import { parseTemplateList, templatesFor } from '../templates'

describe('templates and their data', () => {
  it('parses event=id lists and refuses unknown events', () => {
    expect(parseTemplateList('order_paid=AbC-1, order_shipped = XyZ_2', 'X')).toEqual({ order_paid: 'AbC-1', order_shipped: 'XyZ_2' })
    expect(parseTemplateList(undefined, 'X')).toEqual({})
    expect(() => parseTemplateList('order_payed=1', 'X')).toThrow(/unknown event "order_payed"/)
    expect(() => parseTemplateList('order_paid', 'X')).toThrow(/event=templateId/)
  })

  it('a live platform offers only configured templates; the sandbox makes up the order ones', () => {
    const cfg = { templates: { weapp: { order_paid: 'W1', rental_due: 'W9' }, alipay: {} }, closingSoonMs: 0, consentWaitMs: 0, wechatState: 'formal' as const }
    expect(templatesFor('weapp', cfg, { wechat: {} })).toEqual({ order_paid: 'W1', rental_due: 'W9' })
    expect(templatesFor('weapp', cfg, {})).toMatchObject({ order_paid: 'W1', order_shipped: 'sandbox-weapp-order-shipped', rental_due: 'W9' })
    expect(Object.keys(templatesFor('h5', cfg, {}))).toEqual(['order_paid', 'order_shipped', 'refund_done', 'order_closing_soon', 'after_sale_update', 'order_delivered', 'group_succeeded', 'group_failed', 'pickup_ready', 'pickup_reminder'])
  })

  it('fits values to WeChat keyword limits by the keyword type', () => {
    expect(fitWechatValue('thing3', '一二三四五六七八九十一二三四五六七八九十一')).toBe('一二三四五六七八九十一二三四五六七八九…')
    expect(fitWechatValue('character_string1', 'D2026-11 23/00')).toBe('D2026-112300')
    expect(fitWechatValue('phrase1', '已发货了吗朋友')).toBe('已发货了…')
    const facts = { orderNo: 'D1', amount: '¥1.00', title: 't', time: '2026-11-23 22:00', carrier: 'SF', trackingNo: 'SF1', tip: '', status: '待寄回商品' }
    expect(templateData('alipay', 'order_paid', facts)).toEqual({ keyword1: 'D1', keyword2: '¥1.00', keyword3: 't', keyword4: '2026-11-23 22:00' })
    expect(templateData('wechat', 'rental_due', facts)).toEqual({ character_string1: 'D1', thing2: 't', time3: '2026-11-23 22:00', thing4: '' })
    // 订单签收通知 (tracking): order number, item, carrier, tracking number, time.
    expect(templateData('wechat', 'order_delivered', facts)).toEqual({ character_string1: 'D1', thing2: 't', thing3: 'SF', character_string4: 'SF1', time5: '2026-11-23 22:00' })
    expect(templateData('alipay', 'order_delivered', facts)).toEqual({ keyword1: 'D1', keyword2: 't', keyword3: 'SF', keyword4: 'SF1', keyword5: '2026-11-23 22:00' })
    // 拼团成功通知 / 拼团失败通知 (groups): item, group price, order number, time, tip.
    expect(templateData('wechat', 'group_succeeded', { ...facts, tip: '拼团成功' })).toEqual({ thing1: 't', amount2: '¥1.00', character_string3: 'D1', time4: '2026-11-23 22:00', thing5: '拼团成功' })
    expect(templateData('alipay', 'group_failed', facts)).toEqual({ keyword1: 't', keyword2: '¥1.00', keyword3: 'D1', keyword4: '2026-11-23 22:00', keyword5: '' })
    expect(templateData('wechat', 'after_sale_update', { ...facts, tip: '请寄回' })).toEqual({ character_string1: 'D1', thing2: 't', thing3: '待寄回商品', time4: '2026-11-23 22:00', thing5: '请寄回' })
  })

  it('after_sale_update opens the after-sales detail page named by its dedupe key; other rows the order', () => {
    expect(afterSaleDedupeKey(12, 'awaiting_return')).toBe('after_sale:12:awaiting_return')
    expect(afterSaleOfKey('after_sale:12:awaiting_return')).toEqual({ id: 12, status: 'awaiting_return' })
    expect(afterSaleOfKey('after_sale:12:nope')).toBeNull()
    expect(pageOf({ event: 'after_sale_update', dedupe_key: 'after_sale:12:refunded', order_id: 5 })).toBe('pkg-order/after-sale/index?id=12')
    expect(pageOf({ event: 'order_paid', dedupe_key: 'order:5:order_paid', order_id: 5 })).toBe('pkg-order/order-detail/index?id=5')
    // A group message opens its group's page.
    expect(groupDedupeKey(7, 5, 'group_failed')).toBe('group:7:5:group_failed')
    expect(pageOf({ event: 'group_failed', dedupe_key: groupDedupeKey(7, 5, 'group_failed'), order_id: 5 })).toBe('pkg-growth/group/index?id=7')
  })
})
