import { useCallback, useEffect, useRef, useState } from 'react'
import { App } from 'antd'
import { ApiError } from '../api/client'

export interface Loaded<T> {
  data: T | undefined
  loading: boolean
  error: ApiError | Error | null
  reload: () => void
}

/**
 * Loads what a screen shows and reloads it when `deps` change; a failed load keeps the last
 * data, shows the server's message once, and leaves `error` for an inline retry.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const { message } = App.useApp()
  const [data, setData] = useState<T>()
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<ApiError | Error | null>(null)
  const [tick, setTick] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    let live = true
    setLoading(true)
    loadRef.current().then(
      (d) => {
        if (!live) return
        setData(d)
        setError(null)
        setLoading(false)
      },
      (err: Error) => {
        if (!live) return
        setError(err)
        setLoading(false)
        if (!(err instanceof ApiError && err.status === 401)) void message.error(err.message || '加载失败')
      },
    )
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick])

  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data, loading, error, reload }
}
