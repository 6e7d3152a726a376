import type { ReactNode } from 'react'
import { Alert, Button, Spin } from 'antd'
import type { Loaded } from '../lib/use-load'
import { FeatureMissing } from './FeatureMissing'
import { PageTitle } from './PageTitle'

/**
 * What a settings page shows before its form (its load answers null when the server has no
 * such settings, see orMissing): a spinner on the first load, the notice, or a retry after a
 * failure; null once there are settings to show.
 */
export function settingsGate<T>(loaded: Loaded<T | null>, title: string): ReactNode | null {
  if (loaded.loading && loaded.data === undefined) return <Spin style={{ display: 'block', margin: 48 }} />
  if (loaded.data === null)
    return (
      <div>
        <PageTitle title={title} />
        <FeatureMissing what={title} />
      </div>
    )
  if (!loaded.data) return <Alert type="error" showIcon title={`${title}加载失败`} description={loaded.error?.message} action={<Button onClick={loaded.reload}>重试</Button>} />
  return null
}

/** A settings page's title with its 保存 (for a role that may change it), or the note that the role only reads it. */
export function SettingsHeader({ title, what, canWrite, saving, onSave }: { title: string; what?: string; canWrite: boolean; saving: boolean; onSave: () => void }) {
  return (
    <>
      <PageTitle
        title={title}
        extra={
          canWrite && (
            <Button type="primary" onClick={onSave} loading={saving}>
              保存
            </Button>
          )
        }
      />
      {!canWrite && <Alert type="info" showIcon title={`你的角色只能查看${what ?? title}`} style={{ marginBottom: 16 }} />}
    </>
  )
}
