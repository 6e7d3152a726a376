import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Alert, Button, Card, Col, Row, Segmented, Statistic, Table, Tag } from 'antd'
import { listAfterSales } from '../api/after-sales'
import { getDashboard, type Dashboard as DashboardData, type DashboardRange } from '../api/orders'
import { listPromoters, listWithdrawals } from '../api/promoters'
import { listShippingUploads } from '../api/shipping'
import { useAuth } from '../auth'
import { Chart } from '../components/Chart'
import { PageTitle } from '../components/PageTitle'
import { money, moneyGrouped, platformLabel, specsText, yuan } from '../lib/format'
import { useCount } from '../lib/use-count'
import { useLoad } from '../lib/use-load'

const RANGES: { label: string; value: DashboardRange }[] = [
  { label: '今天', value: 'today' },
  { label: '近 7 天', value: '7d' },
  { label: '近 30 天', value: '30d' },
]

/** What the two money charts share: their margins and a ¥ value axis. */
const MONEY_CHART = {
  grid: { left: 56, right: 16, top: 24, bottom: 32 },
  yAxis: { type: 'value', axisLabel: { formatter: '¥{value}' } },
}

/** 待办: what waits for the shop, each a link to the list that shows it. */
function TodoTiles() {
  const { allowed } = useAuth()
  const readsOrders = allowed('orders:read')
  const afterSales = useCount(() => listAfterSales({ status: 'requested', page: 1, pageSize: 1 }), readsOrders)
  const failedUploads = useCount(() => listShippingUploads({ status: 'failed', page: 1, pageSize: 1 }), readsOrders)
  const readsPromoters = allowed('promoters:read')
  const promoters = useCount(() => listPromoters({ status: 'pending', page: 1, pageSize: 1 }), readsPromoters)
  const withdrawals = useCount(() => listWithdrawals({ status: 'reviewing', page: 1, pageSize: 1 }), readsPromoters)
  const tiles = [
    ...(readsOrders
      ? [
          { title: '待处理售后', value: afterSales, to: '/after-sales?status=requested' },
          { title: '发货信息上传失败', value: failedUploads, to: '/messages?tab=shipping' },
        ]
      : []),
    ...(readsPromoters
      ? [
          { title: '待审核推广员', value: promoters, to: '/promoters?status=pending' },
          { title: '待审核提现', value: withdrawals, to: '/withdrawals?status=reviewing' },
        ]
      : []),
  ]
  if (tiles.length === 0) return null
  return (
    <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
      {tiles.map((t) => (
        <Col key={t.title} xs={12} md={8} xl={6}>
          <Link to={t.to}>
            <Card size="small" hoverable>
              <Statistic title={t.title} value={t.value ?? '—'} styles={t.value ? { content: { color: '#cf1322' } } : undefined} />
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  )
}

export default function Dashboard() {
  const [range, setRange] = useState<DashboardRange>('7d')
  const { data, loading, error, reload } = useLoad(() => getDashboard(range), [range])

  const cards: { title: string; value: (d: DashboardData) => string | number }[] = [
    { title: '销售额', value: (d) => moneyGrouped(d.totals.sales) },
    { title: '支付订单', value: (d) => d.totals.paidOrders },
    { title: '客单价', value: (d) => money(d.totals.avgOrder) },
    { title: '退款', value: (d) => `${moneyGrouped(d.totals.refundAmount)}（${d.totals.refunds} 笔）` },
    { title: '新客', value: (d) => d.totals.newShoppers },
  ]

  return (
    <div className="dashboard">
      <PageTitle title="数据概览" extra={<Segmented options={RANGES} value={range} onChange={(v) => setRange(v as DashboardRange)} />} />
      {error && !data && <Alert type="error" showIcon message="数据加载失败" description={error.message} action={<Button onClick={reload}>重试</Button>} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]} className="stat-cards">
        {cards.map((c) => (
          <Col key={c.title} xs={12} md={8} xl={{ flex: "20%" }}>
            <Card loading={loading && !data} size="small">
              <Statistic title={c.title} value={data ? c.value(data) : '—'} />
            </Card>
          </Col>
        ))}
      </Row>
      <TodoTiles />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={16}>
          <Card title="每日销售额" size="small" loading={loading && !data}>
            {data && (
              <Chart
                label="每日销售额折线图"
                option={{
                  tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `¥${Number(v).toFixed(2)}` },
                  ...MONEY_CHART,
                  xAxis: { type: 'category', data: data.series.map((s) => s.date.slice(5)) },
                  series: [{ name: '销售额', type: 'line', smooth: true, areaStyle: { opacity: 0.12 }, data: data.series.map((s) => Number(yuan(s.sales))) }],
                  color: ['#e4393c'],
                }}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="各平台销售额" size="small" loading={loading && !data}>
            {data && (
              <Chart
                label="各平台销售额柱状图"
                option={{
                  tooltip: { trigger: 'axis' },
                  ...MONEY_CHART,
                  xAxis: { type: 'category', data: data.byPlatform.map((p) => platformLabel(p.platform)) },
                  series: [{ name: '销售额', type: 'bar', barMaxWidth: 48, data: data.byPlatform.map((p) => Number(yuan(p.sales))) }],
                  color: ['#1677ff'],
                }}
              />
            )}
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card title="热销商品" size="small">
            <Table
              rowKey="productId"
              size="small"
              loading={loading}
              pagination={false}
              dataSource={data?.topProducts ?? []}
              columns={[
                { title: '商品', dataIndex: 'title', render: (t: string, r) => <Link to={`/products/${r.productId}`}>{t}</Link> },
                { title: '销量', dataIndex: 'quantity', width: 80, align: 'right' },
                { title: '销售额', dataIndex: 'sales', width: 120, align: 'right', render: money },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="库存预警" size="small">
            <Table
              rowKey="skuId"
              size="small"
              loading={loading}
              pagination={false}
              dataSource={data?.lowStock ?? []}
              columns={[
                { title: '商品', dataIndex: 'title', render: (t: string, r) => `${t}${specsText(r.specs) ? `（${specsText(r.specs)}）` : ''}` },
                { title: '库存', dataIndex: 'stock', width: 80, align: 'right', render: (s: number) => <Tag color={s === 0 ? 'red' : 'orange'}>{s}</Tag> },
                { title: '', key: 'go', width: 90, render: (_, r) => <Link to={`/products/${r.productId}?stock=${r.skuId}`}>调整库存</Link> },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  )
}
