import { useState } from 'react'
import { App, Form, InputNumber, Modal, Spin } from 'antd'
import { getPickupSettings, savePickupSettings, type PickupSettings } from '../api/stores'
import { useAuth } from '../auth'
import { showError } from '../lib/errors'
import { orMissing } from '../lib/feature-missing'
import { useLoad } from '../lib/use-load'
import { FeatureMissing } from './FeatureMissing'

/** 自提设置: when an unpicked order is reminded, and when it is refunded in full. */
export function PickupSettingsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp()
  const canWrite = useAuth().allowed('stores:write')
  const [form] = Form.useForm<PickupSettings>()
  const [busy, setBusy] = useState(false)
  const loaded = useLoad(
    () => (open ? orMissing(getPickupSettings(), null) : Promise.resolve(undefined)),
    [open],
    (s) => s && form.setFieldsValue(s),
  )

  const save = async () => {
    const v = form.getFieldsValue(true) as PickupSettings
    setBusy(true)
    try {
      form.setFieldsValue(await savePickupSettings({ remindAfterHours: v.remindAfterHours, refundAfterDays: v.refundAfterDays }))
      void message.success('自提设置已保存')
      onClose()
    } catch (err) {
      showError(message, err, form)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal title="自提设置" open={open} onCancel={onClose} onOk={save} okText="保存" okButtonProps={{ disabled: !canWrite || !loaded.data }} confirmLoading={busy} forceRender>
      {loaded.data === null ? (
        <FeatureMissing what="自提设置" />
      ) : loaded.data === undefined ? (
        <Spin />
      ) : null}
      <Form<PickupSettings> form={form} layout="vertical" disabled={!canWrite} style={loaded.data ? undefined : { display: 'none' }}>
        <Form.Item name="remindAfterHours" label="超时未取提醒" extra="自提时段结束后多少小时仍未取货，给顾客发一次提醒；0 = 不提醒" rules={[{ required: true, message: '请输入小时数' }]}>
          <InputNumber aria-label="超时未取提醒" min={0} max={720} precision={0} suffix="小时" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="refundAfterDays" label="自动退款" extra="自提时段结束后多少天仍未取货，自动全额退款并退回门店库存" rules={[{ required: true, message: '请输入天数' }]}>
          <InputNumber aria-label="自动退款" min={1} max={90} precision={0} suffix="天" style={{ width: 180 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
