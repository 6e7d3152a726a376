import { useState } from 'react'
import { Alert, App, Card, Form, Modal, Select } from 'antd'
import type { GiftClaim } from '@domain/gifts'
import { FULFILMENT_LABEL, type FulfilmentKind } from '@domain/shipping'
import { shipOrder } from '../api/orders'
import { ApiError } from '../api/client'
import { showError, validated } from '../lib/errors'
import { dateTime } from '../lib/format'
import { buildGiftShipInput, claimAddressText, claimsToShip, type GiftParcelDraft } from '../lib/gift-parcels'
import { useCarriers } from '../lib/use-carriers'
import { ParcelFields } from './ParcelFields'

interface Values {
  kind: FulfilmentKind
  parcels: Record<string, GiftParcelDraft>
}

/**
 * 发货 for a gift with several recipients: one parcel per claim, each to the address its
 * recipient gave (shown, not editable: it is theirs), carrier and number each. Every parcel
 * names its claim (giftClaimId) and the server ships that claim's share in it.
 */
export function GiftShipDialog({ open, orderId, claims, onClose, onDone }: { open: boolean; orderId: number; claims: GiftClaim[]; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const carriers = useCarriers(open)
  const due = claimsToShip(claims)

  const submit = async () => {
    const v = await validated(form)
    if (!v) return
    const check = buildGiftShipInput(v.kind, v.parcels ?? {}, claims)
    if (!check.ok) {
      setProblem(check.message)
      return
    }
    setProblem(null)
    setBusy(true)
    try {
      await shipOrder(orderId, check.input)
      void message.success(`已发货 ${check.input.parcels.length} 个包裹`)
      form.resetFields()
      onDone()
    } catch (err) {
      // 409 GIFT_NOT_CLAIMED (someone's share changed meanwhile): say it here, where the merchant looks.
      if (err instanceof ApiError && err.status === 409) setProblem(err.message)
      else showError(message, err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal title={`礼物发货：${due.length} 位领取人，每人一个包裹`} open={open} onCancel={onClose} onOk={submit} okText="确认发货" confirmLoading={busy} destroyOnHidden width={680}>
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'express', parcels: {} }} onValuesChange={() => setProblem(null)}>
        <Form.Item name="kind" label="发货方式">
          <Select options={(['express', 'same_city'] as const).map((k) => ({ value: k, label: FULFILMENT_LABEL[k] }))} style={{ width: 200 }} />
        </Form.Item>
        {due.map((c) => (
          <Card key={c.id} size="small" title={`第 ${c.shareNo} 份 · ${c.nickname || '领取人'}`} extra={<span style={{ color: '#888' }}>领取于 {dateTime(c.at)}</span>} style={{ marginBottom: 12 }}>
            <div style={{ marginBottom: 8 }} data-testid={`gift-claim-address-${c.id}`}>
              收货地址：{claimAddressText(c.address)}
            </div>
            <ParcelFields name={['parcels', String(c.id)]} carriers={carriers} />
          </Card>
        ))}
        {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  )
}
