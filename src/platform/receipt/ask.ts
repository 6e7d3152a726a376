import Taro from '@tarojs/taro'
import type { ReceiptResult } from './types'

/** The app's own confirm (Alipay, H5, WeChat orders WeChat does not manage): one modal. */
export async function askInApp(): Promise<ReceiptResult> {
  try {
    const { confirm } = await Taro.showModal({ title: '确认收货', content: '确认已经收到全部商品了吗？' })
    return confirm ? { status: 'confirmed' } : { status: 'cancelled' }
  } catch {
    return { status: 'cancelled' }
  }
}

export const NOT_HERE: ReceiptResult = { status: 'failed', message: '请在微信中确认收货' }
