import { useState } from 'react'
import { App, Popconfirm, Table } from 'antd'
import { listMembers, removeMember, type Member } from '../api/marketing'
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
          { title: '用户', key: 'user', render: (_, m) => m.nickname ?? `用户 ${m.userId}` },
          { title: '平台', dataIndex: 'platform', width: 90, render: platformLabel },
          { title: '等级', dataIndex: 'tier', width: 120 },
          { title: '到期时间', dataIndex: 'expiresAt', width: 160, render: (v: string | null) => (v ? dateTime(v) : '长期') },
          {
            title: '操作',
            key: 'op',
            width: 100,
            render: (_, m) =>
              allowed('marketing:write') ? (
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
