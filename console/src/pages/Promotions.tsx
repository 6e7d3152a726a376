import { useState } from 'react'
import { Button, Table, Tag } from 'antd'
import { endPromotion, listPromotions, PROMOTION_KIND_LABEL, type AdminPromotion } from '../api/marketing'
import { useAuth } from '../auth'
import { ConfirmLink } from '../components/ConfirmLink'
import { PageTitle } from '../components/PageTitle'
import { dateTime, money } from '../lib/format'
import { useAction } from '../lib/use-action'
import { usePagedList } from '../lib/use-paged'
import { PromotionForm } from './PromotionForm'

const STATUS: Record<AdminPromotion['status'], { label: string; color: string }> = {
  scheduled: { label: '未开始', color: 'blue' },
  running: { label: '进行中', color: 'green' },
  over: { label: '已结束', color: 'default' },
  ended: { label: '已手动结束', color: 'default' },
}

export default function Promotions() {
  const act = useAction()
  const { allowed } = useAuth()
  const [creating, setCreating] = useState(false)
  const { list, setPage, pagination } = usePagedList((paging) => listPromotions(paging), [])

  const end = (p: AdminPromotion) => act(() => endPromotion(p.id), `「${p.name}」已结束`, list.reload)

  return (
    <div>
      <PageTitle
        title="活动"
        extra={
          allowed('marketing:write') && (
            <Button type="primary" onClick={() => setCreating(true)}>
              新建活动
            </Button>
          )
        }
      />
      <Table<AdminPromotion>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={pagination}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', width: 100, render: (k: AdminPromotion['kind']) => PROMOTION_KIND_LABEL[k] ?? k },
          { title: '状态', dataIndex: 'status', width: 110, render: (s: AdminPromotion['status']) => <Tag color={STATUS[s]?.color}>{STATUS[s]?.label ?? s}</Tag> },
          { title: '时间', key: 'time', width: 280, render: (_, p) => `${dateTime(p.startsAt)} ~ ${dateTime(p.endsAt)}` },
          {
            title: '使用情况',
            key: 'usage',
            width: 200,
            render: (_, p) => (p.usage ? `${p.usage.orders} 单 · ${p.usage.units} 件 · 优惠 ${money(p.usage.discount)}` : '—'),
          },
          {
            title: '操作',
            key: 'op',
            width: 90,
            fixed: 'right',
            render: (_, p) =>
              allowed('marketing:write') && (p.status === 'running' || p.status === 'scheduled') ? (
                <ConfirmLink title={`立即结束「${p.name}」？`} description="结束后价格立刻恢复" okText="结束" onConfirm={() => end(p)}>
                  结束
                </ConfirmLink>
              ) : null,
          },
        ]}
      />
      <PromotionForm open={creating} onClose={() => setCreating(false)} onDone={() => (setCreating(false), setPage(1), list.reload())} />
    </div>
  )
}
