import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { can, type Permission } from '@domain/staff'
import { ApiError, getToken, setToken, setUnauthorizedHandler } from './api/client'
import { getMe, logout as apiLogout, type Me } from './api/staff'

interface AuthState {
  me: Me | null
  /** True until the first /me answer (or its failure) when a token is stored. */
  checking: boolean
  /** The last session ended on a 401 (expired, ended elsewhere): the login page says so. */
  expired: boolean
  /** Whether the signed-in role may use a permission; no permission = owner-only. */
  allowed: (permission: Permission | undefined) => boolean
  signedIn: (token: string) => Promise<Me>
  refresh: () => Promise<void>
  logout: () => Promise<void>
}

const AuthContext = createContext<AuthState | null>(null)

export function AuthProvider({ children, onLostSession }: { children: ReactNode; onLostSession: () => void }) {
  const [me, setMe] = useState<Me | null>(null)
  const [checking, setChecking] = useState(() => !!getToken())
  const [expired, setExpired] = useState(false)

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setExpired(true)
      setMe(null)
      onLostSession()
    })
  }, [onLostSession])

  const refresh = useCallback(async () => {
    if (!getToken()) {
      setMe(null)
      setChecking(false)
      return
    }
    try {
      setMe(await getMe())
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setMe(null)
      else throw err
    } finally {
      setChecking(false)
    }
  }, [])

  // A stored token (a reload of the page): ask who it is once.
  useEffect(() => {
    if (!getToken()) return
    getMe().then(
      (m) => setMe(m),
      () => setMe(null),
    ).finally(() => setChecking(false))
  }, [])

  const signedIn = useCallback(async (token: string) => {
    setToken(token)
    const m = await getMe()
    setExpired(false)
    setMe(m)
    return m
  }, [])

  const logout = useCallback(async () => {
    try {
      if (me?.kind === 'staff') await apiLogout()
    } catch {
      // The session may be gone already; the token is dropped either way.
    }
    setToken(null)
    setMe(null)
  }, [me])

  const value = useMemo<AuthState>(
    () => ({
      me,
      checking,
      expired,
      allowed: (p) => !!me && can(me.role, p),
      signedIn,
      refresh,
      logout,
    }),
    [me, checking, expired, signedIn, refresh, logout],
  )
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): AuthState {
  const v = useContext(AuthContext)
  if (!v) throw new Error('useAuth outside AuthProvider')
  return v
}

/** Renders children only when the role may use `permission` (hidden buttons, not disabled ones). */
export function Allowed({ permission, children }: { permission: Permission | undefined; children: ReactNode }) {
  return useAuth().allowed(permission) ? <>{children}</> : null
}
