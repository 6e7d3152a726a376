import { Table, Tag } from 'antd'
import { listMembers, MEMBER_TIER_LABEL, removeMember, type Member } from '../api/marketing'
import { useAuth } from '../auth'
import { ConfirmLink } from '../components/ConfirmLink'
import { PageTitle } from '../components/PageTitle'
import { dateTime, platformLabel } from '../lib/format'
import { useAction } from '../lib/use-action'
import { usePagedList } from '../lib/use-paged'

export default function Members() {
  const act = useAction()
  const { allowed } = useAuth()
  const { list, pagination } = usePagedList((paging) => listMembers(paging), [])
  const remove = (m: Member) => act(() => removeMember(m.userId), '已取消会员', list.reload)
  return (
    <div>
      <PageTitle title="会员" />
      <Table<Member>
        rowKey="userId"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={pagination}
        columns={[
          { title: '用户', key: 'user', render: (_, m) => m.nickname || `用户 ${m.userId}` },
          { title: '平台', dataIndex: 'platform', width: 90, render: platformLabel },
          { title: '来源', dataIndex: 'tier', width: 110, render: (t: string) => MEMBER_TIER_LABEL[t] ?? t },
          { title: '状态', dataIndex: 'status', width: 90, render: (s: Member['status']) => (s === 'active' ? <Tag color="green">有效</Tag> : <Tag>已结束</Tag>) },
          { title: '开通时间', dataIndex: 'startedAt', width: 160, render: dateTime },
          { title: '到期时间', dataIndex: 'expiresAt', width: 160, render: (v: string | null, m) => (v ? dateTime(v) : m.status === 'active' ? '长期' : '—') },
          {
            title: '操作',
            key: 'op',
            width: 100,
            render: (_, m) =>
              allowed('marketing:write') && m.status === 'active' ? (
                <ConfirmLink title="取消这位用户的会员？" okText="取消会员" onConfirm={() => remove(m)}>
                  取消会员
                </ConfirmLink>
              ) : null,
          },
        ]}
      />
    </div>
  )
}
