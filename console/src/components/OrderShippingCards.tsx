import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Button, Card, Empty, Space, Table, Tag, Timeline, Tooltip } from 'antd'
import { ReloadOutlined } from '@ant-design/icons'
import { AFTER_SALE_STATUS_LABEL, AFTER_SALE_TYPE_LABEL, type AfterSaleStatus, type AfterSaleType } from '@domain/after-sales'
import type { OrderItem } from '@domain/contract'
import { carrierName, FULFILMENT_LABEL, TRACKING_STATE_LABEL, type OrderTracking } from '@domain/shipping'
import { listAfterSales, type AdminAfterSale } from '../api/after-sales'
import { getTracking, listShipments, listShippingUploads, refreshTracking } from '../api/shipping'
import { AFTER_SALE_STATUS_COLOR, deadlineText } from '../lib/after-sales'
import { dateTime, money } from '../lib/format'
import { TRACKING_STATE_COLOR } from '../lib/labels'
import { useAction } from '../lib/use-action'
import { useLoad } from '../lib/use-load'
import { ShippingUploadsTable } from './ShippingUploadsTable'

/** 物流: each parcel with its state and events (newest first), what is in it, and a refresh from the tracking provider. */
export function TrackingCard({ orderId, lines }: { orderId: number; lines: OrderItem[] }) {
  const act = useAction()
  const tracking = useLoad(() => getTracking(orderId), [orderId])
  const shipments = useLoad(() => listShipments(orderId), [orderId])
  const [fresh, setFresh] = useState<OrderTracking | null>(null)
  const [refreshing, setRefreshing] = useState(false)
  const shown = fresh ?? tracking.data

  const refresh = async () => {
    setRefreshing(true)
    const next = await act(() => refreshTracking(orderId), '已刷新物流')
    if (next) setFresh(next)
    setRefreshing(false)
  }
  /** What a parcel holds, from the shipment with its number: "T 恤 ×2，帽子 ×1"; null when it holds the whole order. */
  const contents = (trackingNo: string) => {
    const items = shipments.data?.items.find((s) => s.trackingNo === trackingNo)?.items
    if (!items?.length) return null
    return items.map((i) => `${lines.find((l) => l.id === i.orderItemId)?.title ?? `商品 ${i.orderItemId}`} ×${i.quantity}`).join('，')
  }

  return (
    <Card
      size="small"
      title={<Space>物流{shown?.kind && <Tag>{FULFILMENT_LABEL[shown.kind]}</Tag>}</Space>}
      style={{ marginBottom: 16 }}
      loading={tracking.loading && !shown}
      extra={
        <Button size="small" icon={<ReloadOutlined />} loading={refreshing} onClick={refresh}>
          刷新
        </Button>
      }
    >
      {!shown?.parcels.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={shown?.kind === 'virtual' || shown?.kind === 'pickup' ? '无需物流' : '暂无物流信息'} />
      ) : (
        shown.parcels.map((p, i) => (
          <div key={`${p.carrier}-${p.trackingNo}`} style={i > 0 ? { borderTop: '1px solid #f0f0f0', paddingTop: 12, marginTop: 4 } : undefined}>
            <Space wrap style={{ marginBottom: 8 }}>
              {shown.parcels.length > 1 && <b>包裹 {i + 1}</b>}
              <span>
                {p.carrierName || carrierName(p.carrier)} {p.trackingNo}
              </span>
              <Tag color={TRACKING_STATE_COLOR[p.state]}>{TRACKING_STATE_LABEL[p.state] ?? p.state}</Tag>
              {p.updatedAt && <span style={{ color: '#888', fontSize: 12 }}>更新于 {dateTime(p.updatedAt)}</span>}
            </Space>
            {contents(p.trackingNo) && <div style={{ color: '#666', fontSize: 12, marginBottom: 8 }}>内含：{contents(p.trackingNo)}</div>}
            {p.events.length ? (
              <Timeline
                items={p.events.map((e, j) => ({
                  color: j === 0 ? 'green' : 'gray',
                  content: (
                    <div>
                      <div>{e.text}</div>
                      <div style={{ color: '#888', fontSize: 12 }}>{[dateTime(e.at), e.area].filter(Boolean).join(' · ')}</div>
                    </div>
                  ),
                }))}
              />
            ) : (
              <div style={{ color: '#888' }}>暂无轨迹</div>
            )}
          </div>
        ))
      )}
    </Card>
  )
}

/** 平台发货信息: what WeChat / Alipay were told about this order's shipping, with 重新上传 for a failure. */
export function UploadsCard({ orderId }: { orderId: number }) {
  const list = useLoad(() => listShippingUploads({ orderId, page: 1, pageSize: 50 }), [orderId])
  return (
    <Card size="small" title="平台发货信息" style={{ marginBottom: 16 }}>
      <ShippingUploadsTable list={list} pagination={false} size="small" />
    </Card>
  )
}

/** 售后: the order's after-sales requests, each a link to its page. */
export function AfterSalesCard({ orderId }: { orderId: number }) {
  const list = useLoad(() => listAfterSales({ orderId, page: 1, pageSize: 50 }), [orderId])
  return (
    <Card size="small" title="售后" style={{ marginBottom: 16 }}>
      <Table<AdminAfterSale>
        rowKey="id"
        size="small"
        loading={list.loading}
        pagination={false}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '暂无售后' }}
        columns={[
          { title: '售后单', dataIndex: 'id', width: 80, render: (id: number) => <Link to={`/after-sales/${id}`}>#{id}</Link> },
          { title: '类型', dataIndex: 'type', width: 90, render: (t: AfterSaleType) => AFTER_SALE_TYPE_LABEL[t] },
          {
            title: '状态',
            dataIndex: 'status',
            render: (s: AfterSaleStatus, a) => (
              <Tooltip title={deadlineText(a.deadline)}>
                <Tag color={AFTER_SALE_STATUS_COLOR[s]}>{AFTER_SALE_STATUS_LABEL[s]}</Tag>
              </Tooltip>
            ),
          },
          { title: '金额', dataIndex: 'amount', align: 'right', render: money },
          { title: '申请时间', dataIndex: 'createdAt', width: 140, render: dateTime },
        ]}
      />
    </Card>
  )
}
