import { useState } from 'react'
import { Navigate, useLocation, useNavigate } from 'react-router-dom'
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd'
import { changePassword } from '../api/staff'
import { useAuth } from '../auth'
import { showError } from '../lib/errors'

interface Values {
  current: string
  next: string
  confirm: string
}

/** Asked for by the server (mustChangePassword, e.g. after a one-time password), or from the user menu. */
export function ChangePasswordPage() {
  const { me, checking, refresh, logout } = useAuth()
  const navigate = useNavigate()
  const from = ((useLocation().state ?? {}) as { from?: string }).from
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  if (checking) return null
  if (!me) return <Navigate to="/login" replace />

  const submit = async (v: Values) => {
    setBusy(true)
    try {
      await changePassword(v.current, v.next)
      void message.success('密码已修改')
      await refresh()
      // Where the user was going before the server asked for a new password.
      navigate(from || '/', { replace: true })
    } catch (err) {
      showError(message, err, form)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="login-wrap">
      <Card className="login-card" title={<Typography.Title level={4} style={{ margin: '8px 0' }}>修改密码</Typography.Title>}>
        {me.mustChangePassword && <Alert type="warning" showIcon message="首次登录或密码已被重置，请先设置新密码" style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="current" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="next" label="新密码" rules={[{ required: true, message: '请输入新密码' }, { min: 8, message: '新密码至少 8 位' }]} hasFeedback>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label="确认新密码"
            dependencies={['next']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({ validator: (_, v) => (!v || v === getFieldValue('next') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))) }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            保存新密码
          </Button>
          <Button type="link" block onClick={async () => (me.mustChangePassword ? (await logout(), navigate('/login')) : navigate(-1))}>
            {me.mustChangePassword ? '退出登录' : '返回'}
          </Button>
        </Form>
      </Card>
    </div>
  )
}
