import { useState } from 'react'
import { Alert, App, Button, Card, Form, Input, InputNumber, Select, Table } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { getLevels, saveLevels } from '../api/levels'
import { useAuth } from '../auth'
import { SettingsHeader, settingsGate } from '../components/SettingsGate'
import { clearFieldErrors, markField, showError } from '../lib/errors'
import { orMissing } from '../lib/feature-missing'
import { ladderToRows, levelFormField, MAX_LEVELS, MULTIPLIER_RANGE, rowsToLadder, type LevelRow } from '../lib/levels'
import { useCouponBatches } from '../lib/use-coupon-batches'
import { useLoad } from '../lib/use-load'

interface Values {
  levels: LevelRow[]
}

/**
 * 会员等级: the ladder (name, growth threshold, free-shipping threshold, points multiplier,
 * birthday coupon), one row a level, the first one everyone's. Checked as the server does;
 * the server's 400 (levels.2.threshold) lands on its row's input. The 会员价 of a level is a
 * member-price promotion with 适用等级 (营销 › 活动).
 */
export default function Levels() {
  const { message } = App.useApp()
  const { allowed } = useAuth()
  const canWrite = allowed('levels:write')
  const [form] = Form.useForm<Values>()
  const [saving, setSaving] = useState(false)
  const batches = useCouponBatches(true)
  const loaded = useLoad(
    () => orMissing(getLevels(), null),
    [],
    (l) => l && form.setFieldsValue({ levels: ladderToRows(l) }),
  )

  const save = async () => {
    clearFieldErrors(form)
    const checked = rowsToLadder((form.getFieldsValue(true) as Values).levels ?? [])
    if (!checked.ok) {
      markField(form, checked.field, checked.message)
      return
    }
    setSaving(true)
    try {
      form.setFieldsValue({ levels: ladderToRows(await saveLevels(checked.value)) })
      void message.success('会员等级已保存')
    } catch (err) {
      showError(message, err, form, levelFormField)
    } finally {
      setSaving(false)
    }
  }

  const gate = settingsGate(loaded, '会员等级')
  if (gate) return gate
  const batchOptions = batches.map((b) => ({ value: b.id, label: b.title }))

  return (
    <div>
      <SettingsHeader title="会员等级" canWrite={canWrite} saving={saving} onSave={save} />
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="成长值：实付每 1 元得 1 点，退款按比例扣回；达到门槛即升到该等级。"
        description="等级专享价请在「营销 › 活动」新建会员价活动，选择适用等级。"
      />
      <Form<Values> form={form} disabled={!canWrite}>
        <Card size="small">
          <Form.List name="levels">
            {(fields, { add, remove }) => (
              <>
                <Table
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={fields}
                  scroll={{ x: 900 }}
                  columns={[
                    { title: '等级', key: 'rank', width: 60, render: (_, _f, i) => `V${i}` },
                    {
                      title: '名称',
                      key: 'name',
                      width: 160,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'name']} style={{ margin: 0 }}>
                          <Input aria-label="等级名称" maxLength={10} placeholder="如 金卡会员" />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '成长值门槛',
                      key: 'threshold',
                      width: 150,
                      render: (_, f, i) => (
                        <Form.Item name={[f.name, 'threshold']} style={{ margin: 0 }}>
                          <InputNumber aria-label="成长值门槛" min={0} precision={0} disabled={i === 0} style={{ width: '100%' }} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '包邮门槛',
                      key: 'freeShipping',
                      width: 170,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'freeShipping']} style={{ margin: 0 }}>
                          <Input aria-label="包邮门槛" prefix="满 ¥" placeholder="店铺规则" />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '积分倍数',
                      key: 'pointsMultiplier',
                      width: 130,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'pointsMultiplier']} style={{ margin: 0 }}>
                          <InputNumber aria-label="积分倍数" min={MULTIPLIER_RANGE[0]} max={MULTIPLIER_RANGE[1]} step={0.1} precision={2} suffix="倍" style={{ width: '100%' }} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '生日券',
                      key: 'birthday',
                      width: 220,
                      render: (_, f) => (
                        <Form.Item name={[f.name, 'birthdayCouponBatchId']} style={{ margin: 0 }}>
                          <Select aria-label="生日券" allowClear placeholder="不送" options={batchOptions} style={{ width: '100%' }} />
                        </Form.Item>
                      ),
                    },
                    {
                      title: '',
                      key: 'remove',
                      width: 50,
                      render: (_, f, i) => i > 0 && i === fields.length - 1 && <Button type="text" icon={<DeleteOutlined />} aria-label="删除等级" onClick={() => remove(f.name)} />,
                    },
                  ]}
                />
                {canWrite && fields.length < MAX_LEVELS && (
                  <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => add({ name: '', freeShipping: '', pointsMultiplier: 1, birthdayCouponBatchId: null })}>
                    添加等级
                  </Button>
                )}
              </>
            )}
          </Form.List>
          <div style={{ color: '#888', marginTop: 12 }}>包邮门槛不填则按店铺的包邮规则；填 0 即全场包邮。积分倍数按下单获得的积分乘算，向下取整。</div>
        </Card>
      </Form>
    </div>
  )
}
