import Taro from '@tarojs/taro'
import type { ServiceConfig } from './types'

export const SERVICE_CONFIG: ServiceConfig = {
  wecomUrl: process.env.TARO_APP_WECOM_CS_URL ?? '',
  wecomCorpId: process.env.TARO_APP_WECOM_CORP_ID ?? '',
  alipayTntInstId: process.env.TARO_APP_ALIPAY_CONTACT_TNT_INST_ID ?? '',
  alipayScene: process.env.TARO_APP_ALIPAY_CONTACT_SCENE ?? '',
  phone: process.env.TARO_APP_SERVICE_PHONE ?? '',
}

export const ENTRY_LABEL = '联系客服'

/** No phone either: say where service is instead of a button that does nothing. */
export function showNoService(): void {
  void Taro.showModal({ title: ENTRY_LABEL, content: '在线客服请在微信或支付宝小程序中联系我们', showCancel: false })
}
