import type { ReactNode } from 'react'

export function PageTitle({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="page-title">
      <h2>{title}</h2>
      {extra && <div>{extra}</div>}
    </div>
  )
}
