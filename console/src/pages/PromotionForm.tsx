import { useEffect, useState } from 'react'
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { Dayjs } from 'dayjs'
import type { Level } from '@domain/levels'
import type { PromotionKind } from '@domain/promotions/types'
import { createPromotion, getLevels, PROMOTION_KIND_LABEL } from '../api/marketing'
import { showError, validated } from '../lib/errors'
import { toFen, yuanRule } from '../lib/money-input'

interface Values {
  kind: PromotionKind
  name: string
  time: [Dayjs, Dayjs]
  basis: 'amount' | 'quantity'
  tiers: { threshold: string; off?: string; percent?: number }[]
  count?: number
  price?: string
  percent?: number
  items: { skuId: number; price: string; stock: number }[]
  perUserLimit?: number
  /** member_price: 'paid' = the paid membership's price; a number = a level tier from that rank (金卡会员价). */
  audience?: 'paid' | number
}

/** Creates a promotion (POST /api/admin/promotions), shop-wide unless it names SKUs. */
export function PromotionForm({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const kind = Form.useWatch('kind', form) ?? 'full_reduction'
  const basis = Form.useWatch('basis', form) ?? 'amount'
  const [levels, setLevels] = useState<Level[]>([])
  useEffect(() => {
    // The ladder names the tiers a member price may start from; without it only the paid membership is offered.
    if (open) getLevels().then((l) => setLevels(l.levels), () => setLevels([]))
  }, [open])

  const threshold = (t: string) => (basis === 'amount' ? toFen(t)! : Number(t))
  const submit = async () => {
    const v = await validated(form)
    if (!v) return
    const common = { kind: v.kind, name: v.name.trim(), startsAt: v.time[0].format(), endsAt: v.time[1].format() }
    let body: Record<string, unknown>
    switch (v.kind) {
      case 'full_reduction':
        body = { ...common, scope: { type: 'all' }, basis: v.basis, tiers: v.tiers.map((t) => ({ threshold: threshold(t.threshold), off: toFen(t.off)! })) }
        break
      case 'full_discount':
        body = { ...common, scope: { type: 'all' }, basis: v.basis, tiers: v.tiers.map((t) => ({ threshold: threshold(t.threshold), percent: t.percent })) }
        break
      case 'n_for_n':
        body = { ...common, scope: { type: 'all' }, count: v.count, price: toFen(v.price)! }
        break
      case 'member_price':
        body = { ...common, scope: { type: 'all' }, percent: v.percent, minLevel: v.audience === undefined || v.audience === 'paid' ? null : v.audience }
        break
      default:
        body = { ...common, items: v.items.map((i) => ({ skuId: i.skuId, price: toFen(i.price)!, stock: i.stock })), perUserLimit: v.perUserLimit ?? null }
    }
    setBusy(true)
    try {
      await createPromotion(body)
      void message.success('活动已创建')
      form.resetFields()
      onDone()
    } catch (err) {
      showError(message, err, form, (f) => (f === 'startsAt' || f === 'endsAt' ? ['time'] : f.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal title="新建活动" open={open} onCancel={onClose} onOk={submit} okText="创建" confirmLoading={busy} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ kind: 'full_reduction', basis: 'amount', tiers: [{ threshold: '', off: '' }], items: [{}] }}>
        <Form.Item name="kind" label="活动类型">
          <Select options={Object.entries(PROMOTION_KIND_LABEL).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="name" label="活动名称" rules={[{ required: true, whitespace: true, message: '请输入活动名称' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="time" label="活动时间" rules={[{ required: true, message: '请选择活动时间' }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        {(kind === 'full_reduction' || kind === 'full_discount') && (
          <>
            <Form.Item name="basis" label="门槛按">
              <Select
                options={[
                  { value: 'amount', label: '金额（元）' },
                  { value: 'quantity', label: '件数' },
                ]}
              />
            </Form.Item>
            <Form.List name="tiers">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap>
                      <Form.Item name={[f.name, 'threshold']} rules={[basis === 'amount' ? yuanRule('门槛') : { required: true, message: '请输入件数' }]}>
                        <Input addonBefore="满" addonAfter={basis === 'amount' ? '元' : '件'} style={{ width: 180 }} />
                      </Form.Item>
                      {kind === 'full_reduction' ? (
                        <Form.Item name={[f.name, 'off']} rules={[yuanRule('减免金额')]}>
                          <Input addonBefore="减" addonAfter="元" style={{ width: 160 }} />
                        </Form.Item>
                      ) : (
                        <Form.Item name={[f.name, 'percent']} rules={[{ required: true, message: '请输入折扣' }]}>
                          <InputNumber addonBefore="付" addonAfter="%" min={1} max={99} precision={0} style={{ width: 160 }} />
                        </Form.Item>
                      )}
                      {fields.length > 1 && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除档位" />}
                    </Space>
                  ))}
                  {fields.length < 10 && (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                      添加档位
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          </>
        )}
        {kind === 'n_for_n' && (
          <Space wrap>
            <Form.Item name="count" label="件数" rules={[{ required: true, message: '请输入件数' }]}>
              <InputNumber min={2} max={99} precision={0} addonAfter="件" />
            </Form.Item>
            <Form.Item name="price" label="组合价（元）" rules={[yuanRule('组合价')]}>
              <Input prefix="¥" />
            </Form.Item>
          </Space>
        )}
        {kind === 'member_price' && (
          <>
            <Form.Item name="percent" label="会员折扣（付原价的百分比，90 = 9 折）" rules={[{ required: true, message: '请输入折扣' }]}>
              <InputNumber min={1} max={99} precision={0} addonAfter="%" />
            </Form.Item>
            <Form.Item name="audience" label="适用会员" initialValue="paid" extra="选择等级时，该等级及以上的会员都享受此价格（无需付费会员）">
              <Select
                options={[{ value: 'paid', label: '付费会员' }, ...levels.filter((l) => l.rank > 0).map((l) => ({ value: l.rank, label: `${l.name}及以上` }))]}
                style={{ width: 200 }}
              />
            </Form.Item>
          </>
        )}
        {kind === 'limited_time' && (
          <>
            <Form.List name="items">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap>
                      <Form.Item name={[f.name, 'skuId']} rules={[{ required: true, message: '请输入规格 ID' }]}>
                        <InputNumber placeholder="规格 ID" min={1} precision={0} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'price']} rules={[yuanRule('限时价')]}>
                        <Input prefix="¥" placeholder="限时价" style={{ width: 120 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'stock']} rules={[{ required: true, message: '请输入活动库存' }]}>
                        <InputNumber placeholder="活动库存" min={1} precision={0} />
                      </Form.Item>
                      {fields.length > 1 && <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除" />}
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }}>
                    添加商品规格
                  </Button>
                </>
              )}
            </Form.List>
            <Form.Item name="perUserLimit" label="每人限购（选填）">
              <InputNumber min={1} max={999} precision={0} addonAfter="件" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  )
}
