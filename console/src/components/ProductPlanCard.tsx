import { useState } from 'react'
import { App, Button, Checkbox, Collapse, Form, InputNumber, Space, Spin, Switch } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { PLAN_INTERVAL_LABEL, PLAN_INTERVALS } from '@domain/plans'
import { getProductPlan, saveProductPlan } from '../api/plans'
import { ApiError } from '../api/client'
import { useAuth } from '../auth'
import { clearFieldErrors, markField, showError } from '../lib/errors'
import { orMissing } from '../lib/feature-missing'
import { emptyOfferForm, formToOffer, offerToForm, optionText, PLAN_LIMITS as L, type PlanOfferForm } from '../lib/plans'
import { useLoad } from '../lib/use-load'
import { FeatureMissing } from './FeatureMissing'

/**
 * 周期购 on the product page: whether the product is also sold as a plan, which intervals, the
 * plan lengths with their discount, and the skip cut-off. Saved on its own endpoint; folded
 * until opened, like the commission card.
 */
export function ProductPlanCard({ productId }: { productId: number | null }) {
  const { allowed } = useAuth()
  if (!allowed('plans:read')) return null
  return (
    <Collapse
      style={{ marginTop: 16, background: '#fff' }}
      items={[
        {
          key: 'plan',
          label: '周期购',
          children: productId === null ? <div style={{ color: '#888' }}>创建商品后可设置周期购</div> : <OfferForm productId={productId} />,
        },
      ]}
    />
  )
}

/** A product never offered as a plan answers 404 PLAN_NOT_OFFERED: the form starts blank (off). */
async function offerOrBlank(productId: number) {
  try {
    return offerToForm(await getProductPlan(productId))
  } catch (err) {
    if (err instanceof ApiError && err.code === 'PLAN_NOT_OFFERED') return emptyOfferForm()
    throw err
  }
}

function OfferForm({ productId }: { productId: number }) {
  const { message } = App.useApp()
  const canWrite = useAuth().allowed('plans:write')
  const [form] = Form.useForm<PlanOfferForm>()
  const [saving, setSaving] = useState(false)
  const loaded = useLoad(
    () => orMissing(offerOrBlank(productId), null),
    [productId],
    (f) => f && form.setFieldsValue(f),
  )
  const enabled = Form.useWatch('enabled', form)
  const options = Form.useWatch('options', form)

  if (loaded.loading && loaded.data === undefined) return <Spin />
  if (loaded.data === null) return <FeatureMissing what="周期购" />

  const save = async () => {
    clearFieldErrors(form)
    const checked = formToOffer(productId, form.getFieldsValue(true) as PlanOfferForm)
    if (!checked.ok) {
      markField(form, checked.field, checked.message)
      return
    }
    setSaving(true)
    try {
      form.setFieldsValue(offerToForm(await saveProductPlan(productId, checked.value)))
      void message.success('周期购设置已保存')
    } catch (err) {
      showError(message, err, form)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Form<PlanOfferForm> form={form} layout="vertical" disabled={!canWrite}>
      <Form.Item name="enabled" label="以周期购销售" valuePropName="checked" extra="开启后，商品页出现「周期购」入口：一次付清全部期数，按周期分次配送">
        <Switch checkedChildren="开启" unCheckedChildren="关闭" />
      </Form.Item>
      <div style={enabled ? undefined : { opacity: 0.6 }}>
        <Form.Item name="intervals" label="配送周期">
          <Checkbox.Group options={PLAN_INTERVALS.map((i) => ({ value: i, label: PLAN_INTERVAL_LABEL[i] }))} />
        </Form.Item>
        <Form.Item label="期数与优惠" extra="优惠按整单计算；中途取消时，按已送期数收回相应的优惠后退还未配送部分">
          <Form.List name="options">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'deliveries']}>
                      <InputNumber aria-label="期数" min={L.deliveries[0]} max={L.deliveries[1]} precision={0} suffix="期" style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'percentOff']}>
                      <InputNumber aria-label="优惠" prefix="减" min={L.percentOff[0]} max={L.percentOff[1]} precision={0} suffix="%" style={{ width: 130 }} />
                    </Form.Item>
                    <span style={{ lineHeight: '32px', color: '#888' }}>{options?.[i]?.deliveries ? optionText({ deliveries: options[i].deliveries!, percentOff: options[i].percentOff ?? 0 }) : ''}</span>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除期数" />
                  </Space>
                ))}
                {fields.length < L.options && (
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ percentOff: 0 })}>
                    添加期数
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="cutoffHours" label="跳过 / 改期截止" extra="配送日 0 点前多少小时之后，顾客不能再跳过或修改这一期">
          <InputNumber aria-label="截止小时" min={L.cutoffHours[0]} max={L.cutoffHours[1]} precision={0} suffix="小时" style={{ width: 160 }} />
        </Form.Item>
      </div>
      {canWrite && (
        <Button onClick={save} loading={saving}>
          保存周期购设置
        </Button>
      )}
    </Form>
  )
}
