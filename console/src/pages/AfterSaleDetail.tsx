import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router-dom'
import { Alert, App, Button, Card, Col, Descriptions, Form, Image, Input, Modal, Row, Select, Space, Spin, Table, Tag, Timeline } from 'antd'
import { AFTER_SALE_LIMITS, AFTER_SALE_STATUS_LABEL, AFTER_SALE_TYPE_LABEL, type AfterSaleLine } from '@domain/after-sales'
import { carrierName } from '@domain/shipping'
import { approveAfterSale, getAfterSale, receiveAfterSale, refuseAfterSale, resendAfterSale, type AdminAfterSale } from '../api/after-sales'
import { retryRefund } from '../api/orders'
import { Allowed, useAuth } from '../auth'
import { LineProduct, TimelineStep } from '../components/DetailParts'
import { PageTitle } from '../components/PageTitle'
import { AFTER_SALE_ACTOR_LABEL, AFTER_SALE_STATUS_COLOR, afterSaleActions, deadlineText } from '../lib/after-sales'
import { dateTime, money, platformLabel } from '../lib/format'
import { TRACKING_NO } from '../lib/parcels'
import { useAction } from '../lib/use-action'
import { useFormSubmit } from '../lib/use-form-submit'
import { carrierOptions, useCarriers } from '../lib/use-carriers'
import { useLoad } from '../lib/use-load'

const REFUND_STATUS = {
  pending: { label: '退款处理中', color: 'orange' },
  succeeded: { label: '已退款', color: 'green' },
  failed: { label: '退款失败', color: 'red' },
} as const

const shipmentText = (s: { carrier: string; trackingNo: string; at: string } | null) => (s ? `${carrierName(s.carrier)} ${s.trackingNo}（${dateTime(s.at)}）` : '—')

export default function AfterSaleDetail() {
  const id = Number(useParams().id)
  const navigate = useNavigate()
  const { modal } = App.useApp()
  const act = useAction()
  const { allowed } = useAuth()
  const detail = useLoad(() => getAfterSale(id), [id])
  const [refusing, setRefusing] = useState(false)
  const [resending, setResending] = useState(false)
  const [retrying, setRetrying] = useState(false)

  if (detail.loading && !detail.data) return <Spin style={{ display: 'block', margin: 48 }} />
  if (!detail.data) return <Alert type="error" showIcon title="售后加载失败" description={detail.error?.message} action={<Button onClick={detail.reload}>重试</Button>} />

  const a = detail.data
  const actions = afterSaleActions(a.type, a.status)
  const deadline = deadlineText(a.deadline)

  // Approve and receive: the same confirm-then-act, differing only in the words and the call.
  const confirmThen = (words: { title: string; content: string; okText: string; cancelText: string }, run: () => Promise<unknown>, done: string) => () =>
    modal.confirm({ ...words, onOk: () => act(run, done, detail.reload) })
  const approve = confirmThen(
    {
      title: '同意这条售后申请？',
      content: a.type === 'refund' ? `同意后将原路退款 ${money(a.amount)} 给买家。` : '同意后买家需按退货地址寄回商品。',
      okText: '同意',
      cancelText: '再想想',
    },
    () => approveAfterSale(a.id),
    '已同意',
  )
  const receive = confirmThen(
    {
      title: '确认已收到买家寄回的商品？',
      content: a.type === 'return' ? `确认后将原路退款 ${money(a.amount)} 给买家。` : '确认后请尽快发出换货。',
      okText: '确认收货',
      cancelText: '取消',
    },
    () => receiveAfterSale(a.id),
    '已确认收货',
  )
  const retry = async (refundId: number) => {
    setRetrying(true)
    await act(() => retryRefund(refundId), (next) => (next.status === 'failed' ? `仍未成功：${next.failure ?? ''}` : '已重新提交退款'), detail.reload)
    setRetrying(false)
  }

  return (
    <div>
      <PageTitle
        title={
          <Space wrap>
            售后 #{a.id} <Tag>{AFTER_SALE_TYPE_LABEL[a.type]}</Tag>
            <Tag color={AFTER_SALE_STATUS_COLOR[a.status]}>{AFTER_SALE_STATUS_LABEL[a.status]}</Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <Button onClick={() => navigate(-1)}>返回</Button>
            <Link to={`/orders/${a.orderId}`}>
              <Button>查看订单</Button>
            </Link>
            {actions.length > 0 && (
              <Allowed permission="aftersales:write">
                <Space wrap>
                  {actions.includes('refuse') && (
                    <Button danger onClick={() => setRefusing(true)}>
                      拒绝
                    </Button>
                  )}
                  {actions.includes('approve') && (
                    <Button type="primary" onClick={approve}>
                      同意
                    </Button>
                  )}
                  {actions.includes('receive') && (
                    <Button type="primary" onClick={receive}>
                      确认收货
                    </Button>
                  )}
                  {actions.includes('resend') && (
                    <Button type="primary" onClick={() => setResending(true)}>
                      发出换货
                    </Button>
                  )}
                </Space>
              </Allowed>
            )}
          </Space>
        }
      />
      {deadline && <Alert type="warning" showIcon title={`${deadline}（${dateTime(a.deadline!.at)}）`} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card size="small" title="申请信息" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label="订单">
                <Link to={`/orders/${a.orderId}`}>{a.orderNo}</Link>
              </Descriptions.Item>
              <Descriptions.Item label="申请时间">{dateTime(a.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="买家">{a.buyer || `用户 ${a.userId}`}</Descriptions.Item>
              <Descriptions.Item label="平台">{platformLabel(a.platform)}</Descriptions.Item>
              <Descriptions.Item label="类型">{AFTER_SALE_TYPE_LABEL[a.type]}</Descriptions.Item>
              <Descriptions.Item label="退款金额">{a.type === 'exchange' ? '—（换货）' : money(a.amount)}</Descriptions.Item>
              <Descriptions.Item label="原因" span={2}>
                {a.reason}
              </Descriptions.Item>
              <Descriptions.Item label="描述" span={2}>
                {a.description || '—'}
              </Descriptions.Item>
              {a.refusal && (
                <Descriptions.Item label="拒绝原因" span={2}>
                  {a.refusal}
                </Descriptions.Item>
              )}
            </Descriptions>
            {a.photos.length > 0 && (
              <Image.PreviewGroup>
                <Space wrap style={{ marginTop: 8 }}>
                  {a.photos.map((src) => (
                    <Image key={src} src={src} width={80} height={80} style={{ objectFit: 'cover' }} alt="凭证照片" />
                  ))}
                </Space>
              </Image.PreviewGroup>
            )}
          </Card>
          <Card size="small" title="售后商品" style={{ marginBottom: 16 }}>
            <Table<AfterSaleLine>
              rowKey="orderItemId"
              size="small"
              pagination={false}
              dataSource={a.lines}
              columns={[
                {
                  title: '商品',
                  dataIndex: 'title',
                  render: (t: string, l) => <LineProduct image={l.image} title={t} specs={l.specs} />,
                },
                { title: '数量', dataIndex: 'quantity', width: 70, align: 'right' },
                { title: '金额', dataIndex: 'amount', width: 100, align: 'right', render: money },
              ]}
            />
          </Card>
          {(a.returnAddress || a.returnShipment || a.resendShipment) && (
            <Card size="small" title="寄回与换货" style={{ marginBottom: 16 }}>
              <Descriptions size="small" column={1}>
                {a.returnAddress && (
                  <Descriptions.Item label="退货地址">
                    {a.returnAddress.name} {a.returnAddress.phone} {a.returnAddress.address}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label="买家寄回">{shipmentText(a.returnShipment)}</Descriptions.Item>
                {a.type === 'exchange' && <Descriptions.Item label="换货发出">{shipmentText(a.resendShipment)}</Descriptions.Item>}
              </Descriptions>
            </Card>
          )}
          {a.refund && (
            <Card size="small" title="退款" style={{ marginBottom: 16 }}>
              <Space wrap>
                <Tag color={REFUND_STATUS[a.refund.status].color}>{REFUND_STATUS[a.refund.status].label}</Tag>
                {a.refund.failure && <span style={{ color: '#cf1322' }}>{a.refund.failure}</span>}
                {a.refund.status === 'failed' && allowed('refunds:write') && (
                  <Button size="small" loading={retrying} onClick={() => retry(a.refund!.id)}>
                    重试退款
                  </Button>
                )}
              </Space>
            </Card>
          )}
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="售后进度">
            <Timeline
              items={a.steps.map((s) => ({
                color: AFTER_SALE_STATUS_COLOR[s.status] === 'default' ? 'gray' : AFTER_SALE_STATUS_COLOR[s.status],
                content: <TimelineStep label={AFTER_SALE_STATUS_LABEL[s.status] ?? s.status} at={s.at} actor={AFTER_SALE_ACTOR_LABEL[s.actor] ?? s.actor} note={s.note} />,
              }))}
            />
          </Card>
        </Col>
      </Row>
      <RefuseModal afterSale={refusing ? a : null} onClose={() => setRefusing(false)} onDone={() => (setRefusing(false), detail.reload())} />
      <ResendModal afterSale={resending ? a : null} onClose={() => setResending(false)} onDone={() => (setResending(false), detail.reload())} />
    </div>
  )
}

/** 拒绝: the reason is required (the shopper reads it in the app). */
function RefuseModal({ afterSale, onClose, onDone }: { afterSale: AdminAfterSale | null; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ reason: string }>()
  const { busy, submit } = useFormSubmit(form)
  const ok = () =>
    submit(async (v) => {
      await refuseAfterSale(afterSale!.id, v.reason.trim())
      void message.success('已拒绝')
      onDone()
    })
  return (
    <Modal title="拒绝售后申请" open={!!afterSale} onCancel={onClose} onOk={ok} okText="拒绝" okButtonProps={{ danger: true }} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label="拒绝原因（买家可见）" rules={[{ required: true, whitespace: true, message: '请填写拒绝原因' }]}>
          <Input.TextArea rows={3} maxLength={AFTER_SALE_LIMITS.reason} showCount placeholder="如：商品已影响二次销售" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

/** 发出换货: the replacement's carrier and tracking number. */
function ResendModal({ afterSale, onClose, onDone }: { afterSale: AdminAfterSale | null; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ carrier: string; trackingNo: string }>()
  const { busy, submit } = useFormSubmit(form)
  const carriers = useCarriers(!!afterSale)
  const ok = () =>
    submit(async (v) => {
      await resendAfterSale(afterSale!.id, { carrier: v.carrier, trackingNo: v.trackingNo.trim() })
      void message.success('已发出换货')
      onDone()
    })
  return (
    <Modal title="发出换货" open={!!afterSale} onCancel={onClose} onOk={ok} okText="确认发出" confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="carrier" label="快递公司" rules={[{ required: true, message: '请选择快递公司' }]}>
          <Select showSearch optionFilterProp="label" options={carrierOptions(carriers)} placeholder="选择快递公司" />
        </Form.Item>
        <Form.Item
          name="trackingNo"
          label="快递单号"
          rules={[
            { required: true, whitespace: true, message: '请输入快递单号' },
            { pattern: TRACKING_NO, message: '快递单号只能包含字母、数字和 -' },
          ]}
        >
          <Input placeholder="SF1234567890" maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
