// Tab pages stay in the main package; everything else sits in subpackages so the main
// package stays small (the platforms refuse a main package over 2 MB).
export default defineAppConfig({
  pages: ['pages/index/index', 'pages/category/index', 'pages/cart/index', 'pages/me/index'],
  subPackages: [
    { root: 'pkg-shop', pages: ['product/index', 'search/index', 'coupon-center/index', 'reviews/index'] },
    { root: 'pkg-order', pages: ['checkout/index', 'orders/index', 'order-detail/index', 'pay-result/index', 'sandbox-cashier/index', 'sandbox-receipt/index', 'after-sale-apply/index', 'after-sale/index', 'after-sales/index', 'review/index'] },
    { root: 'pkg-account', pages: ['addresses/index', 'address-edit/index', 'login/index', 'favorites/index', 'coupons/index'] },
    { root: 'pkg-credit', pages: ['rent/index', 'rental/index', 'rentals/index', 'membership/index', 'sandbox-confirm/index'] },
    // Sharing: the promoter centre and its lists, withdrawals, posters, and the gift card pages.
    { root: 'pkg-share', pages: ['promoter/index', 'commissions/index', 'customers/index', 'withdraw/index', 'poster/index', 'sandbox-transfer/index', 'gift/index', 'gifts/index'] },
    // Growth: group buying (拼团), points, check-in, the points mall and invites.
    {
      root: 'pkg-growth',
      pages: [
        // Group buying: a group's page (what its share opens), the confirm page, 我的拼团.
        'group/index', 'group-buy/index', 'groups/index',
        // Points: check-in, the ledger, the points mall, invites (老带新).
        'check-in/index', 'points/index', 'mall/index', 'invite/index',
      ],
    },
    // Stores (门店): the store list (also the checkout's store picker), a store, a pickup order's code.
    { root: 'pkg-store', pages: ['stores/index', 'store/index', 'pickup/index'] },
    // Members: periodic purchase (周期购), member levels and the platforms' member cards.
    { root: 'pkg-member', pages: ['plan-buy/index', 'plans/index', 'plan/index', 'level/index', 'member-card/index', 'sandbox-card/index'] },
  ],
  tabBar: {
    color: '#666666',
    selectedColor: '#ff4f3f',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/category/index', text: '分类', iconPath: 'assets/tab/category.png', selectedIconPath: 'assets/tab/category-active.png' },
      { pagePath: 'pages/cart/index', text: '购物车', iconPath: 'assets/tab/cart.png', selectedIconPath: 'assets/tab/cart-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  // WeChat refuses wx.chooseAddress and wx.getLocation unless the app declares them, and asks
  // for location with permission['scope.userLocation'].desc; only the weapp build carries both
  // (Alipay's app.json has no such keys).
  ...(process.env.TARO_ENV === 'weapp'
    ? {
        requiredPrivateInfos: ['chooseAddress' as const, 'getLocation' as const],
        permission: { 'scope.userLocation': { desc: '用于为你推荐最近的门店' } },
      }
    : {}),
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: 'Duet 商城',
    navigationBarTextStyle: 'black',
    backgroundColor: '#f6f6f6',
  },
})
