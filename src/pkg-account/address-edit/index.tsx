import { useCallback, useState } from 'react'
import Taro, { useLoad, useRouter } from '@tarojs/taro'
import { Button, Input, Picker, Switch, Text, View } from '@tarojs/components'
import StateView from '@/components/state-view'
import { LIMITS } from '@/domain/validation'
import { addressAdapter } from '@/platform/address'
import { createAddress, fetchAddresses, updateAddress } from '@/services/addresses'
import { ApiError, errorMessage } from '@/services/http'
import { EMPTY_FORM, formFromAddress, toInput, validateForm, type AddressForm, type FormErrors, type FormField } from './form'
import './index.scss'

export default function AddressEditPage() {
  const { params } = useRouter()
  const id = params.id ? Number(params.id) : null
  const [form, setForm] = useState<AddressForm>(EMPTY_FORM)
  const [errors, setErrors] = useState<FormErrors>({})
  const [serverError, setServerError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const [status, setStatus] = useState<'loading' | 'error' | 'ready'>(id ? 'loading' : 'ready')
  const [loadError, setLoadError] = useState<unknown>(null)

  // There is no GET /api/addresses/:id: the list is small, find the one being edited in it.
  const load = useCallback(async () => {
    if (id === null) return
    try {
      const found = (await fetchAddresses()).find((a) => a.id === id)
      if (!found) throw new ApiError(404, 'NOT_FOUND', '地址不存在或已删除')
      setForm(formFromAddress(found))
      setStatus('ready')
    } catch (err) {
      setLoadError(err)
      setStatus('error')
    }
  }, [id])

  useLoad(() => {
    if (id === null) void Taro.setNavigationBarTitle({ title: '新增收货地址' })
    void load()
  })

  const field = (key: keyof AddressForm, errorKey?: FormField) => (e: { detail: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.detail.value }))
    if (errorKey) setErrors((er) => ({ ...er, [errorKey]: undefined }))
  }

  const fillFromPlatform = async () => {
    const result = await addressAdapter.choose()
    if (result.status === 'ok') {
      // Keeps the default switch as the shopper set it.
      setForm((f) => ({ ...formFromAddress(result.address), isDefault: f.isDefault }))
      setErrors({})
    } else if (result.status !== 'cancelled') {
      void Taro.showToast({ title: result.status === 'failed' ? result.message : result.reason, icon: 'none' })
    }
  }

  const save = async () => {
    if (saving) return
    const problems = validateForm(form)
    setErrors(problems)
    if (Object.keys(problems).length > 0) return
    setSaving(true)
    setServerError(null)
    try {
      const input = toInput(form)
      if (id !== null) await updateAddress(id, input)
      else await createAddress(input)
      void Taro.showToast({ title: '已保存', icon: 'success' })
      void Taro.navigateBack()
    } catch (err) {
      // The form keeps everything typed; only the message is new.
      setServerError(errorMessage(err))
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className="address-edit">
      <StateView
        status={status}
        error={loadError}
        onRetry={() => {
          setStatus('loading')
          void load()
        }}
      >
        {addressAdapter.available() ? (
          <View className="address-edit__platform" onClick={() => void fillFromPlatform()}>
            {addressAdapter.label}
          </View>
        ) : null}
        <View className="address-edit__card">
          <View className="address-edit__row">
            <Text className="address-edit__label">收货人</Text>
            <Input className="address-edit__input field-name" value={form.name} maxlength={LIMITS.receiverName} placeholder="请填写收货人姓名" onInput={field('name', 'name')} />
          </View>
          {errors.name ? <Text className="address-edit__error">{errors.name}</Text> : null}
          <View className="address-edit__row">
            <Text className="address-edit__label">手机号</Text>
            <Input className="address-edit__input field-phone" type="number" value={form.phone} maxlength={11} placeholder="请填写收货人手机号" onInput={field('phone', 'phone')} />
          </View>
          {errors.phone ? <Text className="address-edit__error">{errors.phone}</Text> : null}
          <View className="address-edit__row">
            <Text className="address-edit__label">所在地区</Text>
            <View className="address-edit__region">
              <Input className="address-edit__input field-province" value={form.province} maxlength={LIMITS.regionPart} placeholder="省" onInput={field('province', 'region')} />
              <Input className="address-edit__input field-city" value={form.city} maxlength={LIMITS.regionPart} placeholder="市" onInput={field('city', 'region')} />
              <Input className="address-edit__input field-district" value={form.district} maxlength={LIMITS.regionPart} placeholder="区/县" onInput={field('district', 'region')} />
            </View>
            {addressAdapter.regionPicker ? (
              <Picker
                mode="region"
                value={form.province && form.city && form.district ? [form.province, form.city, form.district] : []}
                onChange={(e) => {
                  const [province = '', city = '', district = ''] = e.detail.value
                  setForm((f) => ({ ...f, province, city, district }))
                  setErrors((er) => ({ ...er, region: undefined }))
                }}
              >
                <View className="address-edit__pick">选择</View>
              </Picker>
            ) : null}
          </View>
          {errors.region ? <Text className="address-edit__error">{errors.region}</Text> : null}
          <View className="address-edit__row">
            <Text className="address-edit__label">详细地址</Text>
            <Input className="address-edit__input field-detail" value={form.detail} maxlength={LIMITS.addressDetail} placeholder="街道、楼牌号等" onInput={field('detail', 'detail')} />
          </View>
          {errors.detail ? <Text className="address-edit__error">{errors.detail}</Text> : null}
          <View className="address-edit__row">
            <Text className="address-edit__label address-edit__label--wide">设为默认地址</Text>
            <Switch checked={form.isDefault} color="#ff4f3f" onChange={(e) => setForm((f) => ({ ...f, isDefault: Boolean(e.detail.value) }))} />
          </View>
        </View>
        {serverError ? <View className="address-edit__server-error">{serverError}</View> : null}
        <Button className="address-edit__save" disabled={saving || undefined} onClick={() => void save()}>
          {saving ? '保存中…' : '保存'}
        </Button>
      </StateView>
    </View>
  )
}
