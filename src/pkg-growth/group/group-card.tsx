import { Image, Text, View } from '@tarojs/components'
import Countdown from '@/components/countdown'
import PriceTag from '@/components/price-tag'
import { GROUP_STATUS_TEXT, seatsLeftText, seatsOf } from '@/components/group/text'
import type { GroupView } from '@/domain/groups'

/** The product at its group price, then the seats: members' avatars (团长 first) and the empty ones. */
export function GroupCard({ group, onEnd }: { group: GroupView; onEnd: () => void }) {
  return (
    <>
      <View className="group-product">
        {group.image ? <Image className="group-product__image" src={group.image} mode="aspectFill" /> : null}
        <View className="group-product__body">
          <Text className="group-product__title">{group.title}</Text>
          <Text className="group-product__size">{`${group.size}人团`}</Text>
          <PriceTag fen={group.price} original={group.regularPrice} size="md" />
        </View>
      </View>
      <View className={`group-state is-${group.status}`}>
        <Text className="group-state__status">{GROUP_STATUS_TEXT[group.status]}</Text>
        {group.status === 'forming' ? (
          <>
            <Text className="group-state__seats">{seatsLeftText(group.seatsLeft)}</Text>
            <Countdown endsAt={Date.parse(group.expiresAt)} prefix="剩余" onEnd={onEnd} />
          </>
        ) : null}
        <View className="group-seats">
          {seatsOf(group).map((seat, i) =>
            seat.kind === 'member' ? (
              <View key={i} className="group-seat">
                {seat.member.avatar ? <Image className="group-seat__avatar" src={seat.member.avatar} /> : <View className="group-seat__avatar">{seat.member.nickname.slice(0, 1)}</View>}
                {seat.member.leader ? <Text className="group-seat__leader">团长</Text> : null}
                <Text className="group-seat__name">{seat.member.nickname}</Text>
              </View>
            ) : (
              <View key={i} className="group-seat group-seat--empty">
                <View className="group-seat__avatar">?</View>
                <Text className="group-seat__name">待加入</Text>
              </View>
            ),
          )}
        </View>
      </View>
    </>
  )
}
