import { sandboxResult, UNSUPPORTED, type MemberCardAdapter, type OpenCardResult } from './types'

export type { MemberCardAdapter, OpenCardResult, OpenCardStep } from './types'

interface AddCardAnswer {
  cardList?: { cardId?: string; code?: string; isSuccess?: boolean }[]
}

declare const wx: {
  addCard?(options: { cardList: { cardId: string; cardExt: string }[]; success(res: AddCardAnswer): void; fail(err: { errMsg?: string }): void }): void
}

/** wx.addCard's answer: cardList[0].code is the (encrypted) code the server decrypts; isSuccess false means not added. */
export function addCardResult(res: AddCardAnswer): OpenCardResult {
  const card = res?.cardList?.[0]
  if (!card || card.isSuccess === false || typeof card.code !== 'string' || card.code === '') return { status: 'failed', message: '会员卡未能加入卡包，请稍后重试' }
  return { status: 'activate', input: { code: card.code } }
}

const cancelled = (err: { errMsg?: string }) => /cancel/i.test(err?.errMsg ?? '')

// wx.addCard({cardList: [{cardId, cardExt}]}) adds the shop's card to WeChat's card holder; cardExt is the signed JSON the server made.
export const memberCardAdapter: MemberCardAdapter = {
  async openCard(step) {
    if (step.kind === 'sandbox') return sandboxResult(step.path)
    if (step.kind !== 'wechat_add_card') return UNSUPPORTED
    if (typeof wx === 'undefined' || typeof wx.addCard !== 'function') return { status: 'failed', message: '当前微信版本暂不支持会员卡，请升级后重试' }
    const addCard = wx.addCard
    return new Promise<OpenCardResult>((resolve) => {
      try {
        addCard({
          cardList: [{ cardId: step.cardId, cardExt: step.cardExt }],
          success: (res) => resolve(addCardResult(res)),
          fail: (err) => resolve(cancelled(err) ? { status: 'cancelled' } : { status: 'failed', message: '会员卡未能加入卡包，请稍后重试' }),
        })
      } catch {
        resolve(UNSUPPORTED)
      }
    })
  },
} satisfies MemberCardAdapter
