import { useState } from 'react'
import { App, Button, Collapse, Form, InputNumber, Radio, Space, Spin } from 'antd'
import type { PromoterSettings } from '@domain/promoters'
import { getProductCommissionRates, getPromoterSettings, saveProductCommissionRates } from '../api/promoters'
import { useAuth } from '../auth'
import { showError } from '../lib/errors'
import { orMissing } from '../lib/feature-missing'
import { formToRates, MAX_RATE_PERCENT, percentText, ratesToForm, type ProductRatesForm } from '../lib/promoters'
import { useLoad } from '../lib/use-load'
import { FeatureMissing } from './FeatureMissing'

/**
 * 佣金 on the product page: per level, the shop's rate or this product's own. Saved on its own
 * (its own endpoint, /commission-rates), and folded until opened: most products use the shop's
 * rates, and the page shouldn't ask for them on every visit.
 */
export function ProductCommissionCard({ productId }: { productId: number | null }) {
  const { allowed } = useAuth()
  if (!allowed('promoters:read')) return null
  return (
    <Collapse
      style={{ marginTop: 16, background: '#fff' }}
      items={[
        {
          key: 'commission',
          label: '佣金（推广员）',
          // Rendered (and loaded) when first opened.
          children: productId === null ? <div style={{ color: '#888' }}>创建商品后可设置本商品的佣金比例</div> : <RatesForm productId={productId} />,
        },
      ]}
    />
  )
}

function RatesForm({ productId }: { productId: number }) {
  const { message } = App.useApp()
  const { allowed } = useAuth()
  const canWrite = allowed('catalog:write') && allowed('promoters:write')
  const [form] = Form.useForm<ProductRatesForm>()
  const [saving, setSaving] = useState(false)
  const rates = useLoad(
    () => orMissing(getProductCommissionRates(productId), null),
    [productId],
    (r) => r && form.setFieldsValue(ratesToForm(r)),
  )
  const shop = useLoad<PromoterSettings | null>(() => orMissing(getPromoterSettings(), null), [])
  const level1Own = Form.useWatch('level1Own', form)
  const level2Own = Form.useWatch('level2Own', form)

  if (rates.loading && rates.data === undefined) return <Spin />
  if (rates.data === null) return <FeatureMissing what="商品佣金" />

  const save = async () => {
    const checked = formToRates(form.getFieldsValue(true) as ProductRatesForm)
    if (!checked.ok) {
      form.setFields([{ name: checked.field, errors: [checked.message] }])
      return
    }
    setSaving(true)
    try {
      form.setFieldsValue(ratesToForm(await saveProductCommissionRates(productId, checked.rates)))
      void message.success('佣金设置已保存')
    } catch (err) {
      showError(message, err, form, (f) => (f === 'level1RateBp' ? ['level1Percent'] : f === 'level2RateBp' ? ['level2Percent'] : null))
    } finally {
      setSaving(false)
    }
  }

  const shopRate = (level: 1 | 2) => {
    const bp = level === 1 ? shop.data?.level1RateBp : shop.data?.level2RateBp
    return bp === undefined ? '使用店铺比例' : `使用店铺比例（${percentText(bp)}）`
  }
  const level = (n: 1 | 2, own: boolean | undefined) => (
    <Form.Item label={n === 1 ? '一级佣金（推广员本人）' : '二级佣金（邀请该推广员的人）'} required={false} style={{ marginBottom: 12 }}>
      <Space wrap>
        <Form.Item name={`level${n}Own`} noStyle>
          <Radio.Group
            options={[
              { value: false, label: shopRate(n) },
              { value: true, label: '单独设置' },
            ]}
          />
        </Form.Item>
        {own && (
          <Form.Item name={`level${n}Percent`} noStyle>
            <InputNumber min={0} max={MAX_RATE_PERCENT} precision={2} suffix="%" style={{ width: 140 }} aria-label={`${n === 1 ? '一级' : '二级'}佣金比例`} />
          </Form.Item>
        )}
      </Space>
    </Form.Item>
  )

  return (
    <Form<ProductRatesForm> form={form} layout="vertical" disabled={!canWrite}>
      {level(1, level1Own)}
      {level(2, level2Own)}
      <div style={{ color: '#888', marginBottom: 12 }}>按每件商品的实付金额（扣除优惠后）计算；两级合计不超过 {MAX_RATE_PERCENT}%。</div>
      {canWrite && (
        <Button onClick={save} loading={saving}>
          保存佣金设置
        </Button>
      )}
    </Form>
  )
}
