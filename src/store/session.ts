import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import type { Session, User } from '@/domain/contract'
import { forgetShareScenes, resendPendingAttribution } from '@/services/attribution'
import { linkSession } from '@/services/http'
import { acceptPendingInvite, forgetAnsweredInvites } from '@/services/referrals'
import { persistStorage } from './storage'

interface SessionState {
  token: string | null
  expiresAt: string | null
  user: User | null
  signIn: (session: Session) => void
  signOut: () => void
}

export const useSession = create<SessionState>()(
  persist(
    (set) => ({
      token: null,
      expiresAt: null,
      user: null,
      signIn: (s) => {
        set({ token: s.token, expiresAt: s.expiresAt, user: s.user })
        // A scene the shopper arrived with as a guest counts for them now (services/attribution).
        void resendPendingAttribution()
        // So does the invite code they were opened with (services/referrals).
        void acceptPendingInvite()
      },
      signOut: () => {
        set({ token: null, expiresAt: null, user: null })
        forgetShareScenes()
        forgetAnsweredInvites()
      },
    }),
    { name: 'duet-session', storage: persistStorage },
  ),
)

/** The token while it is still valid; an expired one counts as logged out. */
export function currentToken(now = Date.now()): string | null {
  const { token, expiresAt } = useSession.getState()
  if (!token || !expiresAt || Date.parse(expiresAt) <= now) return null
  return token
}

export function useIsLoggedIn(): boolean {
  return useSession((s) => s.token !== null && s.expiresAt !== null && Date.parse(s.expiresAt) > Date.now())
}

// The HTTP client sends this session's token and ends the session on a 401; it never imports the store.
linkSession({ token: () => currentToken(), unauthorized: () => useSession.getState().signOut() })
