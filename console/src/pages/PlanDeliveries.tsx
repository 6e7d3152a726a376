import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Alert, App, Button, Calendar, Card, DatePicker, Space, Table, Tabs, Tag } from 'antd'
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { PLAN_INTERVAL_LABEL, PLAN_STATUSES, type PlanStatus } from '@domain/plans'
import { carrierName } from '@domain/shipping'
import { getPlanSettings, listPlanDeliveries, listPlans, savePlanSettings, type PlanDeliveryRow, type PlanView } from '../api/plans'
import { useAuth } from '../auth'
import { FeatureMissing } from '../components/FeatureMissing'
import { PageTitle } from '../components/PageTitle'
import { PlanShipDialog } from '../components/PlanShipDialog'
import { settingsGate } from '../components/SettingsGate'
import { StatusTabs } from '../components/StatusTabs'
import { showError } from '../lib/errors'
import { isMissingPage, missingPage, orMissing } from '../lib/feature-missing'
import { dateTime, money, specsText } from '../lib/format'
import { addressText, DELIVERY_STATUS, deliveriesCsv, normalizeHolidays, PLAN_STATUS, shopToday } from '../lib/plans'
import { useLoad } from '../lib/use-load'
import { PAGE_SIZE } from '../lib/use-paged'
import { useUrlFilters } from '../lib/use-url-filters'

/** 周期购配送: what ships on a day (发货 per row, export, print), the plans, and the days the shop doesn't deliver. */
export default function PlanDeliveries() {
  const { params, update } = useUrlFilters()
  const tab = params.get('tab') ?? 'day'
  return (
    <div>
      <PageTitle title="周期购配送" />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'day' ? undefined : k, status: undefined, page: undefined })}
        items={[
          { key: 'day', label: '每日配送', children: tab === 'day' && <DayList /> },
          { key: 'plans', label: '周期购订单', children: tab === 'plans' && <PlanList /> },
          { key: 'settings', label: '配送设置', children: tab === 'settings' && <PlanSettingsForm /> },
        ]}
      />
    </div>
  )
}

function DayList() {
  const { allowed } = useAuth()
  const canShip = allowed('plans:write')
  const { params, update } = useUrlFilters()
  const date = params.get('date') ?? shopToday()
  const list = useLoad(() => orMissing(listPlanDeliveries(date), null), [date])
  const [shipping, setShipping] = useState<PlanDeliveryRow | null>(null)
  const rows = list.data?.items ?? []
  const waiting = rows.filter((r) => r.status === 'scheduled').length

  const exportCsv = () => {
    const url = URL.createObjectURL(new Blob([deliveriesCsv(rows)], { type: 'text/csv;charset=utf-8' }))
    const a = document.createElement('a')
    a.href = url
    a.download = `周期购配送-${date}.csv`
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }

  if (list.data === null) return <FeatureMissing what="周期购配送" />
  return (
    <>
      <Space className="filters no-print" wrap>
        <DatePicker aria-label="配送日期" allowClear={false} value={dayjs(date)} onChange={(d) => d && update({ date: d.format('YYYY-MM-DD') === shopToday() ? undefined : d.format('YYYY-MM-DD') })} />
        <Button onClick={() => update({ date: undefined })}>今天</Button>
        <span style={{ color: '#888' }}>
          共 {rows.length} 单，待发货 {waiting} 单
        </span>
        <Button icon={<DownloadOutlined />} disabled={rows.length === 0} onClick={exportCsv}>
          导出
        </Button>
        <Button icon={<PrinterOutlined />} disabled={rows.length === 0} onClick={() => window.print()}>
          打印
        </Button>
      </Space>
      <h3 className="print-only">周期购配送 {date}</h3>
      <Table<PlanDeliveryRow>
        rowKey={(r) => `${r.planId}-${r.n}`}
        loading={list.loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1200 }}
        columns={[
          { title: '订单号', dataIndex: 'orderNo', width: 190, render: (no: string, r) => <Link to={`/orders/${r.orderId}`}>{no}</Link> },
          { title: '期数', dataIndex: 'n', width: 90, render: (n: number) => `第 ${n} 期` },
          { title: '商品', key: 'title', render: (_, r) => `${r.title}${specsText(r.specs) ? `（${specsText(r.specs)}）` : ''}` },
          { title: '数量', dataIndex: 'quantity', width: 70 },
          { title: '收货地址', key: 'address', width: 300, render: (_, r) => addressText(r.address) },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: PlanDeliveryRow['status']) => <Tag color={DELIVERY_STATUS[s].color}>{DELIVERY_STATUS[s].label}</Tag> },
          {
            title: '物流',
            key: 'ship',
            width: 200,
            // Pinned: at a laptop's width the table scrolls sideways and 发货 was cut off at the edge.
            fixed: 'right',
            render: (_, r) =>
              r.tracking ? (
                `${carrierName(r.tracking.carrier)} ${r.tracking.number}`
              ) : r.status === 'scheduled' && canShip ? (
                <Button size="small" type="primary" className="no-print" onClick={() => setShipping(r)}>
                  发货
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <PlanShipDialog
        row={shipping}
        onClose={() => setShipping(null)}
        onDone={() => {
          setShipping(null)
          list.reload()
        }}
      />
    </>
  )
}

function PlanList() {
  const { params, update } = useUrlFilters()
  const status = (params.get('status') ?? '') as PlanStatus | ''
  const page = Number(params.get('page') ?? 1)
  const list = useLoad(() => orMissing(listPlans({ status: status || undefined, page, pageSize: PAGE_SIZE }), missingPage<PlanView>()), [status, page])
  if (isMissingPage(list.data)) return <FeatureMissing what="周期购订单" />
  return (
    <>
      <div className="filters">
        <StatusTabs value={status} onChange={(s) => update({ status: s || undefined, page: undefined })} statuses={PLAN_STATUSES} labels={PLAN_STATUS} />
      </div>
      <Table<PlanView>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ page: p }) }}
        columns={[
          { title: '周期购', dataIndex: 'id', width: 80, render: (id: number) => `#${id}` },
          { title: '订单', dataIndex: 'orderId', width: 90, render: (id: number) => <Link to={`/orders/${id}`}>#{id}</Link> },
          { title: '商品', key: 'title', render: (_, p) => `${p.title}${specsText(p.specs) ? `（${specsText(p.specs)}）` : ''} × ${p.quantity}` },
          { title: '周期', dataIndex: 'interval', width: 90, render: (i: PlanView['interval']) => PLAN_INTERVAL_LABEL[i] },
          {
            title: '进度',
            key: 'progress',
            width: 130,
            render: (_, p) => `已发 ${p.deliveries.filter((d) => d.status === 'shipped').length} / ${p.deliveryCount} 期`,
          },
          {
            title: '下一期',
            key: 'next',
            width: 110,
            render: (_, p) => p.deliveries.find((d) => d.status === 'scheduled')?.date ?? '—',
          },
          { title: '实付 / 已退', key: 'money', width: 150, render: (_, p) => `${money(p.total)} / ${money(p.refunded)}` },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: PlanStatus) => <Tag color={PLAN_STATUS[s].color}>{PLAN_STATUS[s].label}</Tag> },
          { title: '下单时间', dataIndex: 'createdAt', width: 150, render: dateTime },
        ]}
      />
    </>
  )
}

/** 配送设置: click the days the shop doesn't deliver on the calendar (a delivery due then moves to the next open day). */
function PlanSettingsForm() {
  const { message } = App.useApp()
  const canWrite = useAuth().allowed('plans:write')
  const [holidays, setHolidays] = useState<string[]>([])
  const [saving, setSaving] = useState(false)
  const loaded = useLoad(
    () => orMissing(getPlanSettings(), null),
    [],
    (s) => s && setHolidays(normalizeHolidays(s.holidays)),
  )
  const gate = settingsGate(loaded, '配送设置')
  if (gate) return gate

  const toggle = (day: string) => setHolidays((h) => (h.includes(day) ? h.filter((d) => d !== day) : normalizeHolidays([...h, day])))
  const save = async () => {
    setSaving(true)
    try {
      setHolidays(normalizeHolidays((await savePlanSettings({ holidays: normalizeHolidays(holidays) })).holidays))
      void message.success('配送设置已保存')
    } catch (err) {
      showError(message, err)
    } finally {
      setSaving(false)
    }
  }

  return (
    <Card size="small" title="不配送的日期（节假日）" extra={canWrite && <Button type="primary" loading={saving} onClick={save}>保存</Button>}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="点击日历上的日期标记为不配送；落在这些日期的配送顺延到下一个可配送日。已生成的配送日期不变。" />
      <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap' }}>
        <div style={{ width: 360 }}>
          <Calendar
            fullscreen={false}
            disabledDate={(d) => !canWrite || d.isBefore(dayjs(shopToday()))}
            onSelect={(d, info) => info.source === 'date' && canWrite && toggle(d.format('YYYY-MM-DD'))}
            fullCellRender={(d, info) => {
              if (info.type !== 'date') return info.originNode
              const off = holidays.includes(d.format('YYYY-MM-DD'))
              return (
                <div className="ant-picker-cell-inner" style={off ? { background: '#ff4d4f', color: '#fff', borderRadius: 4 } : undefined}>
                  {d.date()}
                </div>
              )
            }}
          />
        </div>
        <div>
          <h4>已选 {holidays.length} 天</h4>
          <Space wrap style={{ maxWidth: 420 }}>
            {holidays.map((d) => (
              <Tag key={d} closable={canWrite} onClose={() => toggle(d)}>
                {d}
              </Tag>
            ))}
          </Space>
        </div>
      </div>
    </Card>
  )
}
