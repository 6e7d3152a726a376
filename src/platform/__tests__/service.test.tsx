import { afterEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render, screen } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { cardFields, openWecomChat, usesWecom } from '../service/index.weapp'
import AlipayEntry, { alipayContact, callService } from '../service/index.alipay'
import H5Entry, { contactByPhone } from '../service/index.h5'
import type { ServiceConfig } from '../service'

const none: ServiceConfig = { wecomUrl: '', wecomCorpId: '', alipayTntInstId: '', alipayScene: '', phone: '' }
const card = { title: '订单 D2024', path: 'pkg-order/order-detail/index?id=7', image: 'https://img/a.jpg' }

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('weapp service', () => {
  it('the session card is open-type contact’s show-message-card with title, path and image', () => {
    expect(cardFields(card)).toEqual({ showMessageCard: true, sendMessageTitle: '订单 D2024', sendMessagePath: 'pkg-order/order-detail/index?id=7', sendMessageImg: 'https://img/a.jpg' })
    expect(cardFields()).toEqual({ showMessageCard: false })
  })

  it('WeCom only when both the link and the corp id are configured', () => {
    expect(usesWecom(none)).toBe(false)
    expect(usesWecom({ ...none, wecomUrl: 'https://work.weixin.qq.com/kfid/kfc1' })).toBe(false)
    expect(usesWecom({ ...none, wecomUrl: 'https://work.weixin.qq.com/kfid/kfc1', wecomCorpId: 'ww1' })).toBe(true)
  })

  it('opens wx.openCustomerServiceChat with extInfo.url, corpId and the card', () => {
    const openCustomerServiceChat = vi.fn()
    const makePhoneCall = vi.fn()
    vi.stubGlobal('wx', { openCustomerServiceChat })
    vi.stubGlobal('my', { makePhoneCall })
    const config = { ...none, wecomUrl: 'https://work.weixin.qq.com/kfid/kfc1', wecomCorpId: 'ww1' }
    expect(openWecomChat(card, config)).toBe(true)
    expect(openCustomerServiceChat).toHaveBeenCalledWith({
      extInfo: { url: 'https://work.weixin.qq.com/kfid/kfc1' },
      corpId: 'ww1',
      showMessageCard: true,
      sendMessageTitle: '订单 D2024',
      sendMessagePath: 'pkg-order/order-detail/index?id=7',
      sendMessageImg: 'https://img/a.jpg',
    })
    expect(makePhoneCall).not.toHaveBeenCalled()
    vi.unstubAllGlobals()
    expect(openWecomChat(card, config)).toBe(false)
  })
})

describe('alipay service', () => {
  it('<contact-button> needs both tnt-inst-id and scene; else the phone; else nothing configured', () => {
    expect(alipayContact({ ...none, alipayTntInstId: 'T1', alipayScene: 'S1', phone: '400' })).toEqual({ kind: 'contact-button', tntInstId: 'T1', scene: 'S1' })
    expect(alipayContact({ ...none, alipayTntInstId: 'T1', phone: '400' })).toEqual({ kind: 'phone', number: '400' })
    expect(alipayContact(none)).toEqual({ kind: 'none' })
  })

  it('calls my.makePhoneCall with `number`, never wx', () => {
    const makePhoneCall = vi.fn()
    const openCustomerServiceChat = vi.fn()
    vi.stubGlobal('my', { makePhoneCall })
    vi.stubGlobal('wx', { openCustomerServiceChat })
    callService('4001234567')
    expect(makePhoneCall).toHaveBeenCalledWith({ number: '4001234567' })
    expect(openCustomerServiceChat).not.toHaveBeenCalled()
  })

  it('unconfigured (this build) renders a 联系客服 that says where service is', () => {
    const modal = vi.spyOn(Taro, 'showModal')
    render(<AlipayEntry card={card} />)
    fireEvent.click(screen.getByText('联系客服'))
    expect(modal).toHaveBeenCalledWith({ title: '联系客服', content: '在线客服请在微信或支付宝小程序中联系我们', showCancel: false })
  })
})

describe('h5 service', () => {
  it('calls the service phone through Taro.makePhoneCall, or says where service is', () => {
    const call = vi.fn(async () => undefined)
    ;(Taro as unknown as { makePhoneCall: unknown }).makePhoneCall = call
    const modal = vi.spyOn(Taro, 'showModal')
    contactByPhone({ ...none, phone: '4001234567' })
    expect(call).toHaveBeenCalledWith({ phoneNumber: '4001234567' })
    render(<H5Entry />)
    fireEvent.click(screen.getByText('联系客服'))
    expect(modal).toHaveBeenCalledOnce()
  })
})

describe('configured builds', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.resetModules()
  })

  it('alipay with tnt-inst-id and scene renders <contact-button> with them, and no phone button', async () => {
    vi.stubEnv('TARO_APP_ALIPAY_CONTACT_TNT_INST_ID', 'TNT1')
    vi.stubEnv('TARO_APP_ALIPAY_CONTACT_SCENE', 'SCN1')
    vi.resetModules()
    const { default: Entry } = await import('../service/index.alipay')
    const { container } = render(<Entry card={card} />)
    const button = container.querySelector('[data-tnt-inst-id]')!
    expect([button.getAttribute('data-tnt-inst-id'), button.getAttribute('data-scene')]).toEqual(['TNT1', 'SCN1'])
    expect(container.querySelector('button')).toBeNull()
  })

  it('weapp with a WeCom link and corp id renders a button that opens WeCom chat with the card', async () => {
    vi.stubEnv('TARO_APP_WECOM_CS_URL', 'https://work.weixin.qq.com/kfid/kfc1')
    vi.stubEnv('TARO_APP_WECOM_CORP_ID', 'ww1')
    vi.resetModules()
    const openCustomerServiceChat = vi.fn()
    vi.stubGlobal('wx', { openCustomerServiceChat })
    const { default: Entry } = await import('../service/index.weapp')
    const { container } = render(<Entry card={card} />)
    fireEvent.click(container.querySelector('.service-entry--wecom')!)
    expect(openCustomerServiceChat).toHaveBeenCalledWith({ extInfo: { url: 'https://work.weixin.qq.com/kfid/kfc1' }, corpId: 'ww1', ...cardFields(card) })
  })
})
