import { Form, Input, Select, Space } from 'antd'
import type { Carrier } from '../api/shipping'
import { TRACKING_NO } from '../lib/parcels'
import { carrierOptions } from '../lib/use-carriers'

/** A parcel's carrier and tracking number, under `name` (an order's parcel in a list, or a gift claim's). */
export function ParcelFields({ name, carriers }: { name: (string | number)[]; carriers: Carrier[] }) {
  return (
    <Space wrap align="start">
      <Form.Item name={[...name, 'carrier']} label="快递公司" rules={[{ required: true, message: '请选择快递公司' }]} style={{ marginBottom: 8 }}>
        <Select showSearch optionFilterProp="label" options={carrierOptions(carriers)} placeholder="选择快递公司" style={{ width: 180 }} />
      </Form.Item>
      <Form.Item
        name={[...name, 'trackingNo']}
        label="快递单号"
        rules={[
          { required: true, whitespace: true, message: '请输入快递单号' },
          { pattern: TRACKING_NO, message: '快递单号只能包含字母、数字和 -' },
        ]}
        style={{ marginBottom: 8 }}
      >
        <Input placeholder="SF1234567890" maxLength={40} style={{ width: 220 }} />
      </Form.Item>
    </Space>
  )
}
