import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Input, Select, Space, Table, Tag } from 'antd'
import { AFTER_SALE_STATUSES, AFTER_SALE_STATUS_LABEL, AFTER_SALE_TYPES, AFTER_SALE_TYPE_LABEL, type AfterSaleStatus, type AfterSaleType } from '@domain/after-sales'
import { listAfterSales, type AdminAfterSale, type AfterSaleFilters } from '../api/after-sales'
import { PageTitle } from '../components/PageTitle'
import { AFTER_SALE_STATUS_COLOR, afterSaleActions, deadlineText } from '../lib/after-sales'
import { dateTime, money, platformLabel } from '../lib/format'
import { useLoad } from '../lib/use-load'
import { useUrlFilters } from '../lib/use-url-filters'

/** 售后: every request, the ones waiting for the shop first by default (status 待商家处理). */
export default function AfterSales() {
  const { params, update } = useUrlFilters()
  const orderIdParam = Number(params.get('orderId'))
  const filters: AfterSaleFilters = {
    status: (params.get('status') as AfterSaleStatus) || undefined,
    type: (params.get('type') as AfterSaleType) || undefined,
    orderId: Number.isInteger(orderIdParam) && orderIdParam > 0 ? orderIdParam : undefined,
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
  }
  const [orderId, setOrderId] = useState(filters.orderId ? String(filters.orderId) : '')
  const list = useLoad(() => listAfterSales(filters), [params.toString()])

  return (
    <div>
      <PageTitle title="售后" />
      <Space wrap className="filters">
        <Select
          style={{ width: 150 }}
          value={filters.status ?? ''}
          onChange={(v) => update({ status: v })}
          options={[{ value: '', label: '全部状态' }, ...AFTER_SALE_STATUSES.map((s) => ({ value: s, label: AFTER_SALE_STATUS_LABEL[s] }))]}
          aria-label="售后状态"
        />
        <Select
          style={{ width: 120 }}
          value={filters.type ?? ''}
          onChange={(v) => update({ type: v })}
          options={[{ value: '', label: '全部类型' }, ...AFTER_SALE_TYPES.map((t) => ({ value: t, label: AFTER_SALE_TYPE_LABEL[t] }))]}
          aria-label="售后类型"
        />
        <Input.Search
          placeholder="订单 ID"
          allowClear
          inputMode="numeric"
          value={orderId}
          onChange={(e) => setOrderId(e.target.value.replace(/\D/g, ''))}
          onSearch={(v) => update({ orderId: v.trim() })}
          style={{ width: 160 }}
        />
      </Space>
      <Table<AdminAfterSale>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 条售后`,
          onChange: (p, s) => update({ page: p, pageSize: s }),
        }}
        columns={[
          { title: '售后单', dataIndex: 'id', width: 90, render: (id: number) => <Link to={`/after-sales/${id}`}>#{id}</Link> },
          { title: '订单', dataIndex: 'orderNo', width: 200, render: (no: string, a) => <Link to={`/orders/${a.orderId}`}>{no}</Link> },
          { title: '类型', dataIndex: 'type', width: 90, render: (t: AfterSaleType) => AFTER_SALE_TYPE_LABEL[t] },
          {
            title: '商品',
            key: 'lines',
            width: 220,
            ellipsis: true,
            render: (_, a) => a.lines.map((l) => `${l.title} ×${l.quantity}`).join('，'),
          },
          { title: '金额', dataIndex: 'amount', width: 100, align: 'right', render: money },
          {
            title: '状态',
            dataIndex: 'status',
            width: 170,
            render: (s: AfterSaleStatus, a) => (
              <div>
                <Tag color={AFTER_SALE_STATUS_COLOR[s]}>{AFTER_SALE_STATUS_LABEL[s]}</Tag>
                {deadlineText(a.deadline) && <div style={{ color: '#fa8c16', fontSize: 12 }}>{deadlineText(a.deadline)}</div>}
              </div>
            ),
          },
          { title: '买家', dataIndex: 'buyer', width: 120, ellipsis: true },
          { title: '平台', dataIndex: 'platform', width: 70, render: platformLabel },
          { title: '申请时间', dataIndex: 'createdAt', width: 150, render: dateTime },
          { title: '操作', key: 'op', width: 80, fixed: 'right', render: (_, a) => <Link to={`/after-sales/${a.id}`}>{afterSaleActions(a.type, a.status).length ? '去处理' : '详情'}</Link> },
        ]}
      />
    </div>
  )
}
