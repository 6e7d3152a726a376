import { useCallback } from 'react'
import { App } from 'antd'
import { showError } from './errors'

/**
 * Runs a change from a list's button: on success says `done` (or what it makes of the answer)
 * and calls `after` (typically the list's reload); a failure is a toast with the server's message.
 * Resolves to the answer, or undefined after a failure.
 */
export function useAction() {
  const { message } = App.useApp()
  return useCallback(
    async <T,>(run: () => Promise<T>, done: string | ((answer: T) => string), after?: () => void): Promise<T | undefined> => {
      try {
        const answer = await run()
        void message.success(typeof done === 'string' ? done : done(answer))
        after?.()
        return answer
      } catch (err) {
        showError(message, err)
        return undefined
      }
    },
    [message],
  )
}
