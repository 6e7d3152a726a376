import type { ReactNode } from 'react'
import { Image, Space } from 'antd'
import { dateTime } from '../lib/format'

/** A line's product cell in the detail pages' item tables: thumbnail, title, and the specs in grey below. */
export function LineProduct({ image, title, specs }: { image: string; title: ReactNode; specs: ReactNode }) {
  return (
    <Space>
      <Image src={image} width={40} height={40} preview={false} style={{ objectFit: 'cover' }} />
      <div>
        <div>{title}</div>
        <div style={{ color: '#888', fontSize: 12 }}>{specs}</div>
      </div>
    </Space>
  )
}

/** One step of a detail page's progress timeline: the status and its time, then who did it and the note. */
export function TimelineStep({ label, at, actor, note }: { label: ReactNode; at: string; actor: string; note?: string | null }) {
  return (
    <div>
      <b>{label}</b> <span style={{ color: '#888' }}>{dateTime(at)}</span>
      <div style={{ color: '#666', fontSize: 12 }}>{[actor, note].filter(Boolean).join(' · ')}</div>
    </div>
  )
}
