import { Button } from '@tarojs/components'
import type { ShareAdapter, ShareButtonProps } from './types'

export type { ShareAdapter, ShareButtonProps, ShareMessage, UpdatableShare } from './types'

/** Neutral default: Taro picks index.weapp.tsx / index.alipay.tsx / index.h5.tsx for a real build. */
export const shareAdapter: ShareAdapter = { enableMenu: () => undefined, linkOf: (m) => m.path, prepareGroupShare: () => undefined } satisfies ShareAdapter

export default function ShareButton({ label, className }: ShareButtonProps) {
  return <Button className={`share-button ${className ?? ''}`}>{label}</Button>
}
