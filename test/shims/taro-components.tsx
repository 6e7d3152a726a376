/**
 * Taro's components as plain DOM elements for unit tests. Event props keep Taro's names
 * (onClick, onInput with `detail.value`) so components under test behave as on H5.
 */
import { createElement, type ReactNode } from 'react'

type Props = Record<string, unknown> & { children?: ReactNode; className?: string }

function passthrough(tag: string) {
  return function Component({ children, onClick, className, style, id, ...rest }: Props) {
    const data = Object.fromEntries(Object.entries(rest).filter(([k]) => k.startsWith('data-') || k.startsWith('aria-')))
    return createElement(tag, { className, style, id, onClick, ...data }, children)
  }
}

export const View = passthrough('div')
export const Text = passthrough('span')
export const Block = ({ children }: Props) => <>{children}</>
export const ScrollView = passthrough('div')
export const Swiper = passthrough('div')
export const SwiperItem = passthrough('div')
export const Navigator = passthrough('a')
export const Label = passthrough('label')
export const Form = passthrough('form')
export const RichText = ({ nodes }: Props) => <div>{String(nodes ?? '')}</div>

export function Image({ src, className, onClick, mode }: Props) {
  return <img src={String(src ?? '')} className={className} onClick={onClick as never} data-mode={mode as string} alt="" />
}

export function Button({ children, onClick, disabled, className, loading }: Props) {
  return (
    <button className={className} onClick={onClick as never} disabled={Boolean(disabled)} data-loading={loading ? '1' : undefined}>
      {children}
    </button>
  )
}

export function Input({ value, placeholder, onInput, onConfirm, type, maxlength, className }: Props) {
  return (
    <input
      className={className}
      value={(value as string | undefined) ?? ''}
      placeholder={placeholder as string}
      type={type === 'number' || type === 'digit' ? 'text' : 'text'}
      maxLength={maxlength as number | undefined}
      onChange={(e) => (onInput as ((ev: unknown) => void) | undefined)?.({ detail: { value: e.target.value } })}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (onConfirm as ((ev: unknown) => void) | undefined)?.({ detail: { value: (e.target as HTMLInputElement).value } })
      }}
    />
  )
}

export function Textarea({ value, placeholder, onInput, className }: Props) {
  return (
    <textarea
      className={className}
      value={(value as string | undefined) ?? ''}
      placeholder={placeholder as string}
      onChange={(e) => (onInput as ((ev: unknown) => void) | undefined)?.({ detail: { value: e.target.value } })}
    />
  )
}

export function Switch({ checked, onChange }: Props) {
  return (
    <input
      type="checkbox"
      checked={Boolean(checked)}
      onChange={(e) => (onChange as ((ev: unknown) => void) | undefined)?.({ detail: { value: e.target.checked } })}
    />
  )
}

export function Checkbox({ checked, onClick, className }: Props) {
  return <input type="checkbox" className={className} checked={Boolean(checked)} readOnly onClick={onClick as never} />
}

export function Picker({ children }: Props) {
  return <div>{children}</div>
}

/** Alipay's <contact-button>: a marker element (jsdom has no chat to open). */
export function ContactButton({ className, tntInstId, scene }: Props) {
  return <span className={className ?? 'contact-button'} data-tnt-inst-id={String(tntInstId ?? '')} data-scene={String(scene ?? '')} />
}
