import { useState } from 'react'
import { Button, Popconfirm, Segmented, Space, Table, Tag } from 'antd'
import type { Rental } from '@domain/contract'
import { listRentals, returnRental, startRental } from '../api/orders'
import { useAuth } from '../auth'
import { PageTitle } from '../components/PageTitle'
import { dateTime, money, specsText } from '../lib/format'
import { useAction } from '../lib/use-action'
import { usePagedList } from '../lib/use-paged'

const STATE: Record<string, { label: string; color: string }> = {
  created: { label: '待确认', color: 'default' },
  authorized: { label: '待取货', color: 'gold' },
  in_use: { label: '租用中', color: 'blue' },
  overdue: { label: '已逾期', color: 'red' },
  settling: { label: '结算中', color: 'orange' },
  completed: { label: '已完成', color: 'green' },
  cancelled: { label: '已取消', color: 'default' },
  expired: { label: '已失效', color: 'default' },
}

export default function Rentals() {
  const run = useAction()
  const { allowed } = useAuth()
  const [filter, setFilter] = useState<string>('')
  const { list, setPage, pagination } = usePagedList(
    (paging) => listRentals({ state: filter && filter !== 'return' ? filter : undefined, returnRequested: filter === 'return' ? 'true' : undefined, ...paging }),
    [filter],
  )
  const act = (r: Rental, what: 'start' | 'return') => run(() => (what === 'start' ? startRental(r.id) : returnRental(r.id)), what === 'start' ? '已确认取货，开始计租' : '已确认归还', list.reload)
  return (
    <div>
      <PageTitle
        title="租赁订单"
        extra={
          <Segmented
            value={filter}
            onChange={(v) => (setFilter(v as string), setPage(1))}
            options={[
              { value: '', label: '全部' },
              { value: 'authorized', label: '待取货' },
              { value: 'return', label: '申请归还' },
              { value: 'in_use', label: '租用中' },
              { value: 'overdue', label: '已逾期' },
            ]}
          />
        }
      />
      <Table<Rental>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 960 }}
        pagination={pagination}
        columns={[
          { title: '租赁单号', dataIndex: 'rentalNo', width: 190 },
          { title: '商品', key: 'item', render: (_, r) => `${r.item.title}${specsText(r.item.specs) ? `（${specsText(r.item.specs)}）` : ''}` },
          { title: '押金 / 日租', key: 'terms', width: 160, render: (_, r) => `${money(r.terms.deposit)} / ${money(r.terms.dailyRate)}` },
          { title: '天数', dataIndex: 'days', width: 60, align: 'right' },
          {
            title: '状态',
            dataIndex: 'state',
            width: 140,
            render: (s: string, r) => (
              <Space size={4}>
                <Tag color={STATE[s]?.color}>{STATE[s]?.label ?? s}</Tag>
                {r.returnRequestedAt && (s === 'in_use' || s === 'overdue') && <Tag color="purple">申请归还</Tag>}
              </Space>
            ),
          },
          { title: '开始 / 到期', key: 'time', width: 200, render: (_, r) => (r.startedAt ? `${dateTime(r.startedAt)} ~ ${dateTime(r.dueAt)}` : '—') },
          {
            title: '操作',
            key: 'op',
            width: 120,
            fixed: 'right',
            render: (_, r) =>
              !allowed('credit:write') ? null : r.state === 'authorized' ? (
                <Popconfirm title="确认买家已取货？开始计租" okText="确认取货" onConfirm={() => act(r, 'start')}>
                  <Button size="small" type="primary">
                    确认取货
                  </Button>
                </Popconfirm>
              ) : r.state === 'in_use' || r.state === 'overdue' ? (
                <Popconfirm title="确认已收到归还的商品？将结算租金并退还押金" okText="确认归还" onConfirm={() => act(r, 'return')}>
                  <Button size="small">确认归还</Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </div>
  )
}
