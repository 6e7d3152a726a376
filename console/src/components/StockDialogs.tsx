import { useState } from 'react'
import { App, Drawer, Form, Input, InputNumber, Modal, Table, Tag } from 'antd'
import { adjustStock, listMovements, type StockMovement } from '../api/catalog'
import { dateTime } from '../lib/format'
import { useFormSubmit } from '../lib/use-form-submit'
import { useLoad } from '../lib/use-load'

export interface SkuRef {
  id: number
  label: string
  stock: number
}

/** Stock changes by a delta with a reason (never set outright): each one is a movement. */
export function StockAdjustModal({ sku, onClose, onDone }: { sku: SkuRef | null; onClose: () => void; onDone: (stock: number) => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<{ delta: number; reason: string }>()
  const { busy, submit: submitForm } = useFormSubmit(form)
  const delta = Form.useWatch('delta', form) ?? 0
  const submit = async () => {
    if (!sku) return
    await submitForm(async (v) => {
      const r = await adjustStock(sku.id, v.delta, v.reason.trim())
      void message.success(`库存已调整为 ${r.stock}`)
      form.resetFields()
      onDone(r.stock)
    })
  }
  return (
    <Modal title={`调整库存：${sku?.label ?? ''}`} open={!!sku} onCancel={onClose} onOk={submit} confirmLoading={busy} okText="确认调整" destroyOnHidden>
      <p>
        当前库存 <b>{sku?.stock}</b>，调整后 <b>{(sku?.stock ?? 0) + (Number(delta) || 0)}</b>
      </p>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="delta"
          label="增减数量（入库填正数，出库填负数）"
          rules={[
            { required: true, message: '请输入数量' },
            { validator: (_, v) => (v === 0 ? Promise.reject(new Error('数量不能为 0')) : Promise.resolve()) },
          ]}
        >
          <InputNumber precision={0} style={{ width: '100%' }} placeholder="如 20 或 -3" />
        </Form.Item>
        <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因，如：采购入库、盘点' }]}>
          <Input maxLength={100} placeholder="采购入库、盘点差异、损耗……" />
        </Form.Item>
      </Form>
    </Modal>
  )
}

const REASON_LABEL: Record<string, string> = { order: '下单', cancel: '取消', close: '超时关闭', refund: '退款入库', adjust: '手动调整', restock: '退款入库' }

export function MovementsDrawer({ sku, onClose }: { sku: SkuRef | null; onClose: () => void }) {
  const [page, setPage] = useState(1)
  const { data, loading } = useLoad(() => (sku ? listMovements(sku.id, { page, pageSize: 20 }) : Promise.resolve(undefined)), [sku?.id, page])
  return (
    <Drawer title={`库存流水：${sku?.label ?? ''}`} open={!!sku} onClose={onClose} size="large" destroyOnHidden>
      <Table<StockMovement>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', render: dateTime, width: 150 },
          { title: '变动', dataIndex: 'delta', width: 80, align: 'right', render: (d: number) => <Tag color={d > 0 ? 'green' : 'red'}>{d > 0 ? `+${d}` : d}</Tag> },
          { title: '原因', dataIndex: 'reason', render: (r: string, m) => [REASON_LABEL[r] ?? r, m.note].filter(Boolean).join('：') },
          { title: '关联', key: 'ref', render: (_, m) => (m.orderId ? `订单 ${m.orderId}` : m.refundId ? `退款 ${m.refundId}` : '') },
        ]}
      />
    </Drawer>
  )
}
