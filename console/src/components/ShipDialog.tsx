import { Alert, Button, Card, Form, InputNumber, Modal, Select, Space } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import type { OrderItem } from '@domain/contract'
import { FULFILMENT_KINDS, FULFILMENT_LABEL, MAX_PARCELS, type FulfilmentKind } from '@domain/shipping'
import { specsText } from '../lib/format'
import { useCarriers } from '../lib/use-carriers'
import { buildShipInput, needsParcels, type ParcelDraft } from '../lib/parcels'
import { useShip } from '../lib/use-ship'
import { ParcelFields } from './ParcelFields'

interface Values {
  kind: FulfilmentKind
  parcels: ParcelDraft[]
}

/**
 * 发货: how the order leaves (express, same-city, virtual, pickup) and, for the first two, its
 * parcels. The quick path is the default: express, one parcel, carrier and number. With several
 * parcels the lines are split between them, each unit owed in exactly one parcel.
 */
export function ShipDialog({ open, orderId, lines, onClose, onDone }: { open: boolean; orderId: number; lines: OrderItem[]; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>()
  const { busy, problem, clearProblem, ship } = useShip(form, orderId, onDone)
  const carriers = useCarriers(open)
  const kind = Form.useWatch('kind', form) ?? 'express'
  const owed = lines.filter((l) => l.quantity - l.refundedQuantity > 0)
  const submit = () => ship((v) => buildShipInput(v.kind, v.parcels ?? [], owed), () => '已发货')

  return (
    <Modal title="发货" open={open} onCancel={onClose} onOk={submit} okText="确认发货" confirmLoading={busy} destroyOnHidden width={640}>
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'express', parcels: [{}] }} onValuesChange={clearProblem}>
        <Form.Item name="kind" label="发货方式">
          <Select options={FULFILMENT_KINDS.map((k) => ({ value: k, label: FULFILMENT_LABEL[k] }))} style={{ width: 200 }} />
        </Form.Item>
        {!needsParcels(kind) ? (
          <Alert type="info" showIcon title={kind === 'virtual' ? '虚拟商品无需填写物流，确认后订单即为已发货。' : '买家到店自提，无需填写物流，确认后订单即为已发货。'} />
        ) : (
          <Form.List name="parcels">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Card
                    key={field.key}
                    size="small"
                    title={fields.length > 1 ? `包裹 ${i + 1}` : '包裹'}
                    style={{ marginBottom: 12 }}
                    extra={fields.length > 1 && <Button type="text" danger size="small" icon={<DeleteOutlined />} aria-label={`删除包裹 ${i + 1}`} onClick={() => remove(field.name)} />}
                  >
                    <ParcelFields name={[field.name]} carriers={carriers} />
                    {fields.length > 1 &&
                      owed.map((l) => (
                        <Form.Item key={l.id} name={[field.name, 'quantities', String(l.id)]} label={`${l.title}${specsText(l.specs) ? `（${specsText(l.specs)}）` : ''}：共 ${l.quantity - l.refundedQuantity} 件`} style={{ marginBottom: 4 }}>
                          <InputNumber min={0} max={l.quantity - l.refundedQuantity} precision={0} suffix="件" style={{ width: 160 }} />
                        </Form.Item>
                      ))}
                  </Card>
                ))}
                <Space>
                  <Button
                    icon={<PlusOutlined />}
                    disabled={fields.length >= MAX_PARCELS}
                    onClick={() => {
                      // Going from one parcel to two: the first starts with everything, to be moved across.
                      if (fields.length === 1) form.setFieldValue(['parcels', fields[0].name, 'quantities'], Object.fromEntries(owed.map((l) => [String(l.id), l.quantity - l.refundedQuantity])))
                      add({})
                    }}
                  >
                    添加包裹
                  </Button>
                  {fields.length > 1 && <span style={{ color: '#888' }}>分多个包裹发货时，请填写每个包裹里的商品数量</span>}
                </Space>
              </>
            )}
          </Form.List>
        )}
        {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  )
}
