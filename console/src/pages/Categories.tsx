import { useState } from 'react'
import { App, Button, Form, Input, InputNumber, Modal, Space, Table, TreeSelect } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { categoryTree, createCategory, deleteCategory, listCategories, toTreeData, updateCategory, type CategoryNode } from '../api/catalog'
import { Allowed, useAuth } from '../auth'
import { SingleImageUpload } from '../components/ImageUpload'
import { ConfirmLink } from '../components/ConfirmLink'
import { PageTitle } from '../components/PageTitle'
import { useAction } from '../lib/use-action'
import { useFormSubmit } from '../lib/use-form-submit'
import { useLoad } from '../lib/use-load'

interface Values {
  name: string
  parentId?: number | null
  icon: string
  sort?: number
}

export default function Categories() {
  const { message } = App.useApp()
  const act = useAction()
  const { allowed } = useAuth()
  const list = useLoad(() => listCategories(), [])
  const tree = categoryTree(list.data?.items ?? [])
  const [editing, setEditing] = useState<{ row: CategoryNode | null; parentId?: number | null } | null>(null)
  const [form] = Form.useForm<Values>()
  const { busy, submit: submitForm } = useFormSubmit(form)

  const open = (row: CategoryNode | null, parentId?: number | null) => {
    setEditing({ row, parentId })
    form.resetFields()
    form.setFieldsValue(row ? { name: row.name, parentId: row.parentId, icon: row.icon, sort: row.sort } : { name: '', parentId: parentId ?? null, icon: '', sort: 0 })
  }

  const submit = () =>
    submitForm(async (v) => {
      const body = { name: v.name.trim(), parentId: v.parentId ?? null, icon: v.icon?.trim() ?? '', sort: v.sort ?? 0 }
      if (editing?.row) await updateCategory(editing.row.id, body)
      else await createCategory(body)
      void message.success('已保存')
      setEditing(null)
      list.reload()
    })

  const remove = (row: CategoryNode) => act(() => deleteCategory(row.id), `已删除「${row.name}」`, list.reload)

  const parentOptions = toTreeData(tree.filter((c) => c.id !== editing?.row?.id))
  return (
    <div>
      <PageTitle
        title="分类"
        extra={
          <Allowed permission="catalog:write">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open(null)}>
              新建分类
            </Button>
          </Allowed>
        }
      />
      <Table<CategoryNode>
        rowKey="id"
        loading={list.loading}
        dataSource={tree}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '图标', dataIndex: 'icon', width: 80, render: (src: string) => (src ? <img src={src} alt="" width={32} height={32} style={{ objectFit: 'cover', borderRadius: 4 }} /> : '—') },
          { title: '排序', dataIndex: 'sort', width: 80, align: 'right' },
          { title: '商品数', dataIndex: 'productCount', width: 90, align: 'right' },
          ...(allowed('catalog:write')
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 220,
                  render: (_: unknown, r: CategoryNode) => (
                    <Space>
                      {!r.parentId && <a onClick={() => open(null, r.id)}>添加子分类</a>}
                      <a onClick={() => open(r)}>编辑</a>
                      <ConfirmLink title={`删除「${r.name}」？`} description="有商品或子分类的分类不能删除" okText="删除" onConfirm={() => remove(r)}>
                        删除
                      </ConfirmLink>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal title={editing?.row ? '编辑分类' : '新建分类'} open={!!editing} onCancel={() => setEditing(null)} onOk={submit} confirmLoading={busy} okText="保存" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label="名称" rules={[{ required: true, whitespace: true, message: '请输入分类名称' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="parentId" label="上级分类">
            <TreeSelect treeData={parentOptions} allowClear placeholder="无（一级分类）" treeDefaultExpandAll />
          </Form.Item>
          <Form.Item name="icon" label="图标（商城分类页显示）" rules={[{ required: true, message: '请上传分类图标' }]}>
            <SingleImageUpload />
          </Form.Item>
          <Form.Item name="sort" label="排序（小的在前）">
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
