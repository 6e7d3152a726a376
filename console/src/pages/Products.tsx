import { useState } from 'react'
import { Link, useNavigate } from 'react-router-dom'
import { Button, Image, Input, Select, Space, Switch, Table, TreeSelect } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { categoryTree, listCategories, listProducts, setShelf, toTreeData, type ProductRow } from '../api/catalog'
import { Allowed, useAuth } from '../auth'
import { PageTitle } from '../components/PageTitle'
import { dateTime, money } from '../lib/format'
import { useAction } from '../lib/use-action'
import { useLoad } from '../lib/use-load'
import { useUrlFilters } from '../lib/use-url-filters'

export default function Products() {
  const navigate = useNavigate()
  const act = useAction()
  const { allowed } = useAuth()
  // Filters live in the URL: a reload or a shared link shows the same list.
  const { params, update } = useUrlFilters()
  const q = params.get('q') ?? ''
  const categoryId = params.get('categoryId') ? Number(params.get('categoryId')) : undefined
  const onShelf = params.get('onShelf') ?? ''
  const page = Number(params.get('page') ?? 1)
  const pageSize = Number(params.get('pageSize') ?? 20)
  const [search, setSearch] = useState(q)
  const categories = useLoad(() => listCategories(), [])
  const list = useLoad(() => listProducts({ q, categoryId, onShelf: onShelf || undefined, page, pageSize }), [q, categoryId, onShelf, page, pageSize])
  const [switching, setSwitching] = useState<number | null>(null)

  const toggle = async (row: ProductRow, on: boolean) => {
    setSwitching(row.id)
    await act(() => setShelf(row.id, on), on ? `「${row.title}」已上架` : `「${row.title}」已下架`, list.reload)
    setSwitching(null)
  }

  return (
    <div>
      <PageTitle
        title="商品"
        extra={
          <Allowed permission="catalog:write">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/products/new')}>
              新建商品
            </Button>
          </Allowed>
        }
      />
      <Space wrap className="filters">
        <Input.Search placeholder="搜索商品名称" allowClear value={search} onChange={(e) => setSearch(e.target.value)} onSearch={(v) => update({ q: v.trim() })} style={{ width: 240 }} />
        <TreeSelect
          placeholder="全部分类"
          allowClear
          treeDefaultExpandAll
          style={{ width: 200 }}
          value={categoryId}
          treeData={toTreeData(categoryTree(categories.data?.items ?? []))}
          onChange={(v) => update({ categoryId: v as number | undefined })}
        />
        <Select
          style={{ width: 120 }}
          value={onShelf}
          onChange={(v) => update({ onShelf: v })}
          options={[
            { value: '', label: '全部状态' },
            { value: 'true', label: '已上架' },
            { value: 'false', label: '已下架' },
          ]}
        />
      </Space>
      <Table<ProductRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (t) => `共 ${t} 件商品`,
          onChange: (p, s) => update({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: '商品',
            dataIndex: 'title',
            render: (t: string, r) => (
              <Space>
                <Image src={r.image} width={48} height={48} style={{ objectFit: 'cover', borderRadius: 4 }} preview={false} fallback="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />
                <Link to={`/products/${r.id}`}>{t}</Link>
              </Space>
            ),
          },
          { title: '分类', dataIndex: 'categoryName', width: 120 },
          { title: '价格', key: 'price', width: 160, render: (_, r) => (r.priceMin === r.priceMax ? money(r.priceMin) : `${money(r.priceMin)} ~ ${money(r.priceMax)}`) },
          { title: '库存', dataIndex: 'stock', width: 80, align: 'right' },
          { title: '销量', dataIndex: 'sales', width: 80, align: 'right' },
          {
            title: '上架',
            dataIndex: 'onShelf',
            width: 90,
            render: (on: boolean, r) => (
              <Switch checked={on} loading={switching === r.id} disabled={!allowed('catalog:write')} checkedChildren="上架" unCheckedChildren="下架" onChange={(v) => toggle(r, v)} aria-label={`${r.title} 上下架`} />
            ),
          },
          { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: dateTime },
          { title: '操作', key: 'op', width: 80, fixed: 'right', render: (_, r) => <Link to={`/products/${r.id}`}>{allowed('catalog:write') ? '编辑' : '查看'}</Link> },
        ]}
      />
    </div>
  )
}
