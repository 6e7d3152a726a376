import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Button, Table, Tag, Tooltip, type TableColumnsType } from 'antd'
import type { ShippingUpload } from '@domain/shipping'
import type { Paged } from '../api/client'
import { retryShippingUpload } from '../api/shipping'
import { useAuth } from '../auth'
import { dateTime, platformLabel } from '../lib/format'
import { SHIPPING_UPLOAD_STATUS, uploadActionLabel } from '../lib/labels'
import { useAction } from '../lib/use-action'
import type { Loaded } from '../lib/use-load'

/** The request and the answer exactly as recorded, for a merchant (or support) reading a failure. */
function Json({ title, value }: { title: string; value: unknown }) {
  return (
    <div style={{ flex: 1, minWidth: 260 }}>
      <div style={{ color: '#888', marginBottom: 4 }}>{title}</div>
      <pre style={{ margin: 0, maxHeight: 240, overflow: 'auto', fontSize: 12, background: '#fafafa', padding: 8 }}>{value === null || value === undefined ? '—' : JSON.stringify(value, null, 2)}</pre>
    </div>
  )
}

/**
 * What was sent to WeChat / Alipay about shipping: status, attempts, the last error, the request
 * and response on expanding a row, and 重新上传 for a failed one (orders:write). Used by the order
 * detail (one order's uploads) and 消息与通知 (failures across orders: `withOrder`).
 */
export function ShippingUploadsTable({
  list,
  pagination,
  withOrder,
  size,
}: {
  list: Loaded<Paged<ShippingUpload>>
  pagination: false | { current: number; pageSize: number; total: number; onChange: (page: number) => void; showSizeChanger: false }
  withOrder?: boolean
  size?: 'small'
}) {
  const act = useAction()
  const { allowed } = useAuth()
  const [retrying, setRetrying] = useState<number | null>(null)
  const retry = async (u: ShippingUpload) => {
    setRetrying(u.id)
    await act(() => retryShippingUpload(u.id), (next) => (next.status === 'failed' ? `仍未成功：${next.lastError ?? ''}` : next.status === 'sent' ? '已重新上传' : '已重新排队上传'), list.reload)
    setRetrying(null)
  }
  const columns: TableColumnsType<ShippingUpload> = [
    ...(withOrder ? [{ title: '订单', dataIndex: 'orderId', width: 90, render: (id: number) => <Link to={`/orders/${id}`}>#{id}</Link> }] : []),
    { title: '平台', dataIndex: 'provider', width: 70, render: platformLabel },
    { title: '操作内容', dataIndex: 'action', width: 170, render: uploadActionLabel },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: string, u) => (
        <Tooltip title={u.lastError}>
          <Tag color={SHIPPING_UPLOAD_STATUS[s]?.color}>{SHIPPING_UPLOAD_STATUS[s]?.label ?? s}</Tag>
        </Tooltip>
      ),
    },
    { title: '尝试', dataIndex: 'attempts', width: 60, align: 'right' },
    { title: '错误', dataIndex: 'lastError', ellipsis: true, render: (e: string | null) => e ?? '—' },
    { title: '时间', dataIndex: 'createdAt', width: 140, render: (v: string, u) => dateTime(u.sentAt ?? v) },
    {
      title: '',
      key: 'op',
      width: 100,
      fixed: 'right',
      render: (_, u) =>
        u.status === 'failed' && allowed('orders:write') ? (
          <Button size="small" loading={retrying === u.id} onClick={() => retry(u)}>
            重新上传
          </Button>
        ) : null,
    },
  ]
  return (
    <Table<ShippingUpload>
      rowKey="id"
      size={size}
      loading={list.loading}
      dataSource={list.data?.items ?? []}
      pagination={pagination}
      scroll={{ x: withOrder ? 900 : 760 }}
      locale={{ emptyText: '暂无上传记录' }}
      expandable={{
        expandedRowRender: (u) => (
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Json title="请求" value={u.request} />
            <Json title="响应" value={u.response} />
          </div>
        ),
      }}
      columns={columns}
    />
  )
}
