import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Button, Segmented, Table, Tag, Tooltip } from 'antd'
import type { Refund } from '@domain/contract'
import { listRefunds, retryRefund } from '../api/orders'
import { useAuth } from '../auth'
import { PageTitle } from '../components/PageTitle'
import { dateTime, money } from '../lib/format'
import { useAction } from '../lib/use-action'
import { usePagedList } from '../lib/use-paged'

const STATUS: Record<Refund['status'], { label: string; color: string }> = {
  pending: { label: '处理中', color: 'orange' },
  succeeded: { label: '已退款', color: 'green' },
  failed: { label: '失败', color: 'red' },
}

export default function Refunds() {
  const act = useAction()
  const { allowed } = useAuth()
  const [status, setStatus] = useState<'failed' | 'pending' | 'succeeded' | ''>('failed')
  const { list, setPage, pagination } = usePagedList((paging) => listRefunds({ status: status || undefined, ...paging }), [status])
  const [retrying, setRetrying] = useState<number | null>(null)

  const retry = async (r: Refund) => {
    setRetrying(r.id)
    await act(() => retryRefund(r.id), (next) => (next.status === 'failed' ? `仍未成功：${next.failure ?? ''}` : '已重新提交退款'), list.reload)
    setRetrying(null)
  }

  return (
    <div>
      <PageTitle
        title="退款"
        extra={
          <Segmented
            value={status}
            onChange={(v) => (setStatus(v as typeof status), setPage(1))}
            options={[
              { value: 'failed', label: '失败待处理' },
              { value: 'pending', label: '处理中' },
              { value: 'succeeded', label: '已退款' },
              { value: '', label: '全部' },
            ]}
          />
        }
      />
      <Table<Refund>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 860 }}
        pagination={pagination}
        columns={[
          { title: '退款单号', dataIndex: 'outRefundNo', width: 200 },
          { title: '订单', dataIndex: 'orderId', width: 90, render: (id: number) => <Link to={`/orders/${id}`}>#{id}</Link> },
          { title: '金额', dataIndex: 'amount', width: 100, align: 'right', render: money },
          { title: '原因', dataIndex: 'reason', ellipsis: true },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            render: (s: Refund['status'], r) => (
              <Tooltip title={r.failure}>
                <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>
              </Tooltip>
            ),
          },
          { title: '失败原因', dataIndex: 'failure', ellipsis: true },
          { title: '时间', dataIndex: 'createdAt', width: 150, render: dateTime },
          {
            title: '操作',
            key: 'op',
            width: 100,
            fixed: 'right',
            render: (_, r) =>
              r.status !== 'succeeded' && allowed('refunds:write') ? (
                <Button size="small" loading={retrying === r.id} onClick={() => retry(r)}>
                  重试
                </Button>
              ) : null,
          },
        ]}
      />
    </div>
  )
}
