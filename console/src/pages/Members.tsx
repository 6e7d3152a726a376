import { useState } from 'react'
import { App, Popconfirm, Table, Tag } from 'antd'
import { listMembers, MEMBER_TIER_LABEL, removeMember, type Member } from '../api/marketing'
import { useAuth } from '../auth'
import { PageTitle } from '../components/PageTitle'
import { showError } from '../lib/errors'
import { dateTime, platformLabel } from '../lib/format'
import { useLoad } from '../lib/use-load'

export default function Members() {
  const { message } = App.useApp()
  const { allowed } = useAuth()
  const [page, setPage] = useState(1)
  const list = useLoad(() => listMembers({ page, pageSize: 20 }), [page])
  const remove = async (m: Member) => {
    try {
      await removeMember(m.userId)
      void message.success('已取消会员')
      list.reload()
    } catch (err) {
      showError(message, err)
    }
  }
  return (
    <div>
      <PageTitle title="会员" />
      <Table<Member>
        rowKey="userId"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
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
                <Popconfirm title="取消这位用户的会员？" okText="取消会员" okButtonProps={{ danger: true }} onConfirm={() => remove(m)}>
                  <a style={{ color: '#ff4d4f' }}>取消会员</a>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </div>
  )
}
