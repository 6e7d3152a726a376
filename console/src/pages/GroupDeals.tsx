import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Button, Space, Table, Tabs, Tag } from 'antd'
import { GROUP_STATUSES, type GroupStatus } from '@domain/groups'
import { endGroupDeal, listGroupDeals, listGroups, type AdminGroupDeal, type AdminGroupRow } from '../api/groups'
import { useAuth } from '../auth'
import { ConfirmLink } from '../components/ConfirmLink'
import { FeatureMissing } from '../components/FeatureMissing'
import { GroupDealForm } from '../components/GroupDealForm'
import { PageTitle } from '../components/PageTitle'
import { StatusTabs } from '../components/StatusTabs'
import { isMissingPage, missingPage, orMissing } from '../lib/feature-missing'
import { dateTime } from '../lib/format'
import { DEAL_PHASE, dealPhase, dealStock, GROUP_STATUS, priceRange } from '../lib/group-deals'
import { useAction } from '../lib/use-action'
import { useCount } from '../lib/use-count'
import { useLoad } from '../lib/use-load'
import { PAGE_SIZE } from '../lib/use-paged'
import { useUrlFilters } from '../lib/use-url-filters'

/** 拼团: the deals (新建, 结束) and, on the second tab, the groups they formed with their orders. */
export default function GroupDeals() {
  const { params, update } = useUrlFilters()
  const tab = params.get('tab') === 'groups' ? 'groups' : 'deals'
  return (
    <div>
      <PageTitle title="拼团" />
      <Tabs activeKey={tab} onChange={(k) => update({ tab: k === 'deals' ? undefined : k, status: undefined, dealId: undefined })} items={[
        { key: 'deals', label: '拼团活动', children: tab === 'deals' && <DealList /> },
        { key: 'groups', label: '拼团记录', children: tab === 'groups' && <GroupList /> },
      ]} />
    </div>
  )
}

function DealList() {
  const act = useAction()
  const { allowed } = useAuth()
  const canWrite = allowed('marketing:write')
  const { params, update } = useUrlFilters()
  const page = Number(params.get('page') ?? 1)
  const [creating, setCreating] = useState(false)
  const list = useLoad(() => orMissing(listGroupDeals({ page, pageSize: PAGE_SIZE }), missingPage<AdminGroupDeal>()), [page])
  const missing = isMissingPage(list.data)

  return (
    <>
      {missing && <FeatureMissing what="拼团" />}
      {canWrite && !missing && (
        <Space className="filters">
          <Button type="primary" onClick={() => setCreating(true)}>
            新建拼团
          </Button>
        </Space>
      )}
      <Table<AdminGroupDeal>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1300 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ page: p }) }}
        columns={[
          { title: '名称', dataIndex: 'name', width: 180 },
          { title: '商品', dataIndex: 'productId', width: 90, render: (id: number) => <Link to={`/products/${id}`}>#{id}</Link> },
          { title: '成团人数', dataIndex: 'size', width: 90, render: (n: number) => `${n} 人团` },
          { title: '时限', dataIndex: 'hours', width: 80, render: (h: number) => `${h} 小时` },
          { title: '拼团价', key: 'price', width: 160, render: (_, d) => priceRange(d.skus) },
          { title: '库存 / 已售', key: 'stock', width: 110, render: (_, d) => `${dealStock(d)} / ${d.sold}` },
          {
            title: '拼团中 / 成团 / 失败',
            key: 'groups',
            width: 160,
            render: (_, d) => (
              <Link to={`/group-deals?tab=groups&dealId=${d.id}`}>
                {d.groups.forming} / {d.groups.succeeded} / {d.groups.failed}
              </Link>
            ),
          },
          {
            title: '状态',
            key: 'phase',
            width: 90,
            render: (_, d) => {
              const p = DEAL_PHASE[dealPhase(d)]
              return <Tag color={p.color}>{p.label}</Tag>
            },
          },
          { title: '活动时间', key: 'time', width: 290, render: (_, d) => `${dateTime(d.startsAt)} ~ ${dateTime(d.endsAt)}` },
          {
            title: '操作',
            key: 'op',
            width: 80,
            fixed: 'right',
            render: (_, d) =>
              canWrite && dealPhase(d) !== 'over' ? (
                <ConfirmLink title={`立即结束「${d.name}」？`} description="结束后不能再开团；已开的团照常进行到时限" okText="结束" onConfirm={() => act(() => endGroupDeal(d.id), `「${d.name}」已结束`, list.reload)}>
                  结束
                </ConfirmLink>
              ) : null,
          },
        ]}
      />
      <GroupDealForm open={creating} onClose={() => setCreating(false)} onDone={() => (setCreating(false), update({ page: undefined }), list.reload())} />
    </>
  )
}

function GroupList() {
  const { params, update } = useUrlFilters()
  const status = (params.get('status') ?? '') as GroupStatus | ''
  const dealId = Number(params.get('dealId')) || undefined
  const page = Number(params.get('page') ?? 1)
  const list = useLoad(() => orMissing(listGroups({ status: status || undefined, dealId, page, pageSize: PAGE_SIZE }), missingPage<AdminGroupRow>()), [status, dealId, page])
  const forming = useCount(() => listGroups({ status: 'forming', dealId, page: 1, pageSize: 1 }), !isMissingPage(list.data), [list.data])

  return (
    <>
      {isMissingPage(list.data) && <FeatureMissing what="拼团记录" />}
      <Space wrap className="filters">
        <StatusTabs value={status} onChange={(v) => update({ status: v })} statuses={GROUP_STATUSES} labels={GROUP_STATUS} waiting={{ status: 'forming', count: forming }} />
        {dealId && (
          <Tag closable onClose={() => update({ dealId: undefined })}>
            拼团活动 #{dealId}
          </Tag>
        )}
      </Space>
      <Table<AdminGroupRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        // Fits a 1280-wide window beside the menu (1100 cut 截止时间 off at the right).
        scroll={{ x: 1040 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ page: p }) }}
        columns={[
          { title: '团号', dataIndex: 'id', width: 80, render: (id: number) => `#${id}` },
          { title: '拼团活动', dataIndex: 'dealName', width: 180 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 90,
            render: (s: GroupStatus) => <Tag color={GROUP_STATUS[s].color}>{GROUP_STATUS[s].label}</Tag>,
          },
          { title: '已付款 / 人数', key: 'seats', width: 120, render: (_, g) => `${g.paid} / ${g.size}` },
          { title: '团长', key: 'leader', width: 90, render: (_, g) => g.leaderNickname || `用户 ${g.leaderUserId}` },
          {
            title: '订单',
            dataIndex: 'orderIds',
            render: (ids: number[]) =>
              ids.length ? (
                <Space size={4} wrap>
                  {ids.map((id) => (
                    <Link key={id} to={`/orders/${id}`}>
                      #{id}
                    </Link>
                  ))}
                </Space>
              ) : (
                '—'
              ),
          },
          { title: '开团时间', dataIndex: 'createdAt', width: 150, render: dateTime },
          { title: '截止时间', dataIndex: 'expiresAt', width: 150, render: dateTime },
        ]}
      />
    </>
  )
}
