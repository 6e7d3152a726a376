import { App, Form, Modal } from 'antd'
import { shipPlanDelivery, type PlanDeliveryRow } from '../api/plans'
import { specsText } from '../lib/format'
import { addressText } from '../lib/plans'
import { useCarriers } from '../lib/use-carriers'
import { useFormSubmit } from '../lib/use-form-submit'
import { ParcelFields } from './ParcelFields'

/** 发货 of one plan delivery: the same carrier select and number as an order's parcel; its own shipment and upload. */
export function PlanShipDialog({ row, onClose, onDone }: { row: PlanDeliveryRow | null; onClose: () => void; onDone: (r: PlanDeliveryRow) => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ parcel: { carrier: string; trackingNo: string } }>()
  const carriers = useCarriers(row !== null)
  const { busy, submit } = useFormSubmit(form)
  const ok = () =>
    submit(async (v) => {
      const shipped = await shipPlanDelivery(row!.planId, row!.n, { carrier: v.parcel.carrier, trackingNo: v.parcel.trackingNo.trim() })
      void message.success(`第 ${row!.n} 期已发货`)
      onDone(shipped)
    })
  return (
    <Modal title={row ? `发货：${row.orderNo} 第 ${row.n} 期` : '发货'} open={row !== null} onCancel={onClose} onOk={ok} okText="确认发货" confirmLoading={busy} destroyOnHidden>
      {row && (
        <p style={{ color: '#555' }}>
          {row.title}
          {specsText(row.specs) && `（${specsText(row.specs)}）`} × {row.quantity}
          <br />
          {addressText(row.address)}
        </p>
      )}
      <Form form={form} layout="vertical">
        <ParcelFields name={['parcel']} carriers={carriers} />
      </Form>
    </Modal>
  )
}
