import { useState } from 'react'
import { App, type FormInstance } from 'antd'
import { showError, validated } from './errors'

/**
 * A modal form's save: `submit(run)` validates the form (stopping at a field error), keeps `busy`
 * while `run` works with the values, and shows a failure under its field or as a toast.
 */
export function useFormSubmit<V>(form: FormInstance<V>) {
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const submit = async (run: (values: V) => Promise<void>) => {
    const v = await validated(form)
    if (!v) return
    setBusy(true)
    try {
      await run(v)
    } catch (err) {
      showError(message, err, form)
    } finally {
      setBusy(false)
    }
  }
  return { busy, submit }
}
