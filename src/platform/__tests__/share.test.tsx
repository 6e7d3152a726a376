import { afterEach, describe, expect, it, vi } from 'vitest'
import { fireEvent, render } from '@testing-library/react'
import { giftShareMessage } from '@/components/gift/share-message'
import { shareAdapter as weapp } from '../share/index.weapp'
import AlipayShareButton, { openSharePanel, shareAdapter as alipay } from '../share/index.alipay'
import { shareAdapter as h5, shareLink } from '../share/index.h5'

afterEach(() => {
  vi.unstubAllGlobals()
})

const message = giftShareMessage('/pkg-share/gift/index?code=Gift0A1b2C', '小明', 'https://shop.example/api/images/a.jpg')

describe('sharing a gift card', () => {
  it('is "<giver> 送你一份礼物" with the product image, opening the gift page', () => {
    expect(message).toEqual({ title: '小明 送你一份礼物', path: '/pkg-share/gift/index?code=Gift0A1b2C', imageUrl: 'https://shop.example/api/images/a.jpg' })
    expect(giftShareMessage('/x', '  ', undefined)).toEqual({ title: '好友 送你一份礼物', path: '/x' })
  })

  it('weapp turns on the menu with a shareTicket', () => {
    const showShareMenu = vi.fn()
    vi.stubGlobal('wx', { showShareMenu })
    weapp.enableMenu()
    expect(showShareMenu.mock.calls[0][0]).toMatchObject({ withShareTicket: true, menus: ['shareAppMessage'] })
    vi.stubGlobal('wx', {})
    expect(() => weapp.enableMenu()).not.toThrow()
  })

  it('alipay opens my.showSharePanel from the button (older hosts without it: nothing)', () => {
    const showSharePanel = vi.fn()
    vi.stubGlobal('my', { showSharePanel })
    alipay.enableMenu()
    expect(showSharePanel).not.toHaveBeenCalled()
    const { getByText } = render(<AlipayShareButton label="送给好友" message={message} />)
    fireEvent.click(getByText('送给好友'))
    expect(showSharePanel).toHaveBeenCalledTimes(1)
    vi.stubGlobal('my', {})
    expect(() => openSharePanel()).not.toThrow()
  })

  it('H5 copies the page link (hash router)', () => {
    expect(shareLink(message, 'https://shop.example')).toBe('https://shop.example/#/pkg-share/gift/index?code=Gift0A1b2C')
  })

  it('a copied link is the whole address in H5 (the promoter centre copied the bare path), the path in the mini programs', () => {
    expect(h5.linkOf(message)).toBe(`${window.location.origin}/#/pkg-share/gift/index?code=Gift0A1b2C`)
    expect(weapp.linkOf(message)).toBe(message.path)
    expect(alipay.linkOf(message)).toBe(message.path)
  })
})
