import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from './http'

/**
 * The detail pages' load of one record named by the route's id (an order, an after-sale, a
 * rental): a missing or malformed id is a 404 without a request; otherwise `fetch(id)`, its
 * answer handed to `onLoad` (the page keeps its own copy, which its buttons replace) and the
 * status `ready`, or the failure shown. `load` changes with the id only; the pages call it
 * on show and on pull-down.
 */
export function useRecordLoad<T>(id: number, notFound: string, fetch: (id: number) => Promise<T>, onLoad: (value: T) => void) {
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  // The newest callbacks, without making `load` change with every render of the page.
  const fetchRef = useRef(fetch)
  const onLoadRef = useRef(onLoad)
  useEffect(() => {
    fetchRef.current = fetch
    onLoadRef.current = onLoad
  })

  const load = useCallback(async () => {
    if (!Number.isInteger(id) || id <= 0) {
      setError(new ApiError(404, 'NOT_FOUND', notFound))
      setStatus('error')
      return
    }
    try {
      onLoadRef.current(await fetchRef.current(id))
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }, [id, notFound])

  return { status, error, load }
}
