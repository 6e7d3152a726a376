import { Button, ContactButton, Text, View } from '@tarojs/components'
import { ENTRY_LABEL, SERVICE_CONFIG, showNoService } from './config'
import type { ServiceConfig, ServiceEntryProps } from './types'

export type { ServiceCard, ServiceConfig, ServiceEntryProps } from './types'

declare const my: { makePhoneCall(options: { number: string }): void }

export type AlipayContact = { kind: 'contact-button'; tntInstId: string; scene: string } | { kind: 'phone'; number: string } | { kind: 'none' }

/** <contact-button> needs both its enterprise code (tnt-inst-id) and chat window code (scene): 云客服 > 服务窗配置. */
export function alipayContact(config: ServiceConfig = SERVICE_CONFIG): AlipayContact {
  if (config.alipayTntInstId && config.alipayScene) return { kind: 'contact-button', tntInstId: config.alipayTntInstId, scene: config.alipayScene }
  if (config.phone) return { kind: 'phone', number: config.phone }
  return { kind: 'none' }
}

/** my.makePhoneCall takes `number` (WeChat's is phoneNumber). */
export function callService(number: string): void {
  if (typeof my !== 'undefined' && typeof my.makePhoneCall === 'function') my.makePhoneCall({ number })
}

/**
 * Alipay: 蚂蚁智能客服's <contact-button tnt-inst-id scene> (enterprise accounts only) when
 * configured, else the service phone. Alipay has no message card: the chat shows the user's orders.
 */
export default function ServiceEntry({ className }: ServiceEntryProps) {
  const contact = alipayContact()
  const cls = `service-entry ${className ?? ''}`
  if (contact.kind === 'contact-button') {
    return (
      <View className={`${cls} service-entry--contact`}>
        <ContactButton tntInstId={contact.tntInstId} scene={contact.scene} size={20} />
        <Text className="service-entry__label">{ENTRY_LABEL}</Text>
      </View>
    )
  }
  return (
    <Button className={`${cls} service-entry--phone`} onClick={() => (contact.kind === 'phone' ? callService(contact.number) : showNoService())}>
      {ENTRY_LABEL}
    </Button>
  )
}
