import { yuanToFen } from '@domain/money'

/** Form rule for a yuan amount: what yuanToFen accepts (at most two decimals), exactly. */
export const yuanRule = (label: string, required = true) => ({
  validator: (_: unknown, v: string | undefined) => {
    const text = (v ?? '').trim()
    if (!text) return required ? Promise.reject(new Error(`请输入${label}`)) : Promise.resolve()
    try {
      yuanToFen(text)
      return Promise.resolve()
    } catch {
      return Promise.reject(new Error(`${label}格式不正确，如 19.90（最多两位小数）`))
    }
  },
})

export const toFen = (v: string | undefined | null) => (v && v.trim() ? yuanToFen(v) : null)
