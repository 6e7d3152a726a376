import { useState } from 'react'
import { App, type FormInstance } from 'antd'
import { ApiError } from '../api/client'
import { shipOrder } from '../api/orders'
import { showError, validated } from './errors'
import type { ShipCheck } from './parcels'

/**
 * A ship dialog's submit: validates the form, turns its values into the ship call (`build`, or
 * the problem in Chinese), sends it, and on success resets the form and calls `onDone`. The
 * problem, a check's or the server's 409 (the order changed meanwhile; a gift's 409
 * GIFT_NOT_CLAIMED), is shown in the dialog, where the merchant looks.
 */
export function useShip<V>(form: FormInstance<V>, orderId: number, onDone: () => void) {
  const { message } = App.useApp()
  const [busy, setBusy] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const ship = async (build: (values: V) => ShipCheck, done: (parcels: number) => string) => {
    const v = await validated(form)
    if (!v) return
    const check = build(v)
    if (!check.ok) {
      setProblem(check.message)
      return
    }
    setProblem(null)
    setBusy(true)
    try {
      await shipOrder(orderId, check.input)
      void message.success(done(check.input.parcels.length))
      form.resetFields()
      onDone()
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) setProblem(err.message)
      else showError(message, err)
    } finally {
      setBusy(false)
    }
  }
  return { busy, problem, clearProblem: () => setProblem(null), ship }
}
