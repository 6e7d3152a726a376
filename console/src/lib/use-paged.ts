import { useState } from 'react'
import type { Paged } from '../api/client'
import { useLoad, type Loaded } from './use-load'

export const PAGE_SIZE = 20

export interface PagedList<T> {
  list: Loaded<Paged<T>>
  page: number
  setPage: (page: number) => void
  /** The Table's `pagination` prop for this list. */
  pagination: { current: number; pageSize: number; total: number; onChange: (page: number) => void; showSizeChanger: false }
}

/** A server-paged list (20 a page): loads `page` and reloads when it or `deps` (the filters) change. */
export function usePagedList<T>(load: (paging: { page: number; pageSize: number }) => Promise<Paged<T>>, deps: unknown[]): PagedList<T> {
  const [page, setPage] = useState(1)
  const list = useLoad(() => load({ page, pageSize: PAGE_SIZE }), [...deps, page])
  return { list, page, setPage, pagination: { current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false } }
}
