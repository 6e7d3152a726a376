import { useState } from 'react'
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Table, Tag } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { createCouponBatch, endCouponBatch, listCouponBatches, type CouponBatch, type CouponBatchInput } from '../api/marketing'
import { useAuth } from '../auth'
import { ConfirmLink } from '../components/ConfirmLink'
import { PageTitle } from '../components/PageTitle'
import { showError, validated } from '../lib/errors'
import { dateTime, money } from '../lib/format'
import { toFen, yuanRule } from '../lib/money-input'
import { useAction } from '../lib/use-action'
import { usePagedList } from '../lib/use-paged'

interface Values {
  title: string
  type: 'amount' | 'percent'
  value: string
  percent?: number
  cap?: string
  threshold?: string
  claim: [Dayjs, Dayjs]
  validityKind: 'days' | 'range'
  days?: number
  range?: [Dayjs, Dayjs]
  total: number
  perUserLimit: number
}

const faceValue = (b: CouponBatch) => (b.type === 'amount' ? `${b.threshold ? `满 ${money(b.threshold)} ` : '无门槛 '}减 ${money(b.value)}` : `${b.value / 10} 折${b.cap ? `，最多减 ${money(b.cap)}` : ''}`)
const validityText = (b: CouponBatch) => ('days' in b.validity ? `领取后 ${b.validity.days} 天` : `${dateTime(b.validity.from)} ~ ${dateTime(b.validity.to)}`)

/** Server fields → this form's names (money and times are asked differently here). */
function formField(f: string): (string | number)[] | null {
  if (f === 'claimStartsAt' || f === 'claimEndsAt') return ['claim']
  if (f.startsWith('validity')) return ['days']
  return [f]
}

export default function Coupons() {
  const { message } = App.useApp()
  const act = useAction()
  const { allowed } = useAuth()
  const [creating, setCreating] = useState(false)
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm<Values>()
  const type = Form.useWatch('type', form) ?? 'amount'
  const validityKind = Form.useWatch('validityKind', form) ?? 'days'
  const { list, setPage, pagination } = usePagedList((paging) => listCouponBatches(paging), [])

  const end = (b: CouponBatch) => act(() => endCouponBatch(b.id), `「${b.title}」已停止发放`, list.reload)

  const submit = async () => {
    const v = await validated(form)
    if (!v) return
    const body: CouponBatchInput = {
      title: v.title.trim(),
      type: v.type,
      value: v.type === 'amount' ? toFen(v.value)! : v.percent!,
      cap: v.type === 'percent' ? toFen(v.cap) : null,
      threshold: toFen(v.threshold) ?? 0,
      scope: { type: 'all' },
      claimStartsAt: v.claim[0].format(),
      claimEndsAt: v.claim[1].format(),
      validity: v.validityKind === 'days' ? { days: v.days! } : { from: v.range![0].format(), to: v.range![1].format() },
      total: v.total,
      perUserLimit: v.perUserLimit,
    }
    setBusy(true)
    try {
      await createCouponBatch(body)
      void message.success('优惠券已创建')
      setCreating(false)
      form.resetFields()
      setPage(1)
      list.reload()
    } catch (err) {
      showError(message, err, form, formField)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div>
      <PageTitle
        title="优惠券"
        extra={
          allowed('marketing:write') && (
            <Button type="primary" onClick={() => setCreating(true)}>
              新建优惠券
            </Button>
          )
        }
      />
      <Table<CouponBatch>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1200 }}
        pagination={pagination}
        columns={[
          { title: '名称', dataIndex: 'title', width: 200 },
          { title: '面额', key: 'face', width: 200, render: (_, b) => faceValue(b) },
          { title: '领取时间', key: 'claim', width: 230, render: (_, b) => `${dateTime(b.claimStartsAt)} ~ ${dateTime(b.claimEndsAt)}` },
          { title: '有效期', key: 'validity', width: 160, render: (_, b) => validityText(b) },
          { title: '发放 / 总量', key: 'issued', width: 110, render: (_, b) => `${b.claimed ?? b.issued} / ${b.total}` },
          { title: '已使用', dataIndex: 'used', width: 80, align: 'right', render: (u?: number) => u ?? '—' },
          {
            title: '状态',
            key: 'state',
            width: 90,
            render: (_, b) =>
              b.endedAt ? <Tag>已停发</Tag> : dayjs(b.claimEndsAt).isBefore(dayjs()) ? <Tag>已过领取期</Tag> : dayjs(b.claimStartsAt).isAfter(dayjs()) ? <Tag color="blue">未开始</Tag> : <Tag color="green">发放中</Tag>,
          },
          {
            title: '操作',
            key: 'op',
            width: 90,
            fixed: 'right',
            render: (_, b) =>
              allowed('marketing:write') && !b.endedAt && dayjs(b.claimEndsAt).isAfter(dayjs()) ? (
                <ConfirmLink title={`停止发放「${b.title}」？`} description="已领取的券在有效期内仍可使用" okText="停止发放" onConfirm={() => end(b)}>
                  停发
                </ConfirmLink>
              ) : null,
          },
        ]}
      />
      <Modal title="新建优惠券" open={creating} onCancel={() => setCreating(false)} onOk={submit} okText="创建" confirmLoading={busy} width={600} destroyOnHidden>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ type: 'amount', validityKind: 'days', days: 7, total: 100, perUserLimit: 1, claim: [dayjs().startOf('minute'), dayjs().add(30, 'day').endOf('day')] }}
        >
          <Form.Item name="title" label="券名称" rules={[{ required: true, whitespace: true, message: '请输入券名称' }, { max: 20, message: '最多 20 个字' }]}>
            <Input maxLength={20} placeholder="如：新人满 99 减 10" />
          </Form.Item>
          <Form.Item name="type" label="类型">
            <Radio.Group
              options={[
                { value: 'amount', label: '满减券' },
                { value: 'percent', label: '折扣券' },
              ]}
            />
          </Form.Item>
          {type === 'amount' ? (
            <Form.Item name="value" label="减免金额（元）" rules={[yuanRule('减免金额')]}>
              <Input prefix="¥" />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="percent" label="折扣（付原价的百分比，90 = 9 折）" rules={[{ required: true, message: '请输入折扣' }]}>
                <InputNumber min={1} max={99} precision={0} addonAfter="%" />
              </Form.Item>
              <Form.Item name="cap" label="最多减（元，选填）" rules={[yuanRule('封顶金额', false)]}>
                <Input prefix="¥" />
              </Form.Item>
            </>
          )}
          <Form.Item name="threshold" label="使用门槛（元，不填为无门槛）" rules={[yuanRule('使用门槛', false)]}>
            <Input prefix="满 ¥" />
          </Form.Item>
          <Form.Item name="claim" label="领取时间" rules={[{ required: true, message: '请选择领取时间' }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="validityKind" label="有效期">
            <Radio.Group
              options={[
                { value: 'days', label: '领取后 N 天' },
                { value: 'range', label: '固定时间段' },
              ]}
            />
          </Form.Item>
          {validityKind === 'days' ? (
            <Form.Item name="days" rules={[{ required: true, message: '请输入天数' }]}>
              <InputNumber min={1} max={365} precision={0} addonAfter="天" />
            </Form.Item>
          ) : (
            <Form.Item name="range" rules={[{ required: true, message: '请选择有效期' }]}>
              <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
            </Form.Item>
          )}
          <Form.Item name="total" label="发行总量" rules={[{ required: true, message: '请输入发行总量' }]}>
            <InputNumber min={1} precision={0} addonAfter="张" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="perUserLimit" label="每人限领" rules={[{ required: true, message: '请输入每人限领' }]}>
            <InputNumber min={1} max={100} precision={0} addonAfter="张" style={{ width: 200 }} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
