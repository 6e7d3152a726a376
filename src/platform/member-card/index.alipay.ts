import { sandboxResult, UNSUPPORTED, type MemberCardAdapter, type OpenCardResult } from './types'

export type { MemberCardAdapter, OpenCardResult, OpenCardStep } from './types'

/** my.addCardAuth's success answer: success true / resultStatus '9000' with result.auth_code, template_id, request_id. */
interface AddCardAuthAnswer {
  success?: boolean
  resultStatus?: string
  result?: { auth_code?: string; template_id?: string; request_id?: string; out_string?: string }
  code?: string
}

declare const my: {
  addCardAuth?(options: { url: string; success(res: AddCardAuthAnswer): void; fail(err: { code?: string; error?: number; errorMessage?: string }): void }): void
}

/** The form's answer as ActivateCardInput; anything but a filled-in form is not an open card. */
export function addCardAuthResult(res: AddCardAuthAnswer): OpenCardResult {
  const r = res?.result
  if (res?.success === false || (res?.resultStatus !== undefined && res.resultStatus !== '9000') || !r?.auth_code) {
    return res?.code === 'JSAPI_SERVICE_TERMINATED' ? { status: 'cancelled' } : { status: 'failed', message: '会员卡开卡未完成，请稍后重试' }
  }
  return { status: 'activate', input: { authCode: r.auth_code, templateId: r.template_id, requestId: r.request_id } }
}

/**
 * The activation form is an Alipay page (alipay.marketing.card.activateurl.apply's apply_card_url),
 * which my.navigateTo cannot open: my.addCardAuth({url}) opens it inside the mini-program and
 * answers the form's auth_code / template_id / request_id in its success callback (no trip
 * through App.onShow). Alipay wants the URL url-decoded and without its callback parameter:
 * the server hands it so; a still-encoded one is decoded here.
 */
export const memberCardAdapter: MemberCardAdapter = {
  async openCard(step) {
    if (step.kind === 'sandbox') return sandboxResult(step.path)
    if (step.kind !== 'alipay_form') return UNSUPPORTED
    if (typeof my === 'undefined' || typeof my.addCardAuth !== 'function') return { status: 'failed', message: '当前支付宝版本暂不支持会员卡，请升级后重试' }
    const addCardAuth = my.addCardAuth
    const url = /^https?%3A/i.test(step.url) ? decodeURIComponent(step.url) : step.url
    return new Promise<OpenCardResult>((resolve) => {
      try {
        addCardAuth({
          url,
          success: (res) => resolve(addCardAuthResult(res)),
          // JSAPI_SERVICE_TERMINATED: the shopper closed the form.
          fail: (err) => resolve(err?.code === 'JSAPI_SERVICE_TERMINATED' ? { status: 'cancelled' } : { status: 'failed', message: '会员卡开卡未完成，请稍后重试' }),
        })
      } catch {
        resolve(UNSUPPORTED)
      }
    })
  },
} satisfies MemberCardAdapter
