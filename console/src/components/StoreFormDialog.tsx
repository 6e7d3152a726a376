import { useEffect, useState } from 'react'
import { Alert, App, Checkbox, Col, Form, Input, InputNumber, Modal, Radio, Row, Switch, TimePicker } from 'antd'
import dayjs from 'dayjs'
import { STOCK_MODES } from '@domain/stores'
import { createStore, updateStore, type AdminStore } from '../api/stores'
import { clearFieldErrors, markField, showError } from '../lib/errors'
import { emptyStoreForm, formToStoreInput, STOCK_MODE, storeFormField, storeToForm, WEEKDAYS, type StoreForm } from '../lib/stores'
import { StorePhotos } from './StorePhotos'

/** An HH:mm string held by a TimePicker (which wants a Dayjs). */
function TimeInput({ value, onChange, label }: { value?: string; onChange?: (v: string) => void; label: string }) {
  return <TimePicker aria-label={label} format="HH:mm" minuteStep={5} needConfirm={false} allowClear={false} value={value ? dayjs(`2000-01-01 ${value}`) : null} onChange={(d) => d && onChange?.(d.format('HH:mm'))} />
}

/**
 * 新建 / 编辑门店: the fields of StoreInput, checked here as the server does first; a 400 naming
 * a field (BAD_COORDINATES on lat, a bad hours.close) goes under that input.
 */
export function StoreFormDialog({ store, open, onClose, onDone }: { store: AdminStore | null; open: boolean; onClose: () => void; onDone: (s: AdminStore) => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<StoreForm>()
  const [busy, setBusy] = useState(false)
  const stockMode = Form.useWatch('stockMode', form)

  useEffect(() => {
    if (open) {
      form.resetFields()
      form.setFieldsValue(store ? storeToForm(store) : emptyStoreForm())
    }
  }, [open, store, form])

  const submit = async () => {
    clearFieldErrors(form)
    const checked = formToStoreInput(form.getFieldsValue(true) as StoreForm)
    if (!checked.ok) {
      markField(form, checked.field, checked.message)
      return
    }
    setBusy(true)
    try {
      const saved = store ? await updateStore(store.id, checked.value) : await createStore(checked.value)
      void message.success(store ? '门店已保存' : '门店已创建')
      onDone(saved)
    } catch (err) {
      showError(message, err, form, storeFormField)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal title={store ? `编辑门店：${store.name}` : '新建门店'} open={open} onCancel={onClose} onOk={submit} okText={store ? '保存' : '创建'} confirmLoading={busy} width={720} forceRender>
      <Form<StoreForm> form={form} layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="门店名称" required>
              <Input maxLength={30} placeholder="如 静安寺店" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="city" label="城市" required>
              <Input maxLength={20} placeholder="如 上海市" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label="详细地址" required>
          <Input maxLength={120} placeholder="区、街道、门牌号" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="phone" label="门店电话" required>
              <Input maxLength={20} placeholder="021-12345678" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="latitude" label="纬度" required>
              <InputNumber precision={6} style={{ width: '100%' }} placeholder="31.223423" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="longitude" label="经度" required>
              <InputNumber precision={6} style={{ width: '100%' }} placeholder="121.445345" />
            </Form.Item>
          </Col>
        </Row>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="坐标请用 GCJ-02（国测局坐标）"
          description={
            <>
              打开
              <a href="https://lbs.qq.com/getPoint/" target="_blank" rel="noreferrer">
                腾讯地图坐标拾取器
              </a>
              或高德的坐标拾取器，搜索门店地址后点选位置，复制纬度、经度填入。微信和支付宝定位返回的都是 GCJ-02，百度地图的坐标（BD-09）不能直接使用。
            </>
          }
        />
        <Form.Item name="weekdays" label="营业日" required>
          <Checkbox.Group options={WEEKDAYS} />
        </Form.Item>
        <Row gutter={16}>
          <Col>
            <Form.Item name="open" label="开门时间" required>
              <TimeInput label="开门时间" />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item name="close" label="打烊时间" required>
              <TimeInput label="打烊时间" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="photos" label="门店照片（最多 9 张，第一张为封面）">
          <StorePhotos />
        </Form.Item>
        <Form.Item name="stockMode" label="库存方式" extra={stockMode ? STOCK_MODE[stockMode as keyof typeof STOCK_MODE].hint : undefined}>
          <Radio.Group options={STOCK_MODES.map((m) => ({ value: m, label: STOCK_MODE[m].label }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="pickup" label="支持自提" valuePropName="checked">
              <Switch checkedChildren="自提" unCheckedChildren="不自提" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="active" label="营业状态" valuePropName="checked">
              <Switch checkedChildren="启用" unCheckedChildren="停用" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="deliveryRadiusMeters" label="配送半径" extra="0 = 不配送">
              <InputNumber min={0} max={100000} precision={0} suffix="米" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="sort" label="排序" extra="越小越靠前">
              <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  )
}
