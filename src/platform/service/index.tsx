import type { ServiceEntryProps } from './types'

export type { ServiceCard, ServiceConfig, ServiceEntryProps } from './types'

/** Neutral default: Taro picks index.weapp.tsx / index.alipay.tsx / index.h5.tsx for a real build. */
export default function ServiceEntry(_props: ServiceEntryProps) {
  return null
}
