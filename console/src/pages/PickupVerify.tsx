import { useRef, useState } from 'react'
import { Link } from 'react-router-dom'
import { Alert, Button, Card, Descriptions, Input, Result, Select, Space, Table, Tag, type InputRef } from 'antd'
import { PICKUP_STATUSES, type PickupStatus } from '@domain/stores'
import type { Order } from '@domain/contract'
import { ApiError } from '../api/client'
import { listPickups, listStores, verifyPickup, type AdminPickupRow } from '../api/stores'
import { useAuth } from '../auth'
import { CodeScanner } from '../components/CodeScanner'
import { FeatureMissing } from '../components/FeatureMissing'
import { PageTitle } from '../components/PageTitle'
import { PickupSettingsDialog } from '../components/PickupSettingsDialog'
import { StatusTabs } from '../components/StatusTabs'
import { isMissingPage, missingPage, orMissing } from '../lib/feature-missing'
import { dateTime, money, specsText } from '../lib/format'
import { PICKUP_STATUS, pickupCodeOf, pickupErrorText } from '../lib/stores'
import { useLoad } from '../lib/use-load'
import { PAGE_SIZE } from '../lib/use-paged'
import { useUrlFilters } from '../lib/use-url-filters'

type Outcome = { ok: true; order: Order } | { ok: false; code: string; title: string; detail: string }

/**
 * 自提核销 at the counter: a scanner (USB or handheld: it types the code and presses Enter), the
 * camera where the browser reads codes, or the keyboard; the order shown with 已核销, or why not
 * in words; the pickups below by status and store.
 */
export default function PickupVerify() {
  const { allowed } = useAuth()
  const { params, update } = useUrlFilters()
  const storeId = params.get('storeId') ? Number(params.get('storeId')) : undefined
  const [raw, setRaw] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [settingsOpen, setSettingsOpen] = useState(false)
  const input = useRef<InputRef>(null)
  const stores = useLoad(() => orMissing(listStores(), null), [])
  const [listTick, setListTick] = useState(0)

  const verify = async (text: string) => {
    const code = pickupCodeOf(text)
    if (!code) {
      setOutcome({ ok: false, code: 'BAD_CODE', title: '提货码是 8 位数字', detail: `收到「${text.trim()}」，请重新扫描或输入` })
      return
    }
    setBusy(true)
    try {
      const order = await verifyPickup(code, storeId)
      setOutcome({ ok: true, order })
      setListTick((t) => t + 1)
    } catch (err) {
      const e = err instanceof ApiError ? err : new ApiError(0, { code: 'NETWORK', message: (err as Error).message })
      setOutcome({ ok: false, code: e.code, ...pickupErrorText(e.code, e.message) })
    } finally {
      setBusy(false)
      // Ready for the next customer: the scanner types into the emptied box.
      setRaw('')
      input.current?.focus()
    }
  }

  return (
    <div>
      <PageTitle title="自提核销" extra={allowed('stores:read') && <Button onClick={() => setSettingsOpen(true)}>自提设置</Button>} />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap size="large" align="center">
          <Input
            ref={input}
            autoFocus
            size="large"
            aria-label="提货码"
            placeholder="扫码或输入提货码"
            value={raw}
            onChange={(e) => setRaw(e.target.value)}
            onPressEnter={() => !busy && raw.trim() && void verify(raw)}
            inputMode="numeric"
            autoComplete="off"
            style={{ width: 360, fontSize: 28, letterSpacing: 4, fontFamily: 'monospace' }}
          />
          <Select
            size="large"
            allowClear
            aria-label="核销门店"
            placeholder="核销门店（可选）"
            style={{ width: 220 }}
            value={storeId}
            onChange={(v) => update({ storeId: v, page: undefined })}
            options={(stores.data?.items ?? []).filter((s) => s.pickup).map((s) => ({ value: s.id, label: s.name }))}
          />
          <Button type="primary" size="large" loading={busy} disabled={!raw.trim()} onClick={() => verify(raw)}>
            核销
          </Button>
          <CodeScanner onCode={(t) => void verify(t)} />
        </Space>
        <div style={{ color: '#888', marginTop: 8 }}>选择门店后，其他门店的自提订单会被拒绝核销。</div>
      </Card>
      {outcome && <OutcomeCard outcome={outcome} />}
      <PickupList storeId={storeId} tick={listTick} />
      <PickupSettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
    </div>
  )
}

function OutcomeCard({ outcome }: { outcome: Outcome }) {
  if (!outcome.ok)
    return (
      <Card style={{ marginBottom: 16, borderColor: '#ff4d4f' }}>
        <Result status={outcome.code === 'PICKUP_USED' ? 'warning' : 'error'} title={outcome.title} subTitle={outcome.detail} style={{ padding: 16 }} />
      </Card>
    )
  const o = outcome.order
  return (
    <Card style={{ marginBottom: 16, borderColor: '#52c41a' }}>
      <Result status="success" title="已核销" subTitle={`订单 ${o.orderNo} 已完成，请将商品交给顾客`} style={{ padding: 16 }} />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="订单">
          <Link to={`/orders/${o.id}`}>{o.orderNo}</Link>
        </Descriptions.Item>
        {/* A pickup order has no address (so no name): the code the customer showed stands in. */}
        <Descriptions.Item label="提货码">{o.pickup?.code ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="自提门店">{o.pickup?.storeName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="自提时段">{o.pickup?.slot ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="实付">{money(o.total)}</Descriptions.Item>
        <Descriptions.Item label="核销时间">{dateTime(o.pickup?.verifiedAt)}</Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={o.items}
        columns={[
          { title: '商品', dataIndex: 'title' },
          { title: '规格', dataIndex: 'specs', render: specsText },
          { title: '数量', dataIndex: 'quantity', width: 80, render: (q: number) => <b style={{ fontSize: 16 }}>× {q}</b> },
        ]}
      />
    </Card>
  )
}

function PickupList({ storeId, tick }: { storeId: number | undefined; tick: number }) {
  const { params, update } = useUrlFilters()
  // Waiting first (what the counter deals with); 全部 is kept in the URL as status=all.
  const raw = params.get('status')
  const status = (raw === null ? 'waiting' : raw === 'all' ? '' : raw) as PickupStatus | ''
  const page = Number(params.get('page') ?? 1)
  const list = useLoad(() => orMissing(listPickups({ storeId, status: status || undefined, page, pageSize: PAGE_SIZE }), missingPage<AdminPickupRow>()), [storeId, status, page, tick])
  if (isMissingPage(list.data)) return <FeatureMissing what="自提订单" />
  return (
    <Card size="small" title="自提订单">
      <div className="filters" style={{ marginBottom: 12 }}>
        <StatusTabs value={status} onChange={(s) => update({ status: s === 'waiting' ? undefined : s || 'all', page: undefined })} statuses={PICKUP_STATUSES} labels={PICKUP_STATUS} />
      </div>
      <Table<AdminPickupRow>
        rowKey="orderId"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ page: p }) }}
        columns={[
          { title: '订单号', dataIndex: 'orderNo', width: 200, render: (no: string, r) => <Link to={`/orders/${r.orderId}`}>{no}</Link> },
          { title: '提货码', dataIndex: 'code', width: 120, render: (c: string) => <code>{c}</code> },
          { title: '门店', dataIndex: 'storeName', width: 140 },
          { title: '自提时段', dataIndex: 'slot', width: 190 },
          { title: '顾客', dataIndex: 'buyer', width: 120, render: (b: AdminPickupRow['buyer']) => b.nickname },
          { title: '实付', dataIndex: 'total', width: 100, render: money },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: PickupStatus) => <Tag color={PICKUP_STATUS[s].color}>{PICKUP_STATUS[s].label}</Tag> },
          { title: '核销时间', dataIndex: 'verifiedAt', width: 150, render: dateTime },
        ]}
      />
      {status === 'waiting' && list.data && list.data.total === 0 && <Alert type="success" showIcon title="没有待自提的订单" style={{ marginTop: 12 }} />}
    </Card>
  )
}
