import { create } from 'zustand'

/**
 * The category the category tab should show. switchTab cannot carry a query, so the home
 * page's shortcuts write it here and the tab reads it. Not persisted: a fresh start shows
 * the first category.
 */
interface SelectedCategoryState {
  id: number | null
  select: (id: number) => void
}

export const useSelectedCategory = create<SelectedCategoryState>()((set) => ({
  id: null,
  select: (id) => set({ id }),
}))
