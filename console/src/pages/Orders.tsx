import { useState } from 'react'
import { Link } from 'react-router-dom'
import { App, Button, DatePicker, Input, Select, Space, Table, Tag, Tooltip } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { ORDER_STATUSES, ORDER_STATUS_LABEL, type OrderStatus } from '@domain/order-state'
import { exportOrdersCsv, listOrders, type AdminOrder, type OrderFilters } from '../api/orders'
import { PageTitle } from '../components/PageTitle'
import { StatusTag } from '../components/StatusTag'
import { showError } from '../lib/errors'
import { dateTime, money, platformLabel } from '../lib/format'
import { useLoad } from '../lib/use-load'
import { useUrlFilters } from '../lib/use-url-filters'

export default function Orders() {
  const { message } = App.useApp()
  const { params, update } = useUrlFilters()
  const filters: OrderFilters = {
    status: (params.get('status') as OrderStatus) || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
    phone: params.get('phone') || undefined,
    orderNo: params.get('orderNo') || undefined,
    platform: params.get('platform') || undefined,
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
  }
  const [phone, setPhone] = useState(filters.phone ?? '')
  const [orderNo, setOrderNo] = useState(filters.orderNo ?? '')
  const [exporting, setExporting] = useState(false)
  const list = useLoad(() => listOrders(filters), [params.toString()])

  const exportCsv = async () => {
    setExporting(true)
    try {
      await exportOrdersCsv(filters)
    } catch (err) {
      showError(message, err)
    } finally {
      setExporting(false)
    }
  }

  return (
    <div>
      <PageTitle
        title="订单"
        extra={
          <Button icon={<DownloadOutlined />} onClick={exportCsv} loading={exporting}>
            导出 CSV
          </Button>
        }
      />
      <Space wrap className="filters">
        <Select
          style={{ width: 120 }}
          value={filters.status ?? ''}
          onChange={(v) => update({ status: v })}
          options={[{ value: '', label: '全部状态' }, ...ORDER_STATUSES.map((s) => ({ value: s, label: ORDER_STATUS_LABEL[s] }))]}
          aria-label="订单状态"
        />
        <DatePicker.RangePicker
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          onChange={(r) => update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
          style={{ width: 250 }}
        />
        <Select
          style={{ width: 120 }}
          value={filters.platform ?? ''}
          onChange={(v) => update({ platform: v })}
          options={[
            { value: '', label: '全部平台' },
            { value: 'weapp', label: '微信' },
            { value: 'alipay', label: '支付宝' },
            { value: 'h5', label: 'H5' },
          ]}
          aria-label="平台"
        />
        <Input.Search placeholder="订单号" allowClear value={orderNo} onChange={(e) => setOrderNo(e.target.value)} onSearch={(v) => update({ orderNo: v.trim() })} style={{ width: 200 }} />
        <Input.Search placeholder="收货人手机号" allowClear value={phone} onChange={(e) => setPhone(e.target.value)} onSearch={(v) => update({ phone: v.trim() })} style={{ width: 180 }} />
      </Space>
      <Table<AdminOrder>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1150 }}
        pagination={{
          current: filters.page,
          pageSize: filters.pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 笔订单`,
          onChange: (p, s) => update({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: '订单号',
            dataIndex: 'orderNo',
            width: 220,
            render: (no: string, o) => (
              <Space size={4}>
                <Link to={`/orders/${o.id}`}>{no}</Link>
                {o.gift && (
                  <Tooltip title={`送礼订单：已领取 ${o.gift.claimed}/${o.gift.recipients} 份`}>
                    <Tag color="magenta" style={{ marginInlineEnd: 0 }}>
                      礼
                    </Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: '商品',
            key: 'items',
            width: 260,
            ellipsis: true,
            render: (_, o) => `${o.items[0]?.title ?? ''}${o.items.length > 1 ? ` 等 ${o.itemCount} 件` : ` ×${o.items[0]?.quantity ?? 0}`}`,
          },
          { title: '实付', dataIndex: 'total', width: 110, align: 'right', render: money },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: OrderStatus) => <StatusTag status={s} /> },
          { title: '买家', key: 'buyer', width: 150, render: (_, o) => [o.address?.name ?? o.buyer, o.phone ?? o.address?.phone].filter(Boolean).join(' ') || '—' },
          { title: '平台', dataIndex: 'platform', width: 80, render: platformLabel },
          { title: '下单时间', dataIndex: 'createdAt', width: 150, render: dateTime },
          { title: '操作', key: 'op', width: 80, fixed: 'right', render: (_, o) => <Link to={`/orders/${o.id}`}>{o.status === 'paid' ? '去发货' : '详情'}</Link> },
        ]}
      />
    </div>
  )
}
