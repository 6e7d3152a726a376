import { useCallback, useEffect, useRef, useState } from 'react'
import { App } from 'antd'
import { ApiError } from '../api/client'

export interface Loaded<T> {
  data: T | undefined
  loading: boolean
  error: ApiError | Error | null
  reload: () => void
}

interface Result<T> {
  key: string
  data?: T
  error: ApiError | Error | null
}

/**
 * Loads what a screen shows and reloads it when `deps` change; a failed load keeps the last
 * data, shows the server's message once, and leaves `error` for an inline retry. `onData`
 * runs with each answer (e.g. to fill a form).
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], onData?: (data: T) => void): Loaded<T> {
  const { message } = App.useApp()
  const [tick, setTick] = useState(0)
  const key = JSON.stringify([...deps, tick])
  const [result, setResult] = useState<Result<T>>({ key: '', error: null })
  const latest = useRef({ load, onData })
  useEffect(() => {
    latest.current = { load, onData }
  })

  useEffect(() => {
    let live = true
    latest.current.load().then(
      (data) => {
        if (!live) return
        setResult({ key, data, error: null })
        latest.current.onData?.(data)
      },
      (err: Error) => {
        if (!live) return
        setResult((r) => ({ key, data: r.data, error: err }))
        if (!(err instanceof ApiError && err.status === 401)) void message.error(err.message || '加载失败')
      },
    )
    return () => {
      live = false
    }
  }, [key, message])

  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data: result.data, loading: result.key !== key, error: result.key === key ? result.error : null, reload }
}
