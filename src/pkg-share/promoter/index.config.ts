// enableShareAppMessage: Taro's useShareAppMessage (分享店铺给好友, open-type share) only takes effect with it.
export default definePageConfig({ navigationBarTitleText: '推广中心', enableShareAppMessage: true })
