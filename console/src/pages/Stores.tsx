import { useState } from 'react'
import { Link } from 'react-router-dom'
import { Button, Space, Table, Tag } from 'antd'
import { hoursText } from '@domain/stores'
import { listStores, type AdminStore } from '../api/stores'
import { useAuth } from '../auth'
import { FeatureMissing } from '../components/FeatureMissing'
import { PageTitle } from '../components/PageTitle'
import { StoreFormDialog } from '../components/StoreFormDialog'
import { orMissing } from '../lib/feature-missing'
import { radiusText, STOCK_MODE } from '../lib/stores'
import { useLoad } from '../lib/use-load'

/** 门店管理: every store (active or not) with its hours, pickup and stock mode; 新建 / 编辑 with stores:write. */
export default function Stores() {
  const { allowed } = useAuth()
  const canWrite = allowed('stores:write')
  const list = useLoad(() => orMissing(listStores(), null), [])
  const [editing, setEditing] = useState<AdminStore | 'new' | null>(null)

  return (
    <div>
      <PageTitle
        title="门店管理"
        extra={
          canWrite &&
          list.data !== null && (
            <Button type="primary" onClick={() => setEditing('new')}>
              新建门店
            </Button>
          )
        }
      />
      {list.data === null && <FeatureMissing what="门店" />}
      <Table<AdminStore>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 1250 }}
        columns={[
          { title: '门店', dataIndex: 'name', width: 180, render: (name: string, s) => <Link to={`/stores/${s.id}`}>{name}</Link> },
          { title: '城市', dataIndex: 'city', width: 100 },
          { title: '地址', dataIndex: 'address', ellipsis: true },
          { title: '营业时间', key: 'hours', width: 200, render: (_, s) => s.hoursText || hoursText(s.hours) },
          { title: '自提', dataIndex: 'pickup', width: 80, render: (p: boolean) => (p ? <Tag color="green">支持</Tag> : <Tag>不支持</Tag>) },
          { title: '配送', dataIndex: 'deliveryRadiusMeters', width: 90, render: radiusText },
          { title: '库存方式', dataIndex: 'stockMode', width: 120, render: (m: AdminStore['stockMode']) => STOCK_MODE[m].label },
          { title: '状态', dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="blue">营业</Tag> : <Tag>停用</Tag>) },
          {
            title: '操作',
            key: 'actions',
            width: 170,
            fixed: 'right',
            render: (_, s) => (
              <Space>
                <Link to={`/stores/${s.id}`}>{s.stockMode === 'own' ? '库存与门店码' : '门店码'}</Link>
                {canWrite && <a onClick={() => setEditing(s)}>编辑</a>}
              </Space>
            ),
          },
        ]}
      />
      <StoreFormDialog
        store={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onDone={() => {
          setEditing(null)
          list.reload()
        }}
      />
    </div>
  )
}
