import { useState } from 'react'
import { Alert, App, Button, Card, Col, ColorPicker, Descriptions, Form, Input, Row, Space } from 'antd'
import { getMemberCard, publishCardTemplate, saveMemberCard, type MemberCardSettings } from '../api/levels'
import { useAuth } from '../auth'
import { PageTitle } from '../components/PageTitle'
import { settingsGate } from '../components/SettingsGate'
import { showError } from '../lib/errors'
import { orMissing } from '../lib/feature-missing'
import { cardTextColor, isCardColor } from '../lib/levels'
import { useLoad } from '../lib/use-load'

/**
 * 会员卡: the card in the shopper's Alipay card pack (and WeChat's card holder where the account
 * has cards): its title and colour, the template made on Alipay (alipay.marketing.card.template
 * .create, then .modify), the WeChat card id, and a preview of how it looks.
 */
export default function MemberCard() {
  const { message } = App.useApp()
  const canWrite = useAuth().allowed('levels:write')
  const [form] = Form.useForm<MemberCardSettings>()
  const [saving, setSaving] = useState(false)
  const [publishing, setPublishing] = useState(false)
  // Alipay's answer, not a field the merchant types: kept beside the form.
  const [templateId, setTemplateId] = useState<string | null>(null)
  const show = (s: MemberCardSettings) => {
    form.setFieldsValue(s)
    setTemplateId(s.alipayTemplateId)
  }
  const loaded = useLoad(
    () => orMissing(getMemberCard(), null),
    [],
    (s) => s && show(s),
  )
  const title = Form.useWatch('title', form) ?? ''
  const color = Form.useWatch('color', form) ?? '#1f1f1f'

  const save = async () => {
    const v = form.getFieldsValue(true) as MemberCardSettings
    if (!v.title?.trim()) return form.setFields([{ name: 'title', errors: ['请输入会员卡名称'] }])
    if (!isCardColor(v.color)) return form.setFields([{ name: 'color', errors: ['颜色须为 #rrggbb'] }])
    setSaving(true)
    try {
      show(await saveMemberCard({ ...v, title: v.title.trim(), wechatCardId: v.wechatCardId?.trim() || null }))
      void message.success('会员卡设置已保存')
    } catch (err) {
      showError(message, err, form)
    } finally {
      setSaving(false)
    }
  }

  const publish = async () => {
    setPublishing(true)
    try {
      const s = await publishCardTemplate()
      show(s)
      void message.success(`支付宝会员卡模板已${templateId ? '更新' : '创建'}`)
    } catch (err) {
      showError(message, err)
    } finally {
      setPublishing(false)
    }
  }

  const gate = settingsGate(loaded, '会员卡')
  if (gate) return gate

  return (
    <div>
      <PageTitle title="会员卡" />
      {!canWrite && <Alert type="info" showIcon title="你的角色只能查看会员卡设置" style={{ marginBottom: 16 }} />}
      <Row gutter={24}>
        <Col xs={24} lg={14}>
          <Card size="small" title="卡面设置" style={{ marginBottom: 16 }}>
            <Form<MemberCardSettings> form={form} layout="vertical" disabled={!canWrite}>
              <Form.Item name="title" label="会员卡名称" extra="显示在卡面和支付宝卡包中">
                <Input maxLength={16} placeholder="如 Duet 会员卡" />
              </Form.Item>
              <Form.Item name="color" label="卡面颜色" getValueFromEvent={(c: { toHexString: () => string }) => c.toHexString()}>
                <ColorPicker disabledAlpha showText format="hex" presets={[{ label: '推荐', colors: ['#1f1f1f', '#8c6d3f', '#c41d7f', '#1677ff', '#389e0d'] }]} />
              </Form.Item>
              <Form.Item name="wechatCardId" label="微信会员卡 card_id（选填）" extra="在微信公众平台「卡券功能」创建会员卡后填写；没有开通卡券的小程序留空，会员身份仅在小程序内展示">
                <Input maxLength={40} placeholder="pFS7Fjg8kV1IdDz01r4SQwMkuCKc" />
              </Form.Item>
              {canWrite && (
                <Button type="primary" loading={saving} onClick={save}>
                  保存
                </Button>
              )}
            </Form>
          </Card>
          <Card size="small" title="支付宝会员卡模板">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label="模板 ID（template_id）">{templateId ? <code>{templateId}</code> : <span style={{ color: '#888' }}>尚未创建</span>}</Descriptions.Item>
            </Descriptions>
            <p style={{ color: '#888' }}>先保存卡面设置，再{templateId ? '更新' : '创建'}模板（alipay.marketing.card.template.{templateId ? 'modify' : 'create'}）；卡面改动后需要再次更新模板，已领卡的顾客也会看到新卡面。</p>
            {canWrite && (
              <Button loading={publishing} onClick={publish}>
                {templateId ? '更新支付宝会员卡模板' : '创建支付宝会员卡模板'}
              </Button>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="预览">
            <CardPreview title={title} color={isCardColor(color) ? color : '#1f1f1f'} />
          </Card>
        </Col>
      </Row>
    </div>
  )
}

/** The card as the card pack shows it: title, level, points and the card number. */
function CardPreview({ title, color }: { title: string; color: string }) {
  const ink = cardTextColor(color)
  return (
    <div aria-label="会员卡预览" style={{ background: color, color: ink, borderRadius: 12, padding: 20, height: 190, display: 'flex', flexDirection: 'column', justifyContent: 'space-between', boxShadow: '0 6px 16px rgba(0,0,0,.18)' }}>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <b style={{ fontSize: 18 }}>{title || '会员卡'}</b>
        <span style={{ opacity: 0.8 }}>金卡会员</span>
      </Space>
      <div>
        <div style={{ opacity: 0.8, fontSize: 12 }}>积分</div>
        <div style={{ fontSize: 24, fontWeight: 600 }}>1,280</div>
      </div>
      <div style={{ letterSpacing: 2, opacity: 0.9, fontFamily: 'monospace' }}>NO. 8800 0000 0001</div>
    </div>
  )
}
