import { useEffect, useState } from 'react'
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Space, Switch, Table, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { GROUP_SIZE_MAX, GROUP_SIZE_MIN } from '@domain/groups'
import { createGroupDeal } from '../api/groups'
import { showError, validated } from '../lib/errors'
import { money } from '../lib/format'
import { DEAL_HOURS_MAX, dealFormField, emptyDealForm, formToDealInput, type DealForm, type DealSkuRow } from '../lib/group-deals'
import { ProductPicker, skuLabel, useProduct } from './ProductPicker'

type Values = Omit<DealForm, 'startsAt' | 'endsAt'> & { time?: [Dayjs, Dayjs] }

/** 新建拼团 (POST /api/admin/group-deals): a product, each ticked SKU's group price and stock, the group's size and time limit. */
export function GroupDealForm({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const productId = Form.useWatch('productId', form)
  const product = useProduct(productId)
  // preserve: the rows' skuId, label and regular price are in the store but have no input.
  const rows: DealSkuRow[] = Form.useWatch('skus', { form, preserve: true }) ?? []

  // A new product lists its SKUs afresh, every one ticked, prices to type.
  useEffect(() => {
    const skus: DealSkuRow[] = (product?.skus ?? []).map((s) => ({ skuId: s.id, label: skuLabel(s), regularPrice: s.price, enabled: true, price: '', stock: null }))
    form.setFieldValue('skus', skus)
  }, [product, form])

  const submit = async () => {
    const v = await validated(form)
    if (!v) return
    const values: DealForm = { ...v, skus: form.getFieldValue('skus') ?? [], startsAt: v.time?.[0]?.toISOString(), endsAt: v.time?.[1]?.toISOString() }
    const checked = formToDealInput(values)
    if (!checked.ok) {
      form.setFields([{ name: checked.field as never, errors: [checked.message] }])
      if (checked.field[0] === 'skus' && checked.field.length === 1) void message.error(checked.message)
      return
    }
    setBusy(true)
    try {
      await createGroupDeal(checked.input)
      void message.success('拼团已创建')
      form.resetFields()
      onDone()
    } catch (err) {
      showError(message, err, form, (f) => dealFormField(f, values))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal title="新建拼团" open={open} onCancel={onClose} onOk={submit} okText="创建" confirmLoading={busy} width={760} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={emptyDealForm()}>
        <Form.Item name="name" label="拼团名称" rules={[{ required: true, whitespace: true, message: '请输入拼团名称' }]}>
          <Input maxLength={30} placeholder="如：双人拼团 · 咖啡豆" />
        </Form.Item>
        <Form.Item name="productId" label="商品" rules={[{ required: true, message: '请选择商品' }]}>
          <ProductPicker />
        </Form.Item>
        <Form.Item label="参团规格（拼团库存独立于商品库存，成交时两者同时扣减）" hidden={!productId}>
          <Table<DealSkuRow>
            size="small"
            rowKey="skuId"
            pagination={false}
            dataSource={rows}
            columns={[
              {
                title: '参加',
                key: 'enabled',
                width: 60,
                render: (_, r, i) => (
                  <Form.Item name={['skus', i, 'enabled']} valuePropName="checked" noStyle>
                    <Checkbox aria-label={`参加：${r.label}`} />
                  </Form.Item>
                ),
              },
              { title: '规格', dataIndex: 'label' },
              { title: '原价', dataIndex: 'regularPrice', width: 100, render: money },
              {
                title: '拼团价（元）',
                key: 'price',
                width: 150,
                render: (_, r, i) => (
                  <Form.Item name={['skus', i, 'price']} style={{ margin: 0 }}>
                    <Input prefix="¥" disabled={!r.enabled} aria-label={`拼团价：${r.label}`} />
                  </Form.Item>
                ),
              },
              {
                title: '拼团库存',
                key: 'stock',
                width: 130,
                render: (_, r, i) => (
                  <Form.Item name={['skus', i, 'stock']} style={{ margin: 0 }}>
                    <InputNumber min={1} precision={0} disabled={!r.enabled} aria-label={`拼团库存：${r.label}`} style={{ width: '100%' }} />
                  </Form.Item>
                ),
              },
            ]}
          />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="size" label="成团人数" rules={[{ required: true, message: '请输入成团人数' }]}>
            <InputNumber min={GROUP_SIZE_MIN} max={GROUP_SIZE_MAX} precision={0} suffix="人" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="hours" label="成团时限" rules={[{ required: true, message: '请输入成团时限' }]}>
            <InputNumber min={1} max={DEAL_HOURS_MAX} precision={0} suffix="小时" style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="perUserLimit" label="每人限购（不填不限）">
            <InputNumber min={1} max={999} precision={0} suffix="件" style={{ width: 130 }} />
          </Form.Item>
        </Space>
        <Form.Item name="time" label="活动时间" rules={[{ required: true, message: '请选择活动时间' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="robotFill" label="模拟成团" valuePropName="checked" extra="开启后，到时未满员但至少 1 人已付款的团自动补齐成团；关闭则到时未满员的团全部自动退款">
          <Switch />
        </Form.Item>
        <Typography.Text type="secondary">团长付款后，团才对其他人开放；到时未成团的团，已付款的成员原路退款，库存自动返还。</Typography.Text>
      </Form>
    </Modal>
  )
}
