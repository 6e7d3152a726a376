import type { ReactNode } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { ViewStatus } from '@/lib/view-status'
import { errorMessage } from '@/services/http'
import './index.scss'

export type { ViewStatus }

export interface StateViewProps {
  status: ViewStatus
  error?: unknown
  onRetry?: () => void
  emptyText?: string
  emptyAction?: { label: string; onClick: () => void }
  children?: ReactNode
}

/** Every data-backed area goes through this, so a screen is never blank: skeleton, error with retry, empty, or content. */
export default function StateView({ status, error, onRetry, emptyText = '这里空空如也', emptyAction, children }: StateViewProps) {
  if (status === 'ready') return <>{children}</>
  if (status === 'loading') {
    return (
      <View className="state-view state-view--loading" aria-busy="true">
        <View className="state-view__spinner" />
        <Text className="state-view__text">加载中…</Text>
        <View className="state-view__skeleton">
          {[0, 1, 2].map((i) => (
            <View key={i} className="state-view__bar" />
          ))}
        </View>
      </View>
    )
  }
  if (status === 'error') {
    return (
      <View className="state-view state-view--error">
        <View className="state-view__icon">!</View>
        <Text className="state-view__text">{errorMessage(error)}</Text>
        {onRetry ? (
          <Button className="state-view__button state-view__retry" onClick={onRetry}>
            重试
          </Button>
        ) : null}
      </View>
    )
  }
  return (
    <View className="state-view state-view--empty">
      <View className="state-view__icon state-view__icon--empty">∅</View>
      <Text className="state-view__text">{emptyText}</Text>
      {emptyAction ? (
        <Button className="state-view__button" onClick={emptyAction.onClick}>
          {emptyAction.label}
        </Button>
      ) : null}
    </View>
  )
}
