import { Segmented } from 'antd'

/**
 * A list's status tabs, then 全部 (''): the status that waits for staff (`waiting`) shows how
 * many wait, e.g. 待审核（3）; a list where nothing waits for staff leaves it out.
 */
export function StatusTabs<S extends string>({
  value,
  onChange,
  statuses,
  labels,
  waiting,
}: {
  value: S | ''
  onChange: (status: S | '') => void
  statuses: readonly S[]
  labels: Record<S, { label: string }>
  waiting?: { status: S; count: number | null }
}) {
  return (
    <Segmented
      value={value}
      onChange={(v) => onChange(v as S | '')}
      options={[
        ...statuses.map((s) => ({ value: s, label: s === waiting?.status && waiting.count ? `${labels[s].label}（${waiting.count}）` : labels[s].label })),
        { value: '', label: '全部' },
      ]}
    />
  )
}
