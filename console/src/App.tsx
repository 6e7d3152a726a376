import { Suspense, useCallback } from 'react'
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom'
import { Result, Spin } from 'antd'
import { AuthProvider, useAuth } from './auth'
import { ConsoleLayout } from './layout/ConsoleLayout'
import { LoginPage } from './pages/Login'
import { ChangePasswordPage } from './pages/ChangePassword'
import { SCREENS } from './routes'

function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  )
}

/** Signed in (and the password changed when the server asks for it), or back to the login page. */
function Guarded() {
  const { me, checking, allowed } = useAuth()
  const location = useLocation()
  if (checking) return <Loading />
  if (!me) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />
  if (me.mustChangePassword) return <Navigate to="/password" replace state={{ from: location.pathname + location.search }} />
  const first = SCREENS.find((s) => !s.path.includes(':') && !s.path.endsWith('/new') && allowed(s.permission))
  return (
    <ConsoleLayout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route index element={<Navigate to={first?.path ?? '/orders'} replace />} />
          {SCREENS.map(({ path, permission, Screen }) => (
            <Route key={path} path={path} element={allowed(permission) ? <Screen /> : <Result status="403" title="没有权限" subTitle="你的角色不能使用这个页面，请联系店主" />} />
          ))}
          <Route path="*" element={<Result status="404" title="页面不存在" />} />
        </Routes>
      </Suspense>
    </ConsoleLayout>
  )
}

export function App() {
  const navigate = useNavigate()
  const location = useLocation()
  const onLostSession = useCallback(() => {
    if (location.pathname !== '/login') navigate('/login', { replace: true, state: { from: location.pathname + location.search } })
  }, [navigate, location.pathname, location.search])
  return (
    <AuthProvider onLostSession={onLostSession}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route path="/password" element={<ChangePasswordPage />} />
        <Route path="/*" element={<Guarded />} />
      </Routes>
    </AuthProvider>
  )
}
