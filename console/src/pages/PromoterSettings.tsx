import { useState } from 'react'
import { App, Card, Col, Form, Input, InputNumber, Radio, Row, Switch } from 'antd'
import { PROMOTER_APPLY_MODES } from '@domain/promoters'
import { getPromoterSettings, savePromoterSettings } from '../api/promoters'
import { useAuth } from '../auth'
import { SettingsHeader, settingsGate } from '../components/SettingsGate'
import { markField, showError } from '../lib/errors'
import { orMissing } from '../lib/feature-missing'
import { APPLY_MODE_LABEL, formToSettings, MAX_RATE_PERCENT, settingsFormField, settingsToForm, type PromoterSettingsForm } from '../lib/promoters'
import { useLoad } from '../lib/use-load'

/**
 * 推广设置: the shop's promoter programme. Rates are typed in per cent and sent in basis points,
 * amounts in yuan and sent in fen; the same check as the server's runs first, and a field the
 * server still refuses is marked where it is.
 */
export default function PromoterSettings() {
  const { message } = App.useApp()
  const { allowed } = useAuth()
  const canWrite = allowed('promoters:write')
  const [form] = Form.useForm<PromoterSettingsForm>()
  const [saving, setSaving] = useState(false)
  const loaded = useLoad(
    () => orMissing(getPromoterSettings(), null),
    [],
    (s) => s && form.setFieldsValue(settingsToForm(s)),
  )

  const save = async () => {
    let v: PromoterSettingsForm
    try {
      v = await form.validateFields()
    } catch {
      return
    }
    const checked = formToSettings(v)
    if (!checked.ok) {
      markField(form, checked.field, checked.message)
      return
    }
    setSaving(true)
    try {
      form.setFieldsValue(settingsToForm(await savePromoterSettings(checked.settings)))
      void message.success('推广设置已保存')
    } catch (err) {
      showError(message, err, form, (f) => {
        const name = settingsFormField(f)
        return name ? [name] : null
      })
    } finally {
      setSaving(false)
    }
  }

  const gate = settingsGate(loaded, '推广设置')
  if (gate) return gate

  const yuanInput = <Input prefix="¥" suffix="元" inputMode="decimal" style={{ width: 200 }} />
  return (
    <div>
      <SettingsHeader title="推广设置" canWrite={canWrite} saving={saving} onSave={save} />
      <Form<PromoterSettingsForm> form={form} layout="vertical" disabled={!canWrite}>
        <Card size="small" title="推广员" style={{ marginBottom: 16 }}>
          <Form.Item name="enabled" label="开启推广员" valuePropName="checked" extra="关闭后用户无法申请，推广链接不再锁客，已产生的佣金照常结算">
            <Switch />
          </Form.Item>
          <Form.Item name="applyMode" label="成为推广员的方式">
            <Radio.Group options={PROMOTER_APPLY_MODES.map((m) => ({ value: m, label: APPLY_MODE_LABEL[m] }))} />
          </Form.Item>
          <Form.Item name="lockDays" label="锁客天数" extra="用户通过推广员进入后，在这段时间内下单都算这位推广员的（首次进入为准）" rules={[{ required: true, message: '请输入锁客天数' }]}>
            <InputNumber min={1} max={365} precision={0} suffix="天" style={{ width: 200 }} />
          </Form.Item>
        </Card>
        <Card size="small" title="佣金" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="level1Percent" label="一级佣金（推广员本人）" extra="按每件商品的实付金额计算；商品可单独设置" rules={[{ required: true, message: '请输入一级佣金比例' }]}>
                <InputNumber min={0} max={MAX_RATE_PERCENT} precision={2} suffix="%" style={{ width: 200 }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="level2Percent" label="二级佣金（邀请该推广员的人）" extra={`两级合计不超过 ${MAX_RATE_PERCENT}%`} rules={[{ required: true, message: '请输入二级佣金比例' }]}>
                <InputNumber min={0} max={MAX_RATE_PERCENT} precision={2} suffix="%" style={{ width: 200 }} />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title="提现">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="minWithdrawal" label="最低提现金额" extra="微信、支付宝单笔转账最低 0.10 元" rules={[{ required: true, whitespace: true, message: '请输入最低提现金额' }]}>
                {yuanInput}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="dailyWithdrawalLimit" label="每人每日提现上限" rules={[{ required: true, whitespace: true, message: '请输入每日提现上限' }]}>
                {yuanInput}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="reviewAbove" label="超过多少需审核" extra="单笔高于此金额的提现需在「提现审核」中通过后才打款" rules={[{ required: true, whitespace: true, message: '请输入需审核的金额' }]}>
                {yuanInput}
              </Form.Item>
            </Col>
          </Row>
        </Card>
      </Form>
    </div>
  )
}
