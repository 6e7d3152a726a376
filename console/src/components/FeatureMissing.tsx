import { Alert } from 'antd'
import { FEATURE_MISSING } from '../lib/feature-missing'

/** In place of a screen (or a card) whose endpoints this server doesn't have. */
export function FeatureMissing({ what }: { what: string }) {
  return <Alert type="info" showIcon title={FEATURE_MISSING} description={`当前服务端版本没有「${what}」接口，升级服务端后即可使用。`} style={{ marginBottom: 16 }} />
}
