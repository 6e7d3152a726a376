import { useState } from 'react'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import { errorMessage } from '@/services/http'
import { activateMemberCard, fetchSandboxCard, submitSandboxCard, type SandboxCardPage } from '@/services/member-card'
import '../member.scss'
import './index.scss'

const toast = (title: string) => void Taro.showToast({ title, icon: 'none' })

/**
 * Sandbox servers only: plays the platform's card sheet. Alipay's activation form (name, phone,
 * 提交) or WeChat's add-card sheet (添加到卡包); the sandbox answers what the platform would
 * (auth code, request id, template id), the app activates the card with it and goes back.
 */
export default function SandboxCardPage() {
  const { params } = useRouter()
  const token = params.token ?? ''
  const [page, setPage] = useState<SandboxCardPage | null>(null)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>('loading')
  const [error, setError] = useState<unknown>(null)
  const [phone, setPhone] = useState('')
  const [busy, setBusy] = useState(false)

  const load = async () => {
    try {
      setPage(await fetchSandboxCard(token))
      setStatus('ready')
    } catch (err) {
      setError(err)
      setStatus('error')
    }
  }
  useLoad(() => void load())

  const alipay = page?.platform !== 'wechat'
  const submit = async () => {
    if (busy) return
    if (alipay && !/^1\d{10}$/.test(phone)) return toast('请填写11位手机号')
    setBusy(true)
    try {
      // Alipay's form asks the mobile (the template's form); WeChat's sheet adds the card the page was given and answers its encrypted code.
      const answer = await submitSandboxCard(token, alipay ? { mobile: phone } : { cardExt: page?.cardExt ?? '' })
      await activateMemberCard(alipay ? { authCode: answer.authCode, requestId: answer.requestId, templateId: answer.templateId } : { code: answer.code })
      toast('会员卡已领取')
      void Taro.navigateBack()
    } catch (err) {
      toast(errorMessage(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="member-page sandbox-card">
      <StateView status={status} error={error} onRetry={() => void load()}>
        {page ? (
          <View className="member-card">
            <Text className="sandbox-card__badge">{alipay ? '沙箱 · 支付宝会员卡开卡' : '沙箱 · 微信卡包'}</Text>
            <View className="sandbox-card__face" style={{ background: page.color || '#3a3a4a' }}>
              <Text>{page.title || '会员卡'}</Text>
            </View>
            {alipay ? (
              <>
                <View className="member-row">
                  <Text>手机号</Text>
                  <Input className="sandbox-card__input sandbox-card__phone" type="number" maxlength={11} value={phone} placeholder="请填写手机号" onInput={(e) => setPhone(e.detail.value)} />
                </View>
              </>
            ) : (
              <Text className="member-hint">将会员卡添加到微信卡包</Text>
            )}
            <Button className={`member-button sandbox-card__submit${busy ? ' is-disabled' : ''}`} disabled={busy || undefined} onClick={() => void submit()}>
              {alipay ? '提交' : '添加到卡包'}
            </Button>
          </View>
        ) : null}
      </StateView>
    </View>
  )
}
