import type { FormInstance } from 'antd'
import type { MessageInstance } from 'antd/es/message/interface'
import { ApiError } from '../api/client'

/** 'skus.0.price' -> ['skus', 0, 'price'] (antd's NamePath). */
export function fieldPath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))
}

/**
 * Shows an API error where the merchant looks: a 400 naming a field goes under that form
 * field (when the form has it), anything else is a toast with the server's Chinese message.
 * `mapField` renames server fields to the form's own names.
 */
export function showError(message: MessageInstance, err: unknown, form?: FormInstance, mapField?: (field: string) => (string | number)[] | null): void {
  if (err instanceof ApiError) {
    if (err.status === 401) return // the client already sent the user to the login page
    if (form && err.field) {
      const name = mapField ? mapField(err.field) : fieldPath(err.field)
      if (name && form.getFieldInstance(name as never) !== undefined) {
        form.setFields([{ name: name as never, errors: [err.message] }])
        form.scrollToField(name as never)
        return
      }
      if (name) {
        // Not a visible field (e.g. a SKU row of the matrix): still name it.
        form.setFields([{ name: name as never, errors: [err.message] }])
      }
    }
    void message.error(err.message)
    return
  }
  if ((err as Error)?.name === 'AbortError') return
  void message.error((err as Error)?.message || '操作失败，请重试')
}

/**
 * The form's values, or null when a field is invalid (antd has already marked it). A modal's
 * onOk doesn't catch, so `await form.validateFields()` there left an unhandled rejection behind
 * every invalid submit.
 */
export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields()
  } catch (err) {
    if (err && typeof err === 'object' && 'errorFields' in err) return null
    throw err
  }
}

/** Clears the errors a previous save put on fields (setFields errors stay until replaced, even after the value is fixed). */
export function clearFieldErrors(form: FormInstance): void {
  form.setFields(
    form
      .getFieldsError()
      .filter((f) => f.errors.length > 0)
      .map((f) => ({ name: f.name, errors: [] })),
  )
}

/** A value checked before sending and found wrong: its message under its field, scrolled into view. */
export function markField(form: FormInstance, field: string | (string | number)[], message: string): void {
  form.setFields([{ name: field as never, errors: [message] }])
  form.scrollToField(field as never)
}
