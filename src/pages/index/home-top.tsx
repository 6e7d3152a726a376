import { Image, Swiper, SwiperItem, Text, View } from '@tarojs/components'
import type { Banner, Category } from '@/domain/contract'

interface HomeTopProps {
  banners: Banner[]
  categories: Category[]
  onBanner: (banner: Banner) => void
  onCategory: (category: Category) => void
}

export default function HomeTop({ banners, categories, onBanner, onCategory }: HomeTopProps) {
  return (
    <View className="home-top">
      {banners.length ? (
        <Swiper
          className="home-banners"
          autoplay
          circular
          interval={4000}
          indicatorDots={banners.length > 1}
          indicatorColor="rgba(255,255,255,0.5)"
          indicatorActiveColor="#ffffff"
        >
          {banners.map((b) => (
            <SwiperItem key={b.id}>
              <Image className="home-banners__image" src={b.image} mode="aspectFill" onClick={() => onBanner(b)} />
            </SwiperItem>
          ))}
        </Swiper>
      ) : null}
      {categories.length ? (
        <View className="home-shortcuts">
          {categories.map((c) => (
            <View key={c.id} className="home-shortcuts__item" onClick={() => onCategory(c)}>
              <Image className="home-shortcuts__icon" src={c.icon} mode="aspectFill" />
              <Text className="home-shortcuts__name">{c.name}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
