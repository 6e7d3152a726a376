import { Alert, Card, Form, Modal, Select } from 'antd'
import type { GiftClaim } from '@domain/gifts'
import { FULFILMENT_LABEL, type FulfilmentKind } from '@domain/shipping'
import { dateTime } from '../lib/format'
import { buildGiftShipInput, claimAddressText, claimsToShip, type GiftParcelDraft } from '../lib/gift-parcels'
import { useCarriers } from '../lib/use-carriers'
import { useShip } from '../lib/use-ship'
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
  const [form] = Form.useForm<Values>()
  const { busy, problem, clearProblem, ship } = useShip(form, orderId, onDone)
  const carriers = useCarriers(open)
  const due = claimsToShip(claims)
  const submit = () => ship((v) => buildGiftShipInput(v.kind, v.parcels ?? {}, claims), (n) => `已发货 ${n} 个包裹`)

  return (
    <Modal title={`礼物发货：${due.length} 位领取人，每人一个包裹`} open={open} onCancel={onClose} onOk={submit} okText="确认发货" confirmLoading={busy} destroyOnHidden width={680}>
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'express', parcels: {} }} onValuesChange={clearProblem}>
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
