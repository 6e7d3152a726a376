import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Button, Image, Space, Switch, Table, Tabs, Tag } from 'antd'
import { listMallItems, listRedemptions, updateMallItem, type AdminMallItem, type AdminRedemption } from '../api/points'
import { useAuth } from '../auth'
import { FeatureMissing } from '../components/FeatureMissing'
import { MallItemDialog } from '../components/MallItemDialog'
import { PageTitle } from '../components/PageTitle'
import { isMissingPage, missingPage, orMissing } from '../lib/feature-missing'
import { dateTime } from '../lib/format'
import { MALL_KIND, mallPriceText, REDEMPTION_STATUS } from '../lib/points'
import { useAction } from '../lib/use-action'
import { useLoad } from '../lib/use-load'
import { PAGE_SIZE } from '../lib/use-paged'
import { useUrlFilters } from '../lib/use-url-filters'

/** 积分商城: what shoppers can redeem with points (上架 / 下架, stock), and, on the second tab, what they redeemed. */
export default function PointsMall() {
  const { params, update } = useUrlFilters()
  const tab = params.get('tab') === 'redemptions' ? 'redemptions' : 'items'
  return (
    <div>
      <PageTitle title="积分商城" />
      <Tabs
        activeKey={tab}
        onChange={(k) => update({ tab: k === 'items' ? undefined : k })}
        items={[
          { key: 'items', label: '兑换商品', children: tab === 'items' && <MallItems /> },
          { key: 'redemptions', label: '兑换记录', children: tab === 'redemptions' && <Redemptions /> },
        ]}
      />
    </div>
  )
}

function MallItems() {
  const act = useAction()
  const { allowed } = useAuth()
  const canWrite = allowed('marketing:write')
  const list = useLoad(() => orMissing(listMallItems(), missingPage<AdminMallItem>()), [])
  const missing = isMissingPage(list.data)
  // undefined: closed; null: a new item.
  const [editing, setEditing] = useState<AdminMallItem | null | undefined>(undefined)

  const setActive = (i: AdminMallItem, active: boolean) => {
    const { id: _id, redeemed: _r, createdAt: _c, ...input } = i
    return act(() => updateMallItem(i.id, { ...input, active }), active ? `「${i.title}」已上架` : `「${i.title}」已下架`, list.reload)
  }

  return (
    <>
      {missing && <FeatureMissing what="积分商城" />}
      {canWrite && !missing && (
        <Space className="filters">
          <Button type="primary" onClick={() => setEditing(null)}>
            新增兑换商品
          </Button>
        </Space>
      )}
      <Table<AdminMallItem>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        pagination={false}
        columns={[
          { title: '图片', dataIndex: 'image', width: 72, render: (src: string) => (src ? <Image src={src} width={48} height={48} style={{ objectFit: 'cover' }} /> : '—') },
          { title: '名称', dataIndex: 'title' },
          { title: '类型', dataIndex: 'kind', width: 80, render: (k: AdminMallItem['kind']) => <Tag color={MALL_KIND[k].color}>{MALL_KIND[k].label}</Tag> },
          { title: '兑换价', key: 'price', width: 160, render: (_, i) => mallPriceText(i) },
          { title: '库存 / 已兑换', key: 'stock', width: 120, render: (_, i) => `${i.stock} / ${i.redeemed}` },
          { title: '每人限兑', dataIndex: 'perUserLimit', width: 90, render: (n: number | null) => (n ? `${n} 件` : '不限') },
          {
            title: '上架',
            dataIndex: 'active',
            width: 80,
            render: (active: boolean, i) => <Switch size="small" checked={active} disabled={!canWrite} onChange={(on) => setActive(i, on)} aria-label={`上架：${i.title}`} />,
          },
          { title: '创建时间', dataIndex: 'createdAt', width: 150, render: dateTime },
          { title: '操作', key: 'op', width: 80, fixed: 'right', render: (_, i) => (canWrite ? <a onClick={() => setEditing(i)}>编辑</a> : null) },
        ]}
      />
      <MallItemDialog item={editing ?? null} open={editing !== undefined} onClose={() => setEditing(undefined)} onDone={() => (setEditing(undefined), list.reload())} />
    </>
  )
}

function Redemptions() {
  const { params, update } = useUrlFilters()
  const page = Number(params.get('page') ?? 1)
  const list = useLoad(() => orMissing(listRedemptions({ page, pageSize: PAGE_SIZE }), missingPage<AdminRedemption>()), [page])
  return (
    <>
      {isMissingPage(list.data) && <FeatureMissing what="兑换记录" />}
      <Table<AdminRedemption>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ page: p }) }}
        columns={[
          { title: '兑换商品', dataIndex: 'itemTitle' },
          { title: '类型', dataIndex: 'kind', width: 80, render: (k: AdminRedemption['kind']) => <Tag color={MALL_KIND[k].color}>{MALL_KIND[k].label}</Tag> },
          { title: '用户', dataIndex: 'userId', width: 100, render: (id: number) => `用户 ${id}` },
          { title: '花费', key: 'cost', width: 160, render: (_, r) => mallPriceText(r) },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: AdminRedemption['status']) => <Tag color={REDEMPTION_STATUS[s].color}>{REDEMPTION_STATUS[s].label}</Tag> },
          { title: '订单', dataIndex: 'orderId', width: 100, render: (id: number | null) => (id ? <Link to={`/orders/${id}`}>#{id}</Link> : '—') },
          { title: '兑换时间', dataIndex: 'createdAt', width: 150, render: dateTime },
        ]}
      />
    </>
  )
}
