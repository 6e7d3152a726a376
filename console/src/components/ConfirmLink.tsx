import type { ReactNode } from 'react'
import { Popconfirm } from 'antd'

/** A list row's destructive action: a red link that asks first (the OK button is red too). */
export function ConfirmLink({ title, description, okText, onConfirm, children }: { title: ReactNode; description?: ReactNode; okText: string; onConfirm: () => unknown; children: ReactNode }) {
  return (
    <Popconfirm title={title} description={description} okText={okText} okButtonProps={{ danger: true }} onConfirm={onConfirm}>
      <a style={{ color: '#ff4d4f' }}>{children}</a>
    </Popconfirm>
  )
}
