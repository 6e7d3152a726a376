import { useState } from 'react'
import { Navigate, useLocation, useNavigate } from 'react-router-dom'
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd'
import { LockOutlined, UserOutlined } from '@ant-design/icons'
import { clockTime } from '../lib/format'
import { ApiError } from '../api/client'
import { login } from '../api/staff'
import { useAuth } from '../auth'
import { showError } from '../lib/errors'

export function LoginPage() {
  const { me, expired, signedIn } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ username: string; password: string }>()
  const [busy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const state = (location.state ?? {}) as { from?: string }

  if (me) return <Navigate to={me.mustChangePassword ? '/password' : state.from || '/'} replace state={{ from: state.from }} />

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true)
    setNotice(null)
    try {
      const answer = await login(v.username.trim(), v.password)
      const m = await signedIn(answer.token)
      navigate(m.mustChangePassword ? '/password' : state.from || '/', { replace: true, state: { from: state.from } })
    } catch (err) {
      if (err instanceof ApiError && err.status === 423) {
        const until = err.details.lockedUntil as string | undefined
        setNotice(`${err.message}${until ? `（北京时间 ${clockTime(until)} 后可再试）` : ''}`)
      } else if (err instanceof ApiError && (err.status === 401 || err.code === 'ACCOUNT_DISABLED')) {
        setNotice(err.message || (err.status === 401 ? '用户名或密码不正确' : '账号已停用'))
      } else showError(message, err, form)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="login-wrap">
      <Card className="login-card" title={<Typography.Title level={3} style={{ margin: '8px 0' }}>Duet 商家后台</Typography.Title>}>
        {expired && !notice && <Alert type="info" showIcon message="登录已失效，请重新登录" style={{ marginBottom: 16 }} />}
        {notice && <Alert type="error" showIcon message={notice} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="on">
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" size="large" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  )
}
