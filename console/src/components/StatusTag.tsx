import { Tag } from 'antd'
import { ORDER_STATUS_LABEL, type OrderStatus } from '@domain/order-state'

const STATUS_COLOR: Record<OrderStatus, string> = {
  created: 'gold',
  paid: 'red',
  shipped: 'blue',
  completed: 'green',
  cancelled: 'default',
  closed: 'default',
  refunding: 'orange',
  refunded: 'purple',
}

export function StatusTag({ status }: { status: OrderStatus }) {
  return <Tag color={STATUS_COLOR[status]}>{ORDER_STATUS_LABEL[status] ?? status}</Tag>
}
