import { useState } from 'react'
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Space } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { PointsSettings as Settings } from '@domain/points'
import { getPointsSettings, savePointsSettings } from '../api/points'
import { useAuth } from '../auth'
import { SettingsHeader, settingsGate } from '../components/SettingsGate'
import { markField, showError } from '../lib/errors'
import { orMissing } from '../lib/feature-missing'
import { checkPointsSettings, expiryText, POINTS_LIMITS as L, redeemRuleText } from '../lib/points'
import { useLoad } from '../lib/use-load'

/**
 * 积分设置: how shoppers earn points (orders, check-in with streak bonuses, reviews, referrals),
 * how they spend them at checkout, and when they expire. The inputs are named by PointsSettings'
 * own paths, so the server's 400 lands on its field; the same bounds are checked first.
 */
export default function PointsSettings() {
  const { message } = App.useApp()
  const { allowed } = useAuth()
  const canWrite = allowed('marketing:write')
  const [form] = Form.useForm<Settings>()
  const [saving, setSaving] = useState(false)
  const loaded = useLoad(
    () => orMissing(getPointsSettings(), null),
    [],
    (s) => s && form.setFieldsValue(s),
  )
  const redeem = Form.useWatch('redeem', form)
  const yearsAfter = Form.useWatch(['expiry', 'yearsAfter'], form)

  const save = async () => {
    const checked = checkPointsSettings(form.getFieldsValue(true) as Settings)
    if (!checked.ok) {
      markField(form, checked.field, checked.message)
      return
    }
    setSaving(true)
    try {
      form.setFieldsValue(await savePointsSettings(checked.value))
      void message.success('积分设置已保存')
    } catch (err) {
      showError(message, err, form)
    } finally {
      setSaving(false)
    }
  }

  const gate = settingsGate(loaded, '积分设置')
  if (gate) return gate

  const num = (label: string, [min, max]: readonly [number, number], suffix: string) => <InputNumber aria-label={label} min={min} max={max} precision={0} suffix={suffix} style={{ width: 180 }} />
  return (
    <div>
      <SettingsHeader title="积分设置" canWrite={canWrite} saving={saving} onSave={save} />
      <Form<Settings> form={form} layout="vertical" disabled={!canWrite}>
        <Card size="small" title="获得积分" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="earnPerYuan" label="每消费 1 元获得" extra="按实付金额的整元计算，0 = 下单不送积分；退款时按比例扣回">
                {num('每消费 1 元获得', L.earnPerYuan, '积分')}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['review', 'points']} label="评价获得">
                {num('评价获得', L.review, '积分')}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['review', 'photoBonus']} label="晒图额外获得">
                {num('晒图额外获得', L.review, '积分')}
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name={['referral', 'inviter']} label="邀请好友：邀请人获得" extra="好友首单付款且过了售后期后发放">
                {num('邀请人获得', L.referral, '积分')}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['referral', 'friend']} label="邀请好友：新用户获得">
                {num('新用户获得', L.referral, '积分')}
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card size="small" title="签到" style={{ marginBottom: 16 }}>
          <Form.Item name={['checkIn', 'daily']} label="每日签到获得" extra="每天（北京时间）一次">
            {num('每日签到获得', L.daily, '积分')}
          </Form.Item>
          <Form.Item label="连续签到奖励" extra="连续签到到第 N 天当天额外获得；断签后从第 1 天重新计算">
            <Form.List name={['checkIn', 'streakBonuses']}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                      <Form.Item name={[f.name, 'day']} rules={[{ required: true, message: '请输入天数' }]}>
                        <InputNumber aria-label="连续天数" prefix="连续第" suffix="天" min={L.streakDay[0]} max={L.streakDay[1]} precision={0} style={{ width: 170 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'points']} rules={[{ required: true, message: '请输入积分' }]}>
                        <InputNumber aria-label="额外积分" prefix="额外" suffix="积分" min={L.streakPoints[0]} max={L.streakPoints[1]} precision={0} style={{ width: 170 }} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除奖励" />
                    </Space>
                  ))}
                  {fields.length < 10 && (
                    <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                      添加连续签到奖励
                    </Button>
                  )}
                </>
              )}
            </Form.List>
          </Form.Item>
        </Card>
        <Card size="small" title="使用与过期">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name={['redeem', 'pointsPerYuan']} label="多少积分抵 1 元">
                {num('多少积分抵 1 元', L.pointsPerYuan, '积分')}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['redeem', 'maxPercent']} label="每单最多抵扣" extra="占商品优惠后金额的比例，0 = 结算时不能用积分">
                {num('每单最多抵扣', L.maxPercent, '%')}
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name={['expiry', 'yearsAfter']} label="有效期（年底过期）" extra={typeof yearsAfter === 'number' ? expiryText(yearsAfter) : undefined}>
                {num('有效期', L.yearsAfter, '年后')}
              </Form.Item>
            </Col>
          </Row>
          {redeem && typeof redeem.pointsPerYuan === 'number' && typeof redeem.maxPercent === 'number' && <Alert type="info" showIcon title={`结算规则：${redeemRuleText(redeem)}`} />}
        </Card>
      </Form>
    </div>
  )
}
