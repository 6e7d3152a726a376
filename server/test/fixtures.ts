import type { SeedCatalog } from '../seed/types'

/** A small shop for tests: prices and stocks chosen so tests can predict every number. */
export const TINY_CATALOG: SeedCatalog = {
  categories: [
    { key: 'tops', name: '上衣', icon: 'cat-tops.svg' },
    { key: 'cups', name: '杯具', icon: 'cat-cups.svg' },
  ],
  products: [
    {
      key: 'tee',
      categoryKey: 'tops',
      title: '纯棉短袖T恤',
      subtitle: '夏日百搭 50%_off',
      description: '100% 新疆长绒棉',
      originalPrice: 9900,
      sales: 120,
      listedDaysAgo: 10,
      images: ['tee-1.jpg', 'tee-2.jpg', 'tee-3.jpg'],
      specGroups: [
        { name: '颜色', values: ['白色', '黑色'] },
        { name: '尺码', values: ['M', 'L'] },
      ],
      skus: [
        { specs: { 颜色: '白色', 尺码: 'M' }, price: 4900, stock: 10 },
        { specs: { 颜色: '白色', 尺码: 'L' }, price: 4900, stock: 0 },
        { specs: { 颜色: '黑色', 尺码: 'M' }, price: 5900, stock: 5, image: 'tee-black.jpg' },
      ],
    },
    {
      key: 'mug',
      categoryKey: 'cups',
      title: '陶瓷马克杯',
      subtitle: '办公室咖啡杯',
      description: '350ml 手工釉',
      sales: 300,
      listedDaysAgo: 2,
      images: ['mug-1.jpg', 'mug-2.jpg', 'mug-3.jpg'],
      specGroups: [{ name: '颜色', values: ['米白', '墨绿'] }],
      skus: [
        { specs: { 颜色: '米白' }, price: 3900, stock: 50 },
        { specs: { 颜色: '墨绿' }, price: 4200, stock: 3 },
      ],
    },
    {
      key: 'hoodie',
      categoryKey: 'tops',
      title: '加绒连帽卫衣',
      subtitle: '秋冬保暖',
      description: '加厚抓绒',
      originalPrice: 29900,
      sales: 45,
      listedDaysAgo: 30,
      images: ['hoodie-1.jpg', 'hoodie-2.jpg', 'hoodie-3.jpg'],
      specGroups: [{ name: '尺码', values: ['L', 'XL'] }],
      skus: [
        { specs: { 尺码: 'L' }, price: 19900, stock: 8 },
        { specs: { 尺码: 'XL' }, price: 18900, stock: 8 },
      ],
    },
  ],
  banners: [
    { title: '夏日上新', image: 'banner-1.jpg', productKey: 'tee' },
    { title: '全场包邮', image: 'banner-2.jpg' },
  ],
}
