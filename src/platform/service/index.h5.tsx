import Taro from '@tarojs/taro'
import { Button } from '@tarojs/components'
import { ENTRY_LABEL, SERVICE_CONFIG, showNoService } from './config'
import type { ServiceConfig, ServiceEntryProps } from './types'

export type { ServiceCard, ServiceConfig, ServiceEntryProps } from './types'

/** The browser has no platform chat: the service phone (tel: through Taro.makePhoneCall), else where to find us. */
export function contactByPhone(config: ServiceConfig = SERVICE_CONFIG): void {
  if (config.phone) void Taro.makePhoneCall({ phoneNumber: config.phone })
  else showNoService()
}

export default function ServiceEntry({ className }: ServiceEntryProps) {
  return (
    <Button className={`service-entry service-entry--phone ${className ?? ''}`} onClick={() => contactByPhone()}>
      {ENTRY_LABEL}
    </Button>
  )
}
