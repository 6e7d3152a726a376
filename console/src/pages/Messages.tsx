import { useState } from 'react'
import { Link, useSearchParams } from 'react-router-dom'
import { Button, Popconfirm, Segmented, Space, Table, Tabs, Tag, Tooltip } from 'antd'
import type { OutboxEntry } from '@domain/contract'
import type { ShippingUploadStatus } from '@domain/shipping'
import { listNotifies, listOutbox, requeueOutbox, type NotifyRow } from '../api/orders'
import { listShippingUploads } from '../api/shipping'
import { useAuth } from '../auth'
import { PageTitle } from '../components/PageTitle'
import { ShippingUploadsTable } from '../components/ShippingUploadsTable'
import { dateTime, platformLabel } from '../lib/format'
import { messageEventLabel, OUTBOX_STATUS } from '../lib/labels'
import { useAction } from '../lib/use-action'
import { usePagedList } from '../lib/use-paged'

const REQUEUEABLE = new Set(['failed', 'unknown'])

function Outbox() {
  const act = useAction()
  const { allowed } = useAuth()
  const [status, setStatus] = useState('failed')
  const { list, setPage, pagination } = usePagedList((paging) => listOutbox({ status: status || undefined, ...paging }), [status])
  const requeue = (e: OutboxEntry) => act(() => requeueOutbox(e.id), '已重新排队发送', list.reload)
  return (
    <>
      <Segmented
        className="filters"
        value={status}
        onChange={(v) => (setStatus(v as string), setPage(1))}
        options={[
          { value: 'failed', label: '失败' },
          { value: 'unknown', label: '结果未知' },
          { value: 'pending', label: '待发送' },
          { value: 'sent', label: '已发送' },
          { value: '', label: '全部' },
        ]}
      />
      <Table<OutboxEntry>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={pagination}
        columns={[
          { title: '事件', dataIndex: 'event', width: 140, render: messageEventLabel },
          { title: '订单', dataIndex: 'orderId', width: 90, render: (id: number | null) => (id ? <Link to={`/orders/${id}`}>#{id}</Link> : '—') },
          { title: '渠道', dataIndex: 'channel', width: 80, render: platformLabel },
          {
            title: '状态',
            dataIndex: 'status',
            width: 150,
            render: (s: string, e) => (
              <Tooltip title={e.lastError}>
                <Tag color={OUTBOX_STATUS[s]?.color}>{OUTBOX_STATUS[s]?.label ?? s}</Tag>
              </Tooltip>
            ),
          },
          { title: '尝试次数', dataIndex: 'attempts', width: 90, align: 'right' },
          { title: '错误', dataIndex: 'lastError', ellipsis: true },
          { title: '创建时间', dataIndex: 'createdAt', width: 150, render: dateTime },
          {
            title: '操作',
            key: 'op',
            width: 100,
            fixed: 'right',
            render: (_, e) =>
              allowed('messages:write') && REQUEUEABLE.has(e.status) ? (
                <Popconfirm
                  title="重新发送这条消息？"
                  description={e.status === 'unknown' ? '上次发送结果未知，买家可能已收到，重发可能收到两次' : undefined}
                  okText="重新发送"
                  onConfirm={() => requeue(e)}
                >
                  <Button size="small">重新发送</Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </>
  )
}

/** The outcome a notify was recorded with (payments' and credit's notify audit rows). */
const NOTIFY_REASON: Record<string, string> = {
  paid: '已入账',
  applied: '已处理',
  received: '已处理',
  duplicate: '重复通知',
  replay: '重放',
  ignored: '已忽略',
  bad_signature: '签名错误',
  bad_format: '格式错误',
  unknown_order: '未知订单',
  not_success: '支付未成功',
  mismatch: '金额或订单不符',
  unpayable: '订单已关闭（原路退回）',
  wrong_channel: '渠道不符',
  refunded: '退款成功',
  refund_failed: '退款失败',
  unknown_refund: '未知退款',
}

function Notifies() {
  const [verified, setVerified] = useState<string>('false')
  const [source, setSource] = useState<string>('')
  const { list, setPage, pagination } = usePagedList((paging) => listNotifies({ verified: verified || undefined, source: source || undefined, ...paging }), [verified, source])
  return (
    <>
      <Space className="filters" wrap>
        <Segmented
          value={verified}
          onChange={(v) => (setVerified(v as string), setPage(1))}
          options={[
            { value: 'false', label: '验签失败' },
            { value: 'true', label: '已验证' },
            { value: '', label: '全部' },
          ]}
        />
        <Segmented
          value={source}
          onChange={(v) => (setSource(v as string), setPage(1))}
          options={[
            { value: '', label: '全部来源' },
            { value: 'payment', label: '支付' },
            { value: 'credit', label: '信用' },
          ]}
        />
      </Space>
      <Table<NotifyRow>
        rowKey={(r) => `${r.source}-${r.id}`}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={pagination}
        columns={[
          { title: '来源', dataIndex: 'source', width: 100, render: (s: string) => (s === 'payment' ? '支付' : s === 'credit' ? '信用' : s) },
          { title: '平台', dataIndex: 'provider', width: 100, render: platformLabel },
          { title: '验证', dataIndex: 'verified', width: 90, render: (v: boolean) => (v ? <Tag color="green">通过</Tag> : <Tag color="red">未通过</Tag>) },
          { title: '结果', dataIndex: 'reason', width: 150, render: (r: string) => NOTIFY_REASON[r] ?? r },
          { title: '商户单号', dataIndex: 'outTradeNo', ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: '时间', dataIndex: 'createdAt', width: 150, render: dateTime },
        ]}
      />
    </>
  )
}

/** 发货信息同步: uploads to WeChat / Alipay across orders, failures first, so one is seen without opening each order. */
function ShippingUploads() {
  const [status, setStatus] = useState<ShippingUploadStatus | ''>('failed')
  const { list, setPage, pagination } = usePagedList((paging) => listShippingUploads({ status: status || undefined, ...paging }), [status])
  return (
    <>
      <Segmented
        className="filters"
        value={status}
        onChange={(v) => (setStatus(v as typeof status), setPage(1))}
        options={[
          { value: 'failed', label: '失败' },
          { value: 'pending', label: '待上传' },
          { value: 'sent', label: '已上传' },
          { value: '', label: '全部' },
        ]}
      />
      <ShippingUploadsTable list={list} pagination={pagination} withOrder />
    </>
  )
}

export default function Messages() {
  const { allowed } = useAuth()
  // ?tab=shipping opens a tab directly (the dashboard's 发货信息上传失败 tile links there).
  const [params] = useSearchParams()
  return (
    <div>
      <PageTitle title="消息与通知" />
      <Tabs
        defaultActiveKey={params.get('tab') ?? 'outbox'}
        items={[
          { key: 'outbox', label: '订阅消息', children: <Outbox /> },
          { key: 'notifies', label: '平台回调', children: <Notifies /> },
          // The uploads are order data (orders:read), shown here beside the other platform traffic.
          ...(allowed('orders:read') ? [{ key: 'shipping', label: '发货信息同步', children: <ShippingUploads /> }] : []),
        ]}
      />
    </div>
  )
}
