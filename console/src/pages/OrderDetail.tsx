import { useEffect, useState } from 'react'
import { useNavigate, useParams } from 'react-router-dom'
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Modal, Row, Space, Spin, Table, Tag, Timeline, Tooltip, type TableColumnsType } from 'antd'
import { PrinterOutlined } from '@ant-design/icons'
import type { OrderItem, Refund } from '@domain/contract'
import { ORDER_STATUS_LABEL } from '@domain/order-state'
import { carrierName } from '@domain/shipping'
import { cancelOrder, getOrder, getPackingList, refundOrder, type OrderDetail as Detail, type PackingList } from '../api/orders'
import { Allowed } from '../auth'
import { AfterSalesCard, TrackingCard, UploadsCard } from '../components/OrderShippingCards'
import { LineProduct, TimelineStep } from '../components/DetailParts'
import { GiftCard } from '../components/GiftCard'
import { GiftShipDialog } from '../components/GiftShipDialog'
import { PageTitle } from '../components/PageTitle'
import { ShipDialog } from '../components/ShipDialog'
import { StatusTag } from '../components/StatusTag'
import { showError, validated } from '../lib/errors'
import { dateTime, money, platformLabel, specsText } from '../lib/format'
import { giftShipBlock, isMultiGift } from '../lib/gift-parcels'
import { messageEventLabel, OUTBOX_STATUS, PAYMENT_STATUS_LABEL } from '../lib/labels'
import { useLoad } from '../lib/use-load'

const REFUND_STATUS: Record<Refund['status'], { label: string; color: string }> = {
  pending: { label: '处理中', color: 'orange' },
  succeeded: { label: '已退款', color: 'green' },
  failed: { label: '失败', color: 'red' },
}
const REFUNDABLE = new Set(['paid', 'shipped', 'completed', 'refunding'])
const ACTOR_LABEL: Record<string, string> = { shopper: '买家', system: '系统', admin: '商家' }

export default function OrderDetail() {
  const id = Number(useParams().id)
  const navigate = useNavigate()
  const { message, modal } = App.useApp()
  const detail = useLoad(() => getOrder(id), [id])
  const [shipping, setShipping] = useState(false)
  const [refundLine, setRefundLine] = useState<OrderItem | 'all' | null>(null)
  const [packing, setPacking] = useState<PackingList | null>(null)

  // The packing list is printed from its own print-only block, once React has drawn it.
  useEffect(() => {
    if (!packing) return
    const t = setTimeout(() => window.print(), 50)
    return () => clearTimeout(t)
  }, [packing])

  if (detail.loading && !detail.data) return <Spin style={{ display: 'block', margin: 48 }} />
  if (!detail.data)
    return <Alert type="error" showIcon message="订单加载失败" description={detail.error?.message} action={<Button onClick={detail.reload}>重试</Button>} />

  const { order, buyer, events, payments, refunds, messages } = detail.data
  // A gift ships to its recipients' addresses: not before they gave them (the server's 409 GIFT_NOT_CLAIMED).
  const shipBlock = giftShipBlock(order.gift)
  const remaining = (l: OrderItem) => l.quantity - l.refundedQuantity

  const cancel = () =>
    modal.confirm({
      title: '取消这笔未付款订单？',
      content: '取消后库存会退回，买家将无法再付款。',
      okText: '取消订单',
      okButtonProps: { danger: true },
      cancelText: '不取消',
      onOk: async () => {
        try {
          await cancelOrder(id, '商家取消')
          void message.success('订单已取消')
          detail.reload()
        } catch (err) {
          showError(message, err)
        }
      },
    })

  const print = async () => {
    try {
      setPacking(await getPackingList(id))
    } catch (err) {
      showError(message, err)
    }
  }

  return (
    <div className="order-detail">
      <div className="no-print">
        <PageTitle
          title={
            <Space>
              订单 {order.orderNo} <StatusTag status={order.status} />
            </Space>
          }
          extra={
            <Space wrap>
              <Button onClick={() => navigate(-1)}>返回</Button>
              <Button icon={<PrinterOutlined />} onClick={print}>
                打印配货单
              </Button>
              {order.status === 'created' && (
                <Allowed permission="orders:write">
                  <Button danger onClick={cancel}>
                    取消订单
                  </Button>
                </Allowed>
              )}
              {REFUNDABLE.has(order.status) && order.items.some((l) => remaining(l) > 0) && (
                <Allowed permission="refunds:write">
                  <Button onClick={() => setRefundLine('all')}>退款</Button>
                </Allowed>
              )}
              {order.status === 'paid' && (
                <Allowed permission="orders:write">
                  {shipBlock ? (
                    <Tooltip title={shipBlock}>
                      {/* A disabled button gets no pointer events: the span carries the tooltip. */}
                      <span data-testid="ship-blocked">
                        <Button type="primary" disabled>
                          发货
                        </Button>
                      </span>
                    </Tooltip>
                  ) : (
                    <Button type="primary" onClick={() => setShipping(true)}>
                      发货
                    </Button>
                  )}
                </Allowed>
              )}
            </Space>
          }
        />
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card size="small" title="订单信息" style={{ marginBottom: 16 }}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }}>
                <Descriptions.Item label="下单时间">{dateTime(order.createdAt)}</Descriptions.Item>
                <Descriptions.Item label="平台">{platformLabel(buyer?.platform ?? order.platform)}</Descriptions.Item>
                <Descriptions.Item label="买家">{buyer?.nickname ?? `用户 ${buyer?.userId ?? ''}`}</Descriptions.Item>
                <Descriptions.Item label="收货人">{order.address ? `${order.address.name} ${order.address.phone}` : order.gift ? '送礼订单：见下方领取人' : '—'}</Descriptions.Item>
                <Descriptions.Item label="收货地址" span={2}>
                  {order.address ? `${order.address.region.join(' ')} ${order.address.detail}` : '—'}
                </Descriptions.Item>
                {order.tracking && (
                  <Descriptions.Item label="物流" span={2}>
                    {carrierName(order.tracking.carrier)} {order.tracking.number}
                  </Descriptions.Item>
                )}
                {order.note && (
                  <Descriptions.Item label="买家留言" span={2}>
                    {order.note}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>
            {order.gift && <GiftCard gift={order.gift} claims={order.giftClaims ?? []} />}
            <Card size="small" title="商品" style={{ marginBottom: 16 }}>
              <Table<OrderItem>
                rowKey="skuId"
                size="small"
                pagination={false}
                dataSource={order.items}
                scroll={{ x: 640 }}
                columns={[
                  {
                    title: '商品',
                    dataIndex: 'title',
                    render: (t: string, l) => <LineProduct image={l.image} title={t} specs={specsText(l.specs)} />,
                  },
                  { title: '单价', dataIndex: 'unitPrice', width: 90, align: 'right', render: money },
                  { title: '数量', dataIndex: 'quantity', width: 60, align: 'right' },
                  { title: '优惠', dataIndex: 'discount', width: 90, align: 'right', render: (d: number) => (d ? `-${money(d)}` : '—') },
                  { title: '已退', dataIndex: 'refundedQuantity', width: 60, align: 'right' },
                  {
                    title: '',
                    key: 'op',
                    width: 80,
                    render: (_, l) =>
                      REFUNDABLE.has(order.status) && remaining(l) > 0 ? (
                        <Allowed permission="refunds:write">
                          <a onClick={() => setRefundLine(l)}>退款</a>
                        </Allowed>
                      ) : null,
                  },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={6} align="right">
                      <Space size="large" wrap style={{ justifyContent: 'flex-end' }}>
                        <span>商品 {money(order.subtotal)}</span>
                        <span>运费 {money(order.shipping)}</span>
                        <span>优惠 -{money(order.discount)}</span>
                        <b>实付 {money(order.total)}</b>
                        {order.refundedTotal > 0 && <span style={{ color: '#cf1322' }}>已退 {money(order.refundedTotal)}</span>}
                      </Space>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            </Card>
            <ListCard
              title="支付"
              rows={payments}
              empty="暂无支付记录"
              columns={[
                { title: '渠道', dataIndex: 'provider', render: platformLabel },
                { title: '金额', dataIndex: 'amount', align: 'right', render: money },
                { title: '状态', dataIndex: 'status', render: (st: string) => PAYMENT_STATUS_LABEL[st] ?? st },
                { title: '支付单号', dataIndex: 'outTradeNo', ellipsis: true },
                { title: '交易号', dataIndex: 'platformTradeId', ellipsis: true, render: (v: string | null) => v ?? '—' },
                { title: '时间', dataIndex: 'paidAt', width: 140, render: (v: string | null, p) => dateTime(v ?? p.createdAt) },
              ]}
            />
            <ListCard
              title="退款"
              rows={refunds}
              empty="暂无退款"
              columns={[
                { title: '退款单号', dataIndex: 'outRefundNo', ellipsis: true },
                { title: '金额', dataIndex: 'amount', align: 'right', render: money },
                { title: '原因', dataIndex: 'reason' },
                { title: '状态', dataIndex: 'status', render: (s: Refund['status'], r) => <Tag color={REFUND_STATUS[s].color} title={r.failure ?? undefined}>{REFUND_STATUS[s].label}</Tag> },
                { title: '时间', dataIndex: 'createdAt', render: dateTime },
              ]}
            />
            <AfterSalesCard orderId={id} />
            <UploadsCard key={order.shippedAt ?? 'unshipped'} orderId={id} />
          </Col>
          <Col xs={24} xl={8}>
            <Card size="small" title="订单进度" style={{ marginBottom: 16 }}>
              <Timeline
                items={(events.length ? events : order.timeline.map((t) => ({ at: t.at, from: null, to: t.status, actor: '', note: t.note }))).map((e) => ({
                  children: <TimelineStep label={ORDER_STATUS_LABEL[e.to] ?? e.to} at={e.at} actor={ACTOR_LABEL[e.actor] ?? e.actor} note={e.note} />,
                }))}
              />
            </Card>
            {order.shippedAt && <TrackingCard orderId={id} lines={order.items} />}
            <ListCard
              title="消息通知"
              rows={messages}
              empty="暂无消息"
              last
              columns={[
                { title: '事件', dataIndex: 'event', render: messageEventLabel },
                { title: '状态', dataIndex: 'status', render: (st: string) => <Tag color={OUTBOX_STATUS[st]?.color}>{OUTBOX_STATUS[st]?.label ?? st}</Tag> },
                { title: '时间', dataIndex: 'createdAt', render: dateTime },
              ]}
            />
          </Col>
        </Row>
      </div>
      {packing && <PackingSheet list={packing} />}
      {isMultiGift(order.gift) ? (
        <GiftShipDialog open={shipping} orderId={id} claims={order.giftClaims ?? []} onClose={() => setShipping(false)} onDone={() => (setShipping(false), detail.reload())} />
      ) : (
        <ShipDialog open={shipping} orderId={id} lines={order.items} onClose={() => setShipping(false)} onDone={() => (setShipping(false), detail.reload())} />
      )}
      <RefundModal detail={detail.data} line={refundLine} onClose={() => setRefundLine(null)} onDone={() => (setRefundLine(null), detail.reload())} />
    </div>
  )
}

/** One of the order's short lists (payments, refunds, messages): a small card holding a small table, no paging. */
function ListCard<T extends { id: number }>({ title, rows, empty, columns, last }: { title: string; rows: T[]; empty: string; columns: TableColumnsType<T>; last?: boolean }) {
  return (
    <Card size="small" title={title} style={last ? undefined : { marginBottom: 16 }}>
      <Table<T> rowKey="id" size="small" pagination={false} dataSource={rows} locale={{ emptyText: empty }} columns={columns} />
    </Card>
  )
}

function RefundModal({ detail, line, onClose, onDone }: { detail: Detail; line: OrderItem | 'all' | null; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ quantities: Record<string, number>; reason: string; restock: boolean }>()
  const [busy, setBusy] = useState(false)
  const lines = detail.order.items.filter((l) => l.quantity - l.refundedQuantity > 0 && (line === 'all' || line?.skuId === l.skuId))
  const quantities = (Form.useWatch('quantities', form) ?? {}) as Record<string, number>
  // An estimate for the merchant; the server computes the exact amount (discount shares included).
  const estimate = lines.reduce((sum, l) => sum + Math.round(((l.lineTotal - l.discount) / l.quantity) * (quantities[l.skuId] ?? 0)), 0)

  useEffect(() => {
    if (!line) return
    form.setFieldsValue({ quantities: Object.fromEntries(lines.map((l) => [l.skuId, l.quantity - l.refundedQuantity])), reason: '', restock: detail.order.status === 'paid' })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [line])

  const submit = async () => {
    const v = await validated(form)
    if (!v) return
    const chosen = lines.map((l) => ({ skuId: l.skuId, quantity: v.quantities[l.skuId] ?? 0 })).filter((l) => l.quantity > 0)
    if (!chosen.length) {
      void message.error('请至少选择一件要退的商品')
      return
    }
    setBusy(true)
    try {
      const r = await refundOrder(detail.order.id, { lines: chosen, reason: v.reason.trim(), restock: v.restock })
      void message.success(`已提交退款 ${money(r.amount)}`)
      onDone()
    } catch (err) {
      showError(message, err, form)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal title="退款" open={!!line} onCancel={onClose} onOk={submit} okText="确认退款" okButtonProps={{ danger: true }} confirmLoading={busy} destroyOnHidden width={560}>
      <Form form={form} layout="vertical">
        {lines.map((l) => (
          <Form.Item key={l.skuId} name={['quantities', String(l.skuId)]} label={`${l.title}${specsText(l.specs) ? `（${specsText(l.specs)}）` : ''}：可退 ${l.quantity - l.refundedQuantity} 件`}>
            <InputNumber min={0} max={l.quantity - l.refundedQuantity} precision={0} addonAfter="件" style={{ width: 180 }} />
          </Form.Item>
        ))}
        <Form.Item name="reason" label="退款原因" rules={[{ required: true, whitespace: true, message: '请填写退款原因' }]}>
          <Input maxLength={100} placeholder="如：买家不想要了、缺货" />
        </Form.Item>
        <Form.Item name="restock" valuePropName="checked">
          <Checkbox>退回库存（未发货或已退回的商品）</Checkbox>
        </Form.Item>
        <div>
          预计退款约 <b>{money(estimate)}</b>，原路退回买家（以实际到账为准）
        </div>
      </Form>
    </Modal>
  )
}

function PackingSheet({ list }: { list: PackingList }) {
  return (
    <div className="print-only packing-list">
      <h2 style={{ textAlign: 'center' }}>配货单</h2>
      <div>订单号：{list.orderNo}</div>
      <div>下单时间：{dateTime(list.createdAt)}</div>
      {list.receiver ? (
        <>
          <div>
            收货人：{list.receiver.name} {list.receiver.phone}
          </div>
          <div>地址：{list.receiver.address}</div>
        </>
      ) : (
        <div>收货人：无（无需配送）</div>
      )}
      <table>
        <thead>
          <tr>
            <th>商品</th>
            <th>规格</th>
            <th>编码</th>
            <th>数量</th>
          </tr>
        </thead>
        <tbody>
          {list.lines.map((l, i) => (
            <tr key={i}>
              <td>{l.title}</td>
              <td>{specsText(l.specs)}</td>
              <td>{l.code ?? ''}</td>
              <td>{l.quantity}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.note && <div style={{ marginTop: 8 }}>买家留言：{list.note}</div>}
    </div>
  )
}
