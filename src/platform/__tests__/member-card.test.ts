import { describe, expect, it } from 'vitest'
import { addCardAuthResult } from '../member-card/index.alipay'
import { memberCardAdapter as h5Adapter } from '../member-card/index.h5'
import { addCardResult } from '../member-card/index.weapp'

describe('member card answers', () => {
  it('my.addCardAuth: the form’s auth_code, template_id and request_id activate; a closed form is cancelled', () => {
    expect(addCardAuthResult({ success: true, resultStatus: '9000', result: { auth_code: 'ac', template_id: 'tpl', request_id: 'rq' } })).toEqual({
      status: 'activate',
      input: { authCode: 'ac', templateId: 'tpl', requestId: 'rq' },
    })
    expect(addCardAuthResult({ success: false, code: 'JSAPI_SERVICE_TERMINATED' })).toEqual({ status: 'cancelled' })
    expect(addCardAuthResult({ success: true, resultStatus: '6001', result: {} }).status).toBe('failed')
  })

  it('wx.addCard: cardList[0].code activates; a card not added is a failure', () => {
    expect(addCardResult({ cardList: [{ cardId: 'p1', code: 'enc', isSuccess: true }] })).toEqual({ status: 'activate', input: { code: 'enc' } })
    expect(addCardResult({ cardList: [{ cardId: 'p1', code: 'enc', isSuccess: false }] }).status).toBe('failed')
    expect(addCardResult({}).status).toBe('failed')
  })
})

describe('member card on H5', () => {
  it('only the sandbox step opens a card (its page); a platform step is unsupported', async () => {
    expect(await h5Adapter.openCard({ kind: 'sandbox', path: '/pkg-member/sandbox-card/index?token=tk1' })).toEqual({ status: 'sandbox', path: '/pkg-member/sandbox-card/index?token=tk1' })
    expect((await h5Adapter.openCard({ kind: 'alipay_form', url: 'https://example.com/form' })).status).toBe('failed')
    expect((await h5Adapter.openCard({ kind: 'wechat_add_card', cardId: 'p', cardExt: '{}' })).status).toBe('failed')
  })
})
