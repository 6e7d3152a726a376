import { useState } from 'react'
import { App, Button, Form, Image, Input, InputNumber, Modal, Space, Table } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { createBanner, deleteBanner, listBanners, updateBanner, type Banner } from '../api/catalog'
import { Allowed, useAuth } from '../auth'
import { SingleImageUpload } from '../components/ImageUpload'
import { ConfirmLink } from '../components/ConfirmLink'
import { PageTitle } from '../components/PageTitle'
import { useAction } from '../lib/use-action'
import { useFormSubmit } from '../lib/use-form-submit'
import { useLoad } from '../lib/use-load'

type Values = Omit<Banner, 'id'>

export default function Banners() {
  const { message } = App.useApp()
  const act = useAction()
  const { allowed } = useAuth()
  const list = useLoad(() => listBanners(), [])
  const [editing, setEditing] = useState<Banner | 'new' | null>(null)
  const [form] = Form.useForm<Values>()
  const { busy, submit: submitForm } = useFormSubmit(form)

  const open = (b: Banner | 'new') => {
    setEditing(b)
    form.resetFields()
    form.setFieldsValue(b === 'new' ? { title: '', image: '', productId: null, sort: 0 } : b)
  }
  const submit = () =>
    submitForm(async (v) => {
      const body = { title: v.title.trim(), image: v.image, productId: v.productId ?? null, sort: v.sort ?? 0 }
      if (editing === 'new') await createBanner(body)
      else if (editing) await updateBanner(editing.id, body)
      void message.success('已保存')
      setEditing(null)
      list.reload()
    })
  const remove = (b: Banner) => act(() => deleteBanner(b.id), '已删除', list.reload)

  return (
    <div>
      <PageTitle
        title="轮播图"
        extra={
          <Allowed permission="catalog:write">
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
              新建轮播图
            </Button>
          </Allowed>
        }
      />
      <Table<Banner>
        rowKey="id"
        loading={list.loading}
        dataSource={(list.data?.items ?? []).slice().sort((a, b) => a.sort - b.sort)}
        pagination={false}
        columns={[
          { title: '图片', dataIndex: 'image', width: 180, render: (src: string) => <Image src={src} width={160} height={64} style={{ objectFit: 'cover', borderRadius: 4 }} /> },
          { title: '标题', dataIndex: 'title' },
          { title: '跳转商品', dataIndex: 'productId', width: 110, render: (id: number | null) => (id ? `#${id}` : '—') },
          { title: '排序', dataIndex: 'sort', width: 80, align: 'right' },
          ...(allowed('catalog:write')
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 140,
                  render: (_: unknown, b: Banner) => (
                    <Space>
                      <a onClick={() => open(b)}>编辑</a>
                      <ConfirmLink title="删除这张轮播图？" okText="删除" onConfirm={() => remove(b)}>
                        删除
                      </ConfirmLink>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal title={editing === 'new' ? '新建轮播图' : '编辑轮播图'} open={!!editing} onCancel={() => setEditing(null)} onOk={submit} confirmLoading={busy} okText="保存" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="image" label="图片（建议 750×300）" rules={[{ required: true, message: '请上传图片' }]}>
            <SingleImageUpload />
          </Form.Item>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请输入标题' }]}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="productId" label="跳转商品 ID（选填）">
            <InputNumber min={1} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="sort" label="排序（小的在前）">
            <InputNumber precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  )
}
