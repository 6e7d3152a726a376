import { useEffect, useState } from 'react'
import { App, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch } from 'antd'
import { MALL_ITEM_KINDS } from '@domain/points'
import { createMallItem, updateMallItem, type AdminMallItem } from '../api/points'
import { useCouponBatches } from '../lib/use-coupon-batches'
import { showError, validated } from '../lib/errors'
import { formToMallInput, MALL_KIND, mallItemToForm, newMallItemForm, type MallItemForm } from '../lib/points'
import { SingleImageUpload } from './ImageUpload'
import { SkuPicker } from './ProductPicker'

/**
 * 新增 / 编辑积分商城商品: a coupon (a batch's coupon), a product (a SKU for points, or points +
 * money) or a gift (a SKU for points only). The stock can't go below what was redeemed.
 */
export function MallItemDialog({ item, open, onClose, onDone }: { item: AdminMallItem | null; open: boolean; onClose: () => void; onDone: () => void }) {
  const { message } = App.useApp()
  const [form] = Form.useForm<MallItemForm>()
  const [busy, setBusy] = useState(false)
  const kind = Form.useWatch('kind', form) ?? 'coupon'
  const batches = useCouponBatches(open && kind === 'coupon')
  const redeemed = item?.redeemed ?? 0

  // The dialog stays mounted (forceRender), so each opening starts from the item or a blank one.
  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(item ? mallItemToForm(item) : newMallItemForm())
  }, [open, item, form])

  const submit = async () => {
    const v = await validated(form)
    if (!v) return
    const checked = formToMallInput(v, redeemed)
    if (!checked.ok) {
      form.setFields([{ name: checked.field as never, errors: [checked.message] }])
      return
    }
    setBusy(true)
    try {
      if (item) await updateMallItem(item.id, checked.value)
      else await createMallItem(checked.value)
      void message.success(item ? '已保存' : '已上架到积分商城')
      onDone()
    } catch (err) {
      showError(message, err, form)
    } finally {
      setBusy(false)
    }
  }

  const batchOptions = batches.map((b) => ({ value: b.id, label: `${b.title}（剩余 ${b.remaining} 张）` }))
  if (item?.couponBatchId && !batches.some((b) => b.id === item.couponBatchId)) batchOptions.unshift({ value: item.couponBatchId, label: `优惠券批次 #${item.couponBatchId}` })

  return (
    <Modal title={item ? `编辑「${item.title}」` : '新增兑换商品'} open={open} onCancel={onClose} onOk={submit} okText="保存" confirmLoading={busy} width={640} forceRender>
      <Form<MallItemForm> form={form} layout="vertical" initialValues={newMallItemForm()}>
        <Form.Item name="kind" label="类型" extra={MALL_KIND[kind].hint}>
          <Radio.Group disabled={!!item} options={MALL_ITEM_KINDS.map((k) => ({ value: k, label: MALL_KIND[k].label }))} />
        </Form.Item>
        <Form.Item name="title" label="名称" rules={[{ required: true, whitespace: true, message: '请输入名称' }]}>
          <Input maxLength={30} />
        </Form.Item>
        {kind === 'coupon' ? (
          <Form.Item name="couponBatchId" label="优惠券" rules={[{ required: true, message: '请选择优惠券' }]}>
            <Select placeholder="选择优惠券批次" options={batchOptions} showSearch optionFilterProp="label" notFoundContent="没有可发放的优惠券，请先在「优惠券」中创建" />
          </Form.Item>
        ) : (
          <Form.Item name="skuId" label="商品规格" rules={[{ required: true, message: '请选择商品规格' }]}>
            <SkuPicker />
          </Form.Item>
        )}
        <Form.Item name="image" label="图片（兑换页展示）" rules={[{ required: true, message: '请上传图片' }]}>
          <SingleImageUpload />
        </Form.Item>
        <Space wrap size="large">
          <Form.Item name="points" label="所需积分" rules={[{ required: true, message: '请输入所需积分' }]}>
            <InputNumber min={1} precision={0} suffix="积分" style={{ width: 180 }} />
          </Form.Item>
          {kind === 'product' && (
            <Form.Item name="price" label="另加现金（选填）">
              <Input prefix="¥" placeholder="0" style={{ width: 160 }} />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="stock" label={redeemed ? `库存（已兑换 ${redeemed} 件，不能少于此数）` : '库存'} rules={[{ required: true, message: '请输入库存' }]}>
          <InputNumber min={0} precision={0} style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="perUserLimit" label="每人限兑（不填不限）">
          <InputNumber min={1} precision={0} suffix="件" style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="active" label="上架" valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  )
}
