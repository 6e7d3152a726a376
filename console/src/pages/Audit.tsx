import { useState } from 'react'
import { Button, Descriptions, Drawer, Input, Space, Table, Typography } from 'antd'
import { listAudit, type AuditEntry } from '../api/staff'
import { PageTitle } from '../components/PageTitle'
import { dateTime } from '../lib/format'
import { usePagedList } from '../lib/use-paged'

const ENTITY_LABEL: Record<string, string> = { product: '商品', sku: '规格', category: '分类', banner: '轮播图', order: '订单', refund: '退款', promotion: '活动', coupon_batch: '优惠券', staff: '员工', member: '会员', rental: '租赁' }

/** Keys whose values differ between before and after, with both sides. */
function diff(before: unknown, after: unknown): { key: string; before: string; after: string }[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 1))
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).map((k) => ({ key: k, before: show(b[k]), after: show(a[k]) }))
}

export default function Audit() {
  const [filters, setFilters] = useState({ entity: '', entityId: '', actor: '', action: '' })
  const [draft, setDraft] = useState(filters)
  const [open, setOpen] = useState<AuditEntry | null>(null)
  const { list, setPage, pagination } = usePagedList((paging) => listAudit({ ...filters, ...paging }), [filters])

  return (
    <div>
      <PageTitle title="操作日志" />
      <Space wrap className="filters">
        <Input placeholder="操作人" value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} style={{ width: 140 }} allowClear />
        <Input placeholder="动作，如 product.update" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} style={{ width: 200 }} allowClear />
        <Input placeholder="对象类型，如 product" value={draft.entity} onChange={(e) => setDraft({ ...draft, entity: e.target.value })} style={{ width: 180 }} allowClear />
        <Input placeholder="对象 ID" value={draft.entityId} onChange={(e) => setDraft({ ...draft, entityId: e.target.value })} style={{ width: 100 }} allowClear />
        <Button type="primary" onClick={() => (setFilters({ ...draft }), setPage(1))}>
          查询
        </Button>
      </Space>
      <Table<AuditEntry>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 800 }}
        pagination={pagination}
        onRow={(r) => ({ onClick: () => setOpen(r), style: { cursor: 'pointer' } })}
        columns={[
          { title: '时间', dataIndex: 'createdAt', width: 150, render: dateTime },
          { title: '操作人', dataIndex: 'actor', width: 140 },
          { title: '动作', dataIndex: 'action', width: 200 },
          { title: '对象', key: 'entity', render: (_, r) => `${ENTITY_LABEL[r.entity] ?? r.entity} ${r.entityId ?? ''}` },
          { title: '', key: 'op', width: 100, render: (_, r) => <a onClick={() => setOpen(r)}>查看变更</a> },
        ]}
      />
      <Drawer title="变更详情" open={!!open} onClose={() => setOpen(null)} size="large">
        {open && (
          <>
            <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
              <Descriptions.Item label="时间">{dateTime(open.createdAt)}</Descriptions.Item>
              <Descriptions.Item label="操作人">{open.actor}</Descriptions.Item>
              <Descriptions.Item label="动作">{open.action}</Descriptions.Item>
              <Descriptions.Item label="对象">{`${ENTITY_LABEL[open.entity] ?? open.entity} ${open.entityId ?? ''}`}</Descriptions.Item>
            </Descriptions>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={diff(open.before, open.after)}
              locale={{ emptyText: '没有字段变化' }}
              columns={[
                { title: '字段', dataIndex: 'key', width: 120 },
                { title: '修改前', dataIndex: 'before', render: (v: string) => <Typography.Text delete type="secondary" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{v}</Typography.Text> },
                { title: '修改后', dataIndex: 'after', render: (v: string) => <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{v}</Typography.Text> },
              ]}
            />
          </>
        )}
      </Drawer>
    </div>
  )
}
