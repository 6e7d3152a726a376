import { Card, Descriptions, Table, Tag } from 'antd'
import type { GiftClaim, OrderGift } from '@domain/gifts'
import { carrierName } from '@domain/shipping'
import { dateTime } from '../lib/format'
import { claimAddressText, GIFT_STATUS } from '../lib/gift-parcels'

/** 礼物: a gift order's card (the message, how many shares are claimed, until when) and who claimed, to where, and their parcel. */
export function GiftCard({ gift, claims }: { gift: OrderGift; claims: GiftClaim[] }) {
  return (
    <Card size="small" title="礼物" extra={<Tag color={GIFT_STATUS[gift.status].color}>{GIFT_STATUS[gift.status].label}</Tag>} style={{ marginBottom: 16 }}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label="祝福语" span={3}>
          {gift.message || '—'}
        </Descriptions.Item>
        <Descriptions.Item label="已领取">
          {gift.claimed}/{gift.recipients} 份
        </Descriptions.Item>
        <Descriptions.Item label="领取截止">{dateTime(gift.expiresAt)}</Descriptions.Item>
        <Descriptions.Item label="礼物码">{gift.code}</Descriptions.Item>
      </Descriptions>
      <Table<GiftClaim>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={claims}
        // Fits the order page's left column at 1280 wide (no sideways scroll hiding the parcel); narrower, it scrolls.
        scroll={{ x: 640 }}
        locale={{ emptyText: '还没有人领取' }}
        columns={[
          { title: '份', dataIndex: 'shareNo', width: 50 },
          { title: '领取人', dataIndex: 'nickname', width: 110, render: (n: string) => n || '—' },
          { title: '收货地址', key: 'address', render: (_, c) => claimAddressText(c.address) },
          { title: '领取时间', dataIndex: 'at', width: 140, render: dateTime },
          { title: '包裹', key: 'parcel', width: 170, render: (_, c) => (c.trackingNo ? `${c.carrier ? carrierName(c.carrier) : ''} ${c.trackingNo}`.trim() : <span style={{ color: '#888' }}>未发货</span>) },
        ]}
      />
    </Card>
  )
}
