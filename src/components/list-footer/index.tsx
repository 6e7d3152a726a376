import { Text, View } from '@tarojs/components'
import './index.scss'

export interface ListFooterProps {
  hasMore: boolean
  loading: boolean
  /** The last page failed to load: tapping the footer tries again. */
  failed?: boolean
  onRetry?: () => void
}

/** The end of an infinite list: loading, a retry after a failed page, or "没有更多了". */
export default function ListFooter({ hasMore, loading, failed = false, onRetry }: ListFooterProps) {
  if (failed) {
    return (
      <View className="list-footer list-footer--failed" onClick={onRetry}>
        <Text>加载失败，点击重试</Text>
      </View>
    )
  }
  return (
    <View className="list-footer">
      <Text>{loading ? '加载中…' : hasMore ? '上拉加载更多' : '没有更多了'}</Text>
    </View>
  )
}
