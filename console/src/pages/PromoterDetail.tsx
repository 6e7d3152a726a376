import { Link, useLocation, useNavigate, useParams } from 'react-router-dom'
import { Alert, Button, Card, Col, Descriptions, Row, Space, Spin, Statistic, Table, Tag } from 'antd'
import type { CommissionState } from '@domain/promoters'
import { findPromoter, listPromoterCommissions, type AdminPromoter, type CommissionItem } from '../api/promoters'
import { FeatureMissing } from '../components/FeatureMissing'
import { PageTitle } from '../components/PageTitle'
import { PromoterActions } from '../components/PromoterActions'
import { isMissingPage, missingPage, orMissing } from '../lib/feature-missing'
import { dateTime, money, platformLabel } from '../lib/format'
import { COMMISSION_STATE, PROMOTER_STATUS } from '../lib/promoters'
import { useLoad } from '../lib/use-load'
import { usePagedList } from '../lib/use-paged'

/** A promoter: who they are, what they have earned, and every order that earned it. */
export default function PromoterDetail() {
  const id = Number(useParams().id)
  const navigate = useNavigate()
  // From the list the row comes along (no reload needed for the figures); a fresh load asks.
  const location = useLocation()
  const fromList = (location.state as AdminPromoter | null) ?? null
  const promoter = useLoad(() => (fromList?.id === id ? Promise.resolve(fromList) : orMissing(findPromoter(id), undefined)), [id])
  const { list, pagination } = usePagedList((paging) => orMissing(listPromoterCommissions(id, paging), missingPage<CommissionItem>()), [id])
  const p = promoter.data

  if (promoter.loading && !p) return <Spin style={{ display: 'block', margin: 48 }} />
  if (isMissingPage(list.data) && !p) return <FeatureMissing what="推广员" />
  if (!p && promoter.error) return <Alert type="error" showIcon title="推广员加载失败" description={promoter.error.message} action={<Button onClick={promoter.reload}>重试</Button>} />

  return (
    <div>
      <PageTitle
        title={
          <Space>
            推广员 {p ? p.nickname || `用户 ${p.userId}` : `#${id}`}
            {p && <Tag color={PROMOTER_STATUS[p.status].color}>{PROMOTER_STATUS[p.status].label}</Tag>}
          </Space>
        }
        extra={
          <Space>
            {p && <PromoterActions
                promoter={p}
                onDone={() => {
                  // The row from the list is stale now: drop it and ask the server.
                  navigate(location.pathname, { replace: true, state: null })
                  promoter.reload()
                }}
              />}
            <Button onClick={() => navigate(-1)}>返回</Button>
          </Space>
        }
      />
      {p ? (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {[
              { title: '锁客数', value: p.customers },
              { title: '待结算佣金', value: money(p.pending) },
              { title: '已结算佣金', value: money(p.released) },
              { title: '可提现', value: money(p.withdrawable) },
            ].map((c) => (
              <Col key={c.title} xs={12} md={6}>
                <Card size="small">
                  <Statistic title={c.title} value={c.value} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card size="small" title="推广员信息" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 3 }}>
              <Descriptions.Item label="用户">{p.nickname || '—'}（ID {p.userId}）</Descriptions.Item>
              <Descriptions.Item label="平台">{platformLabel(p.platform)}</Descriptions.Item>
              <Descriptions.Item label="推广码">{p.scene || '—'}</Descriptions.Item>
              <Descriptions.Item label="上级推广员">{p.parentId ? <Link to={`/promoters/${p.parentId}`}>#{p.parentId}</Link> : '—'}</Descriptions.Item>
              <Descriptions.Item label="申请时间">{dateTime(p.appliedAt)}</Descriptions.Item>
              <Descriptions.Item label="审核时间">{dateTime(p.decidedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </>
      ) : (
        <Alert type="warning" showIcon title="没有找到这位推广员的资料" style={{ marginBottom: 16 }} />
      )}
      <Card size="small" title="佣金明细">
        {isMissingPage(list.data) && <FeatureMissing what="佣金明细" />}
        <Table<CommissionItem>
          rowKey={(c) => `${c.orderId}-${c.level}`}
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={pagination}
          scroll={{ x: 960 }}
          locale={{ emptyText: '暂无佣金' }}
          columns={[
            { title: '订单', dataIndex: 'orderNo', width: 190, render: (no: string, c) => <Link to={`/orders/${c.orderId}`}>{no}</Link> },
            { title: '级别', dataIndex: 'level', width: 70, render: (l: 1 | 2) => (l === 1 ? '一级' : '二级') },
            { title: '买家', dataIndex: 'buyer', width: 110 },
            { title: '计佣金额', dataIndex: 'base', width: 100, align: 'right', render: money },
            { title: '佣金', dataIndex: 'accrued', width: 90, align: 'right', render: money },
            { title: '已退回', dataIndex: 'reversed', width: 90, align: 'right', render: (v: number) => (v ? money(v) : '—') },
            { title: '状态', dataIndex: 'state', width: 90, render: (s: CommissionState) => <Tag color={COMMISSION_STATE[s].color}>{COMMISSION_STATE[s].label}</Tag> },
            { title: '下单时间', dataIndex: 'createdAt', width: 150, render: dateTime },
            {
              title: '结算时间',
              dataIndex: 'releaseAt',
              width: 170,
              render: (at: string | null, c) => (!at ? '—' : c.state === 'pending' ? `预计 ${dateTime(at)}` : c.state === 'released' ? dateTime(at) : '—'),
            },
          ]}
        />
      </Card>
    </div>
  )
}
