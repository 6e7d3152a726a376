import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Input, Space, Table, Tag } from 'antd'
import { PROMOTER_STATUSES, type PromoterStatus } from '@domain/promoters'
import { listPromoters, type AdminPromoter } from '../api/promoters'
import { FeatureMissing } from '../components/FeatureMissing'
import { PageTitle } from '../components/PageTitle'
import { PromoterActions } from '../components/PromoterActions'
import { StatusTabs } from '../components/StatusTabs'
import { missingPage, isMissingPage, orMissing } from '../lib/feature-missing'
import { dateTime, money, platformLabel } from '../lib/format'
import { PROMOTER_STATUS } from '../lib/promoters'
import { useCount } from '../lib/use-count'
import { useLoad } from '../lib/use-load'
import { PAGE_SIZE } from '../lib/use-paged'
import { useUrlFilters } from '../lib/use-url-filters'

/** 推广员: applications to decide (the default tab) and the shop's promoters, searchable by nickname. */
export default function Promoters() {
  const { params, update } = useUrlFilters()
  // '' = all statuses; the first visit opens on the applications waiting for a decision.
  const status = (params.has('status') ? params.get('status') : 'pending') as PromoterStatus | ''
  const q = params.get('q') ?? ''
  const page = Number(params.get('page') ?? 1)
  const [search, setSearch] = useState(q)
  const list = useLoad(() => orMissing(listPromoters({ status: status || undefined, q: q || undefined, page, pageSize: PAGE_SIZE }), missingPage<AdminPromoter>()), [status, q, page])
  const pending = useCount(() => listPromoters({ status: 'pending', page: 1, pageSize: 1 }), true, [list.data])
  const missing = isMissingPage(list.data)

  return (
    <div>
      <PageTitle title="推广员" extra={<Link to="/promoters/settings">推广设置</Link>} />
      {missing && <FeatureMissing what="推广员" />}
      <Space wrap className="filters">
        <StatusTabs value={status} onChange={(v) => update({ status: v })} statuses={PROMOTER_STATUSES} labels={PROMOTER_STATUS} waiting={{ status: 'pending', count: pending }} />
        <Input.Search placeholder="昵称 / 推广员 ID" allowClear value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => update({ q: v.trim() })} style={{ width: 220 }} />
      </Space>
      <Table<AdminPromoter>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ page: p }) }}
        columns={[
          { title: '推广员', key: 'who', width: 160, render: (_, p) => <Link to={`/promoters/${p.id}`} state={p}>{p.nickname || `用户 ${p.userId}`}</Link> },
          { title: '平台', dataIndex: 'platform', width: 80, render: platformLabel },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: PromoterStatus) => <Tag color={PROMOTER_STATUS[s].color}>{PROMOTER_STATUS[s].label}</Tag> },
          { title: '上级', dataIndex: 'parentId', width: 80, render: (id: number | null) => (id ? <Link to={`/promoters/${id}`}>#{id}</Link> : '—') },
          { title: '锁客数', dataIndex: 'customers', width: 80, align: 'right' },
          { title: '待结算', dataIndex: 'pending', width: 100, align: 'right', render: money },
          { title: '已结算', dataIndex: 'released', width: 100, align: 'right', render: money },
          { title: '可提现', dataIndex: 'withdrawable', width: 100, align: 'right', render: money },
          { title: '申请时间', dataIndex: 'appliedAt', width: 150, render: dateTime },
          { title: '操作', key: 'op', width: 150, fixed: 'right', render: (_, p) => <PromoterActions promoter={p} onDone={list.reload} /> },
        ]}
      />
    </div>
  )
}

