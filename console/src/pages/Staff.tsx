import { useState } from 'react'
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from '@domain/staff'
import { createStaff, listStaff, resetStaffPassword, updateStaff, type StaffRow } from '../api/staff'
import { useAuth } from '../auth'
import { ConfirmLink } from '../components/ConfirmLink'
import { PageTitle } from '../components/PageTitle'
import { showError } from '../lib/errors'
import { dateTime } from '../lib/format'
import { useAction } from '../lib/use-action'
import { useFormSubmit } from '../lib/use-form-submit'
import { useLoad } from '../lib/use-load'

const roleOptions = STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))

export default function Staff() {
  const { message } = App.useApp()
  const act = useAction()
  const { me } = useAuth()
  const list = useLoad(() => listStaff(), [])
  const [adding, setAdding] = useState(false)
  // A one-time password is shown once, here, and never again.
  const [secret, setSecret] = useState<{ username: string; password: string } | null>(null)
  const [form] = Form.useForm<{ username: string; role: StaffRole }>()
  const { busy, submit: submitForm } = useFormSubmit(form)

  const add = () =>
    submitForm(async (v) => {
      const r = await createStaff({ username: v.username.trim(), role: v.role })
      setAdding(false)
      form.resetFields()
      setSecret({ username: r.username, password: r.password })
      list.reload()
    })
  const patch = (s: StaffRow, body: { role?: StaffRole; disabled?: boolean }, done: string) => act(() => updateStaff(s.id, body), done, list.reload)
  const reset = async (s: StaffRow) => {
    try {
      const r = await resetStaffPassword(s.id)
      setSecret({ username: s.username, password: r.password })
      list.reload()
    } catch (err) {
      showError(message, err)
    }
  }

  return (
    <div>
      <PageTitle
        title="员工"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            添加员工
          </Button>
        }
      />
      <Table<StaffRow>
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username', render: (u: string) => (u === me?.username ? <Space>{u}<Tag>我</Tag></Space> : u) },
          {
            title: '角色',
            dataIndex: 'role',
            width: 140,
            render: (role: StaffRole, s) => (
              <Select size="small" value={role} options={roleOptions} style={{ width: 100 }} onChange={(r) => patch(s, { role: r }, `已改为${ROLE_LABELS[r]}`)} aria-label={`${s.username} 的角色`} />
            ),
          },
          {
            title: '状态',
            key: 'state',
            width: 120,
            render: (_, s) =>
              s.disabled ? <Tag>已停用</Tag> : s.lockedUntil && dayjs(s.lockedUntil).isAfter(dayjs()) ? <Tag color="orange">已锁定</Tag> : <Tag color="green">正常</Tag>,
          },
          { title: '最近登录', dataIndex: 'lastLoginAt', width: 150, render: dateTime },
          { title: '创建时间', dataIndex: 'createdAt', width: 150, render: dateTime },
          {
            title: '操作',
            key: 'op',
            width: 180,
            fixed: 'right',
            render: (_, s) => (
              <Space>
                <Popconfirm title={`重置 ${s.username} 的密码？`} description="会生成新的一次性密码，并解除锁定" okText="重置" onConfirm={() => reset(s)}>
                  <a>重置密码</a>
                </Popconfirm>
                {s.disabled ? (
                  <a onClick={() => patch(s, { disabled: false }, '已启用')}>启用</a>
                ) : (
                  <ConfirmLink title={`停用 ${s.username}？`} description="停用后该员工立即无法登录" okText="停用" onConfirm={() => patch(s, { disabled: true }, '已停用')}>
                    停用
                  </ConfirmLink>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal title="添加员工" open={adding} onCancel={() => setAdding(false)} onOk={add} okText="添加" confirmLoading={busy} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ role: 'service' }}>
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }, { pattern: /^[A-Za-z0-9_.-]{2,32}$/, message: '2–32 位字母、数字、_ . -' }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="role" label="角色" extra="店主：全部权限；运营：商品、营销、订单；客服：订单与售后，商品只读">
            <Select options={roleOptions} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="一次性密码" open={!!secret} onCancel={() => setSecret(null)} footer={<Button type="primary" onClick={() => setSecret(null)}>我已记下</Button>} maskClosable={false}>
        <Alert type="warning" showIcon message="这个密码只显示这一次，关闭后无法再查看。请当面或通过安全渠道交给员工，对方首次登录后需要修改密码。" style={{ marginBottom: 16 }} />
        <p>
          用户名：<b>{secret?.username}</b>
        </p>
        <p>
          密码：
          <Typography.Text code copyable className="one-time-password" style={{ fontSize: 18 }}>
            {secret?.password}
          </Typography.Text>
        </p>
      </Modal>
    </div>
  )
}
