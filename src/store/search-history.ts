import { create } from 'zustand'
import { persist } from 'zustand/middleware'
import { persistStorage } from './storage'

export const SEARCH_HISTORY_MAX = 10

interface SearchHistoryState {
  /** Newest first, no duplicates, at most SEARCH_HISTORY_MAX. */
  terms: string[]
  record: (term: string) => void
  remove: (term: string) => void
  clear: () => void
}

export const useSearchHistory = create<SearchHistoryState>()(
  persist(
    (set) => ({
      terms: [],
      record: (term) => {
        const t = term.trim()
        if (!t) return
        set((s) => ({ terms: [t, ...s.terms.filter((x) => x !== t)].slice(0, SEARCH_HISTORY_MAX) }))
      },
      remove: (term) => set((s) => ({ terms: s.terms.filter((x) => x !== term) })),
      clear: () => set({ terms: [] }),
    }),
    { name: 'duet-search-history', storage: persistStorage, partialize: (s) => ({ terms: s.terms }) },
  ),
)
