/**
 * The demo shop: 7 categories, 42 products, real spec combinations.
 *
 * Image names follow one scheme so scripts/make-images.ts can render them:
 * products `<key>-1.jpg` (cover), `<key>-2.jpg`, `<key>-3.jpg`; categories `cat-<key>.png`;
 * banners `banner-<n>.jpg`. All files live in server/seed/images/.
 */
import type { SeedCatalog, SeedProduct, SeedSku } from './types'

type Specs = Record<string, string>
type Group = { name: string; values: string[] }
type PriceRule = number | ((specs: Specs) => number)

/** Price by the value of one spec group, e.g. by('容量', { '350ml': 3900, '450ml': 4500 }). */
function by(group: string, prices: Record<string, number>): (specs: Specs) => number {
  return (specs) => {
    const price = prices[specs[group]]
    if (price === undefined) throw new Error(`no price for ${group}=${specs[group]}`)
    return price
  }
}

/** Small stable hash so default stock levels look varied but never change between seeds. */
function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}

interface SkuOptions {
  /** Stock per combination, keyed by the spec values joined with '/', e.g. '白色/XXL'. */
  stock?: Record<string, number>
  /** Combinations that are not made at all (no SKU). */
  missing?: string[]
  /** Every SKU gets this stock (used for the sold-out product). */
  allStock?: number
}

/** One SKU per combination of the spec groups (cartesian product, first group outermost). */
function cross(key: string, groups: Group[], price: PriceRule, options: SkuOptions = {}): SeedSku[] {
  let combos: Specs[] = [{}]
  for (const group of groups) {
    combos = combos.flatMap((specs) => group.values.map((value) => ({ ...specs, [group.name]: value })))
  }
  return combos
    .map((specs) => ({ specs, id: groups.map((g) => specs[g.name]).join('/') }))
    .filter(({ id }) => !options.missing?.includes(id))
    .map(({ specs, id }) => ({
      specs,
      price: typeof price === 'number' ? price : price(specs),
      stock: options.allStock ?? options.stock?.[id] ?? 10 + (hash(`${key}:${id}`) % 291),
    }))
}

interface ProductInput extends Omit<SeedProduct, 'images' | 'skus'> {
  price: PriceRule
  options?: SkuOptions
}

function product(input: ProductInput): SeedProduct {
  const { price, options, ...rest } = input
  return {
    ...rest,
    images: [1, 2, 3].map((n) => `${input.key}-${n}.jpg`),
    skus: cross(input.key, input.specGroups, price, options),
  }
}

const g = (name: string, ...values: string[]): Group => ({ name, values })
const sizes = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i))

const products: SeedProduct[] = [
  // ---------------------------------------------------------------- 服饰
  product({
    key: 'tee-cotton',
    categoryKey: 'apparel',
    title: '260g重磅纯棉圆领短袖T恤 男女同款',
    subtitle: '新疆长绒棉 厚实不透 洗后不变形',
    description:
      '选用新疆长绒棉精梳纱线，260g重磅面料，手感厚实挺括，浅色也不透。罗纹领口加宽加密，多次洗涤不易松垮。落肩宽松版型，男女都能穿出利落感。建议30℃以下冷水机洗，反面晾晒。',
    originalPrice: 8900,
    sales: 12873,
    listedDaysAgo: 64,
    specGroups: [g('颜色', '白色', '黑色', '雾霾蓝', '燕麦色'), g('尺码', 'S', 'M', 'L', 'XL', 'XXL')],
    price: 5900,
    options: { stock: { '白色/XXL': 0, '雾霾蓝/S': 0, '燕麦色/M': 3 } },
  }),
  product({
    key: 'hoodie-fleece',
    categoryKey: 'apparel',
    title: '加绒加厚连帽卫衣 秋冬宽松上衣',
    subtitle: '320g毛圈加绒 内里柔软保暖',
    description:
      '内里为细密摇粒绒，贴身柔软不扎皮肤，秋冬单穿或叠穿都合适。双层连帽可调节抽绳，袋鼠口袋能放手机和钥匙。袖口下摆罗纹收紧，防风锁温。面料经过预缩处理，洗后缩水率小于3%。',
    originalPrice: 22900,
    sales: 5421,
    listedDaysAgo: 21,
    specGroups: [g('颜色', '浅灰', '藏青', '奶白'), g('尺码', 'M', 'L', 'XL', 'XXL')],
    price: 15900,
    options: { stock: { '奶白/XXL': 0 } },
  }),
  product({
    key: 'jeans-straight',
    categoryKey: 'apparel',
    title: '高腰直筒牛仔裤 微弹显瘦九分裤',
    subtitle: '98%棉+2%氨纶 久坐不勒',
    description:
      '12.5盎司牛仔布，加入少量氨纶，版型挺括又有适度弹性。高腰设计拉长腿部比例，直筒裤腿遮住胯部和大腿的线条。九分长度露出脚踝，搭配小白鞋或短靴都好看。首次洗涤请单独手洗，可能轻微掉色。',
    sales: 8106,
    listedDaysAgo: 97,
    specGroups: [g('颜色', '浅蓝', '深蓝', '黑色'), g('尺码', '26', '27', '28', '29', '30')],
    price: 19900,
  }),
  product({
    key: 'down-jacket',
    categoryKey: 'apparel',
    title: '轻薄羽绒服 90白鸭绒立领短款外套',
    subtitle: '充绒量110g 可收纳进随身袋',
    description:
      '90%白鸭绒，蓬松度650+，轻盈保暖。立领设计挡风护颈，面料经过防泼水处理，小雨小雪不怕。附赠收纳袋，叠起来只有一瓶矿泉水大小，出差旅行塞进背包即可。支持30天价保。',
    originalPrice: 59900,
    sales: 3318,
    listedDaysAgo: 9,
    specGroups: [g('颜色', '黑色', '米白', '雾霾蓝'), g('尺码', 'S', 'M', 'L', 'XL')],
    price: 39900,
    options: { stock: { '米白/S': 0, '雾霾蓝/XL': 2 } },
  }),
  product({
    key: 'shirt-oxford',
    categoryKey: 'apparel',
    title: '牛津纺长袖衬衫 纯棉免烫商务休闲',
    subtitle: '免烫工艺 出差不起皱',
    description:
      '经典牛津纺面料，纹理清晰，透气吸汗。液氨免烫工艺，洗后挂起即可平整，省去熨烫时间。纽扣领设计，单穿休闲，配西装也得体。版型为标准修身，偏瘦或偏胖的朋友可参考尺码表选择。',
    sales: 2675,
    listedDaysAgo: 133,
    specGroups: [g('颜色', '白色', '浅蓝', '浅粉'), g('尺码', 'S', 'M', 'L', 'XL')],
    price: 12900,
    options: { missing: ['浅粉/XL'] },
  }),
  product({
    key: 'socks-pack',
    categoryKey: 'apparel',
    title: '精梳棉中筒袜 男女款多双装',
    subtitle: '抗菌防臭 脚底毛圈加厚',
    description:
      '精梳棉含量80%，脚底毛圈加厚缓冲，走路更软。袜口无骨缝合不勒脚，中筒长度刚好遮住脚踝。添加银离子抗菌纤维，一整天不闷不臭。均码适合35-43码脚。',
    sales: 30214,
    listedDaysAgo: 180,
    specGroups: [g('颜色', '黑白灰混色', '纯黑', '纯白'), g('规格', '5双装', '10双装')],
    price: by('规格', { '5双装': 2900, '10双装': 4900 }),
  }),

  // ---------------------------------------------------------------- 鞋靴
  product({
    key: 'sneaker-white',
    categoryKey: 'shoes',
    title: '百搭小白鞋 头层牛皮休闲板鞋',
    subtitle: '头层牛皮鞋面 软底不磨脚',
    description:
      '鞋面为头层牛皮，细腻好打理，湿巾一擦就干净。鞋垫采用回弹记忆海绵，久站久走也舒适。橡胶大底耐磨防滑，缝线加固不开胶。尺码标准，脚背高或脚宽的朋友建议拍大一码。',
    originalPrice: 29900,
    sales: 9512,
    listedDaysAgo: 45,
    specGroups: [g('颜色', '纯白', '白绿', '白黑'), g('尺码', ...sizes(36, 44))],
    price: 19900,
    options: { stock: { '白绿/36': 0, '白绿/44': 0, '白黑/42': 1 } },
  }),
  product({
    key: 'running-shoe',
    categoryKey: 'shoes',
    title: '轻量缓震跑步鞋 网面透气运动鞋',
    subtitle: '单只仅245g 全掌缓震中底',
    description:
      '全掌超临界发泡中底，落地缓冲、起步回弹，日常慢跑和5公里训练都合适。一体织网面透气性好，夏天跑步不闷脚。外底前掌耐磨橡胶，后跟加厚。整鞋单只约245g（42码）。',
    originalPrice: 49900,
    sales: 4230,
    listedDaysAgo: 30,
    specGroups: [g('颜色', '黑白', '荧光绿', '深海蓝'), g('尺码', ...sizes(39, 44))],
    price: 39900,
  }),
  product({
    key: 'canvas-shoe',
    categoryKey: 'shoes',
    title: '经典高帮帆布鞋 情侣款硫化鞋',
    subtitle: '加厚帆布 硫化工艺 越穿越软',
    description:
      '12安加厚帆布鞋面，挺括不易变形。硫化工艺粘合，鞋底与鞋面结合牢固。高帮设计护住脚踝，卷起裤脚更有味道。内里全棉布，吸汗透气。',
    sales: 15670,
    listedDaysAgo: 150,
    specGroups: [g('颜色', '黑色', '米白', '酒红'), g('尺码', ...sizes(35, 42))],
    price: 8900,
    options: { stock: { '酒红/35': 0 } },
  }),
  product({
    key: 'chelsea-boot',
    categoryKey: 'shoes',
    title: '真皮切尔西短靴 复古英伦圆头靴',
    subtitle: '油蜡牛皮 两侧弹力带一脚蹬',
    description:
      '油蜡牛皮鞋面，越穿越有光泽，划痕用手一搓就淡。两侧高弹松紧带，穿脱方便。固特异沿条工艺，鞋底可更换。内里猪皮透气，鞋垫加厚。秋冬配牛仔裤或西裤都合适。',
    originalPrice: 65900,
    sales: 1204,
    listedDaysAgo: 12,
    specGroups: [g('颜色', '黑色', '深棕'), g('尺码', ...sizes(38, 44))],
    price: 45900,
    options: { stock: { '深棕/38': 0, '黑色/44': 4 } },
  }),
  product({
    key: 'slippers',
    categoryKey: 'shoes',
    title: '厚底踩屎感拖鞋 家用防滑浴室拖',
    subtitle: '4cm加厚EVA 浴室防滑不积水',
    description:
      '一体成型EVA材质，鞋底4cm厚，踩上去软软的很舒服。底部防滑纹理，浴室湿滑地面也站得稳。鞋面镂空排水，洗完澡不积水。可水洗，轻便耐用。',
    sales: 42310,
    listedDaysAgo: 75,
    specGroups: [g('颜色', '奶白', '浅灰', '樱花粉'), g('尺码', '36-37', '38-39', '40-41', '42-43')],
    price: 3900,
  }),
  product({
    key: 'hiking-shoe',
    categoryKey: 'shoes',
    title: '防水徒步鞋 户外登山鞋 防滑耐磨',
    subtitle: '防水透气膜 大底抓地强',
    description:
      '内置防水透气膜，走过溪流和雨后山路也不湿脚。Vibram同级别橡胶大底，深齿纹抓地，碎石坡下山也稳。鞋头加装防撞护板。适合城市近郊徒步和轻量登山。',
    originalPrice: 69900,
    sales: 2087,
    listedDaysAgo: 58,
    specGroups: [g('颜色', '卡其', '墨绿'), g('尺码', ...sizes(39, 44))],
    price: 52900,
  }),

  // ---------------------------------------------------------------- 数码
  product({
    key: 'earbuds-anc',
    categoryKey: 'digital',
    title: '主动降噪真无线蓝牙耳机 入耳式',
    subtitle: '降噪深度45dB 续航30小时',
    description:
      '双馈主动降噪，地铁和飞机上的低频噪音明显减弱。单次续航7小时，配合充电盒总续航30小时。蓝牙5.3连接稳定，支持双设备同时连接。IPX4防水，运动出汗也不怕。',
    originalPrice: 39900,
    sales: 18632,
    listedDaysAgo: 40,
    specGroups: [g('颜色', '月光白', '曜石黑'), g('版本', '标准版', '无线充电版')],
    price: by('版本', { 标准版: 29900, 无线充电版: 34900 }),
    options: { stock: { '曜石黑/无线充电版': 0 } },
  }),
  product({
    key: 'power-bank',
    categoryKey: 'digital',
    title: '22.5W快充移动电源 大容量充电宝',
    subtitle: '可带上飞机 双口同时充',
    description:
      '22.5W超级快充，30分钟可为手机充入约55%电量。USB-A与Type-C双口输出，两台设备可以同时充。电量数显，剩余多少一目了然。20000mAh版本符合民航规定，可随身带上飞机。',
    sales: 26418,
    listedDaysAgo: 110,
    specGroups: [g('颜色', '白色', '黑色'), g('容量', '10000mAh', '20000mAh')],
    price: by('容量', { '10000mAh': 9900, '20000mAh': 14900 }),
  }),
  product({
    key: 'phone-case',
    categoryKey: 'digital',
    title: '液态硅胶手机壳 全包防摔保护套',
    subtitle: '内衬超细纤维 镜头加高保护',
    description:
      '液态硅胶外壳，手感细腻亲肤，不沾指纹。内衬超细纤维绒布，防止机身磨损。四角气囊加厚，1.5米跌落测试通过。镜头边框加高0.5mm，平放桌面不磨镜头。',
    sales: 35790,
    listedDaysAgo: 20,
    specGroups: [
      g('型号', 'iPhone 15', 'iPhone 15 Pro', 'iPhone 15 Pro Max'),
      g('颜色', '透明', '磨砂黑', '雾霾蓝'),
    ],
    price: 3900,
    options: { stock: { 'iPhone 15 Pro Max/雾霾蓝': 0 } },
  }),
  product({
    key: 'charger-gan',
    categoryKey: 'digital',
    title: '65W氮化镓充电器 三口快充头',
    subtitle: '一个充电头 笔记本手机平板全搞定',
    description:
      '氮化镓芯片，体积比传统65W充电器小约40%。两个Type-C加一个USB-A，最大65W可为笔记本快充。插脚可折叠，放进包里不划东西。支持PD、QC等主流快充协议。',
    sales: 9843,
    listedDaysAgo: 85,
    specGroups: [g('颜色', '白色', '黑色'), g('规格', '单充电器', '充电器+1.5m数据线')],
    price: by('规格', { 单充电器: 12900, '充电器+1.5m数据线': 14900 }),
  }),
  product({
    key: 'smartwatch',
    categoryKey: 'digital',
    title: '智能运动手表 心率血氧监测 长续航',
    subtitle: '1.43英寸AMOLED 续航14天',
    description:
      '1.43英寸AMOLED高清屏，户外强光下也看得清。全天心率、血氧、睡眠监测，支持100多种运动模式。典型使用续航14天。eSIM版可脱离手机独立接打电话。5ATM防水，游泳可戴。',
    sales: 6712,
    listedDaysAgo: 6,
    specGroups: [g('颜色', '曜石黑', '星光银', '樱花粉'), g('版本', '蓝牙版', 'eSIM版')],
    price: by('版本', { 蓝牙版: 69900, eSIM版: 99900 }),
    options: { stock: { '樱花粉/eSIM版': 0, '星光银/eSIM版': 3 } },
  }),
  product({
    key: 'keyboard-mech',
    categoryKey: 'digital',
    title: '87键机械键盘 三模无线热插拔',
    subtitle: '蓝牙/2.4G/有线 三模连接',
    description:
      '87键紧凑布局，节省桌面空间。支持蓝牙、2.4G和有线三种连接，可在三台设备间一键切换。全键热插拔，轴体可自行更换。PBT键帽，长期使用不打油。4000mAh电池，关灯续航约一个月。',
    sales: 3954,
    listedDaysAgo: 36,
    specGroups: [g('颜色', '白色', '黑色'), g('轴体', '红轴', '茶轴', '青轴')],
    price: 29900,
  }),

  // ---------------------------------------------------------------- 家居
  product({
    key: 'mug-ceramic',
    categoryKey: 'home',
    title: '哑光釉陶瓷马克杯 办公室咖啡杯',
    subtitle: '高温烧制 可进微波炉和洗碗机',
    description:
      '1280℃高温烧制，釉面细腻不易藏污。哑光外釉手感温润，内壁亮釉好清洗。大耳把设计，四指都能握进去。可放入微波炉加热，也可以用洗碗机清洗。',
    sales: 11253,
    listedDaysAgo: 52,
    specGroups: [g('颜色', '奶白', '雾蓝', '墨绿', '樱粉'), g('容量', '350ml', '450ml')],
    price: by('容量', { '350ml': 3900, '450ml': 4500 }),
  }),
  product({
    key: 'towel-set',
    categoryKey: 'home',
    title: 'A类全棉毛巾 柔软吸水洗脸巾',
    subtitle: '长绒棉无捻纱 不掉毛不发硬',
    description:
      '长绒棉无捻纱工艺，蓬松柔软，吸水快。A类婴幼儿标准，无荧光剂，宝宝也能用。加密织法，多次洗涤不掉毛、不发硬。尺寸34×76cm，洗脸擦头都合适。',
    sales: 21760,
    listedDaysAgo: 140,
    specGroups: [g('颜色', '米白', '浅灰', '雾蓝'), g('规格', '2条装', '4条装')],
    price: by('规格', { '2条装': 4900, '4条装': 8900 }),
  }),
  product({
    key: 'bedding-set',
    categoryKey: 'home',
    title: '全棉磨毛四件套 被套床单枕套',
    subtitle: '亲肤磨毛 冬季不冰凉',
    description:
      '100%棉磨毛面料，表面细密绒感，冬天钻进被窝不冰。活性印染，色牢度高，多次水洗不褪色。套件含被套1件、床单1件、枕套2只。请按床宽选择尺寸。',
    originalPrice: 45900,
    sales: 4876,
    listedDaysAgo: 27,
    specGroups: [g('颜色', '燕麦色', '雾霾蓝', '豆沙粉'), g('尺寸', '1.5m床', '1.8m床')],
    price: by('尺寸', { '1.5m床': 29900, '1.8m床': 33900 }),
    options: { stock: { '豆沙粉/1.8m床': 0 } },
  }),
  product({
    key: 'storage-box',
    categoryKey: 'home',
    title: '可折叠收纳箱 带盖衣物整理箱',
    subtitle: '折叠后仅8cm高 不用时不占地',
    description:
      '加厚PP材质，承重可达30kg，叠放三层也稳。侧面可整体折叠，不用时收起只有8cm高。带盖防尘，前侧开门，放在下层也能直接取物。适合衣柜、床底和车后备箱。',
    sales: 16544,
    listedDaysAgo: 88,
    specGroups: [g('颜色', '奶白', '浅灰'), g('容量', '30L', '55L', '80L')],
    price: by('容量', { '30L': 3900, '55L': 5900, '80L': 7900 }),
  }),
  product({
    key: 'desk-lamp',
    categoryKey: 'home',
    title: 'LED护眼台灯 学习阅读床头灯',
    subtitle: '无可视频闪 四档色温 无极调光',
    description:
      '国AA级照度，无可视频闪，显色指数Ra95，看书写字不累眼。四档色温可调，无极调光。灯臂可多角度折叠。充电款内置4000mAh电池，拔线可用约6小时，停电也不怕。',
    sales: 5320,
    listedDaysAgo: 66,
    specGroups: [g('颜色', '白色', '深灰'), g('版本', '插电款', '充电款')],
    price: by('版本', { 插电款: 15900, 充电款: 19900 }),
  }),
  product({
    key: 'thermos',
    categoryKey: 'home',
    title: '316不锈钢保温杯 大容量便携水杯',
    subtitle: '12小时保温 一键弹盖单手开',
    description:
      '内胆为316医用级不锈钢，耐腐蚀，泡茶装咖啡都放心。真空断热，12小时保温，24小时保冷。弹跳盖设计，单手一按即开。杯身喷涂防滑，握着不易脱手。',
    sales: 13902,
    listedDaysAgo: 118,
    specGroups: [g('颜色', '星空黑', '奶油白', '薄荷绿'), g('容量', '350ml', '500ml', '750ml')],
    price: by('容量', { '350ml': 8900, '500ml': 9900, '750ml': 11900 }),
    options: { stock: { '薄荷绿/750ml': 0 } },
  }),

  // ---------------------------------------------------------------- 美妆个护
  product({
    key: 'lipstick-matte',
    categoryKey: 'beauty',
    title: '丝绒哑光口红 显白不拔干唇膏',
    subtitle: '一抹上色 持妆8小时',
    description:
      '丝绒哑光质地，轻薄不厚重，一抹就能均匀上色。添加玻尿酸和植物油脂，不拔干、不起皮。持妆约8小时，喝水不易沾杯。磁吸金属管身，开合手感清脆。',
    originalPrice: 15900,
    sales: 24518,
    listedDaysAgo: 33,
    specGroups: [g('色号', '#01 正红', '#02 豆沙', '#03 枫叶棕', '#04 奶茶色')],
    price: 12900,
    options: { stock: { '#02 豆沙': 0 } },
  }),
  product({
    key: 'face-cream',
    categoryKey: 'beauty',
    title: '神经酰胺保湿面霜 修护屏障乳霜',
    subtitle: '干皮敏感肌可用 不油腻',
    description:
      '含3重神经酰胺与角鲨烷，修护皮肤屏障，减少干燥紧绷。质地为轻盈乳霜，推开后很快吸收，不黏腻。无香精无酒精，敏感肌也可以使用。早晚洁面后取适量涂抹全脸。',
    sales: 8950,
    listedDaysAgo: 48,
    specGroups: [g('规格', '50g', '50g+15g体验装')],
    price: by('规格', { '50g': 19900, '50g+15g体验装': 22900 }),
  }),
  product({
    key: 'sunscreen',
    categoryKey: 'beauty',
    title: '清爽防晒乳 SPF50+ PA++++',
    subtitle: '高倍防护 水润不假白',
    description:
      'SPF50+ PA++++高倍防护，适合通勤和户外。乳液质地清爽，上脸不油不假白，可以直接上妆。防水防汗，运动后也有效。出门前15分钟涂抹，长时间户外请每2小时补涂。',
    sales: 17330,
    listedDaysAgo: 15,
    specGroups: [g('规格', '40ml', '40ml×2支')],
    price: by('规格', { '40ml': 8900, '40ml×2支': 15900 }),
  }),
  product({
    key: 'shampoo',
    categoryKey: 'beauty',
    title: '氨基酸控油洗发水 蓬松柔顺',
    subtitle: '温和氨基酸表活 无硅油',
    description:
      '氨基酸表面活性剂，温和清洁头皮，洗后不干涩。无硅油配方，头发蓬松不塌。三种香型可选，留香淡雅。1L家庭装附带按压泵头，洗澡时单手就能按。',
    sales: 28604,
    listedDaysAgo: 160,
    specGroups: [g('香型', '白茶', '西柚', '无香'), g('容量', '500ml', '1L')],
    price: by('容量', { '500ml': 5900, '1L': 8900 }),
  }),
  product({
    key: 'toothbrush',
    categoryKey: 'beauty',
    title: '声波电动牙刷 成人软毛充电款',
    subtitle: '4种模式 一次充电用60天',
    description:
      '每分钟约38000次声波震动，清洁力是手动牙刷的数倍。四种模式：清洁、美白、护龈、敏感。杜邦软毛刷头，圆润磨毛不伤牙龈。Type-C充电，充满一次可用约60天，出差不用带充电器。',
    sales: 10245,
    listedDaysAgo: 70,
    specGroups: [g('颜色', '珍珠白', '曜石黑', '樱花粉'), g('套装', '标准装', '配4支刷头')],
    price: by('套装', { 标准装: 19900, 配4支刷头: 24900 }),
  }),
  product({
    key: 'hand-cream',
    categoryKey: 'beauty',
    title: '秋冬限定护手霜礼盒 三支装',
    subtitle: '乳木果滋润 不黏手 限量发售',
    description:
      '含10%乳木果油与维生素E，秋冬干燥季节滋润手部肌肤。吸收快，涂完就能打字、拿手机。礼盒内含三支30g护手霜，送人自用都合适。限量款已全部售罄，敬请期待下一季。',
    sales: 6000,
    listedDaysAgo: 42,
    specGroups: [g('香型', '白茶', '玫瑰', '小苍兰'), g('规格', '30g×3支')],
    price: 6900,
    options: { allStock: 0 },
  }),

  // ---------------------------------------------------------------- 零食饮品
  product({
    key: 'nuts-daily',
    categoryKey: 'snacks',
    title: '每日坚果 混合果仁独立小包',
    subtitle: '6种坚果果干 一天一包刚刚好',
    description:
      '每包25g，含腰果、巴旦木、榛子、核桃仁、蔓越莓干和蓝莓干。低温烘焙，不额外添加糖和盐，保留坚果原香。独立充氮小包，开袋仍酥脆。早餐加一包，或者下午饿了垫一垫。',
    originalPrice: 9900,
    sales: 52380,
    listedDaysAgo: 100,
    specGroups: [g('口味', '原味', '酸奶味'), g('规格', '15包', '30包')],
    price: by('规格', { '15包': 4990, '30包': 8990 }),
  }),
  product({
    key: 'coffee-drip',
    categoryKey: 'snacks',
    title: '精品挂耳咖啡 现磨手冲黑咖啡',
    subtitle: '云南+埃塞俄比亚豆 烘焙后7天内发货',
    description:
      '精选云南保山与埃塞俄比亚耶加雪菲咖啡豆，按单烘焙，烘焙后7天内发出。每片10g，用90℃左右热水分3次注入约180ml。浅烘花果香明显，中烘均衡，深烘醇厚苦甜，可加奶。',
    sales: 19875,
    listedDaysAgo: 24,
    specGroups: [g('烘焙度', '浅烘', '中烘', '深烘'), g('规格', '10片', '30片')],
    price: by('规格', { '10片': 3900, '30片': 9900 }),
    options: { stock: { '浅烘/30片': 0 } },
  }),
  product({
    key: 'oolong-tea',
    categoryKey: 'snacks',
    title: '台式高山乌龙茶 冷泡热泡皆宜',
    subtitle: '海拔1000米以上茶园 回甘明显',
    description:
      '产自海拔1000米以上的高山茶园，春茶采摘。清香型汤色金黄，花香明显；浓香型经传统炭焙，口感醇厚。可热泡，也可以放冰箱冷泡一夜。罐装密封防潮，礼盒装适合送长辈。',
    sales: 3120,
    listedDaysAgo: 80,
    specGroups: [g('香型', '清香型', '浓香型'), g('规格', '罐装250g', '礼盒装500g')],
    price: by('规格', { 罐装250g: 12800, 礼盒装500g: 23800 }),
  }),
  product({
    key: 'potato-chips',
    categoryKey: 'snacks',
    title: '薄切马铃薯片 追剧休闲零食',
    subtitle: '新鲜土豆切片 非油炸更轻盈',
    description:
      '选用新鲜土豆，1.2mm薄切，经热风烘烤而成，口感酥脆不腻口。四种口味可选。单袋70g小包装，开袋一次吃完，不易受潮。',
    sales: 40512,
    listedDaysAgo: 3,
    specGroups: [g('口味', '原味', '番茄味', '黄瓜味', '烧烤味'), g('规格', '70g×6袋', '70g×12袋')],
    price: by('规格', { '70g×6袋': 2990, '70g×12袋': 5490 }),
    options: { stock: { '黄瓜味/70g×12袋': 0 } },
  }),
  product({
    key: 'beef-jerky',
    categoryKey: 'snacks',
    title: '内蒙古风干牛肉干 手撕牛肉',
    subtitle: '3斤鲜牛肉出1斤干 嚼劲十足',
    description:
      '选用内蒙古草原散养黄牛的后腿肉，约3斤鲜肉才能制成1斤牛肉干。传统风干工艺，纤维清晰，越嚼越香。独立小包装，放在包里随时吃。香辣味偏辣，不能吃辣的朋友建议选原味或五香。',
    originalPrice: 12900,
    sales: 7643,
    listedDaysAgo: 56,
    specGroups: [g('口味', '原味', '香辣', '五香'), g('规格', '250g', '500g')],
    price: by('规格', { '250g': 5900, '500g': 10900 }),
  }),
  product({
    key: 'sparkling-water',
    categoryKey: 'snacks',
    title: '0糖0卡气泡水 果味苏打水整箱',
    subtitle: '赤藓糖醇代糖 冰镇更爽口',
    description:
      '0糖0脂0卡，使用赤藓糖醇代替蔗糖，喝起来有淡淡的甜味。气泡足，冰镇后口感更好。白桃、青柠、西柚三种果味，一箱可混合口味。480ml大瓶装。',
    sales: 33570,
    listedDaysAgo: 11,
    specGroups: [g('口味', '白桃', '青柠', '西柚'), g('规格', '480ml×15瓶', '480ml×24瓶')],
    price: by('规格', { '480ml×15瓶': 5990, '480ml×24瓶': 8990 }),
  }),

  // ---------------------------------------------------------------- 运动户外
  product({
    key: 'yoga-mat',
    categoryKey: 'sports',
    title: 'TPE双面防滑瑜伽垫 加宽加厚健身垫',
    subtitle: '宽80cm 双面纹理防滑',
    description:
      'TPE环保材质，无异味，回弹性好。双面不同纹理，正面防滑，反面抓地。宽80cm，长183cm，做平板支撑和拉伸动作都有足够空间。附赠绑带和收纳袋。',
    sales: 14210,
    listedDaysAgo: 92,
    specGroups: [g('颜色', '薰衣草紫', '湖水蓝', '暗夜黑'), g('厚度', '6mm', '8mm')],
    price: by('厚度', { '6mm': 8900, '8mm': 10900 }),
  }),
  product({
    key: 'dumbbell',
    categoryKey: 'sports',
    title: '可调节哑铃 家用健身快速调重',
    subtitle: '旋钮调重 一只顶一整排',
    description:
      '旋转手柄即可调节重量，几秒钟完成切换，一只可调哑铃顶一整排固定哑铃。铸铁配重片外包防护层，放在地板上不划伤。手柄滚花防滑。价格为单只价格。',
    sales: 2310,
    listedDaysAgo: 63,
    specGroups: [g('规格', '单只10kg', '单只20kg', '单只30kg')],
    price: by('规格', { 单只10kg: 19900, 单只20kg: 29900, 单只30kg: 39900 }),
    options: { stock: { 单只30kg: 2 } },
  }),
  product({
    key: 'tent-auto',
    categoryKey: 'sports',
    title: '全自动速开帐篷 户外露营防雨',
    subtitle: '3秒展开 银胶涂层防晒',
    description:
      '液压弹簧支架，拉开外罩3秒自动展开，一个人也能搭。外帐银胶涂层，防紫外线防小雨。双门双窗通风，配纱网防蚊。收纳后长约75cm，放进后备箱刚好。',
    originalPrice: 49900,
    sales: 3045,
    listedDaysAgo: 18,
    specGroups: [g('颜色', '沙色', '军绿'), g('规格', '2人款', '3-4人款')],
    price: by('规格', { '2人款': 29900, '3-4人款': 39900 }),
  }),
  product({
    key: 'backpack',
    categoryKey: 'sports',
    title: '轻量户外双肩包 徒步登山背包',
    subtitle: '背部透气网架 附防雨罩',
    description:
      '高密度尼龙面料，耐磨防泼水。背部悬浮式透气网架，夏天背着不闷汗。多隔层设计，侧袋可放水杯。底部内置防雨罩，突遇阵雨一拉即用。25L适合一日徒步，40L够两三天行程。',
    sales: 5587,
    listedDaysAgo: 120,
    specGroups: [g('颜色', '曜石黑', '橄榄绿', '雾霾蓝'), g('容量', '25L', '40L')],
    price: by('容量', { '25L': 19900, '40L': 25900 }),
    options: { missing: ['雾霾蓝/40L'] },
  }),
  product({
    key: 'jump-rope',
    categoryKey: 'sports',
    title: '电子计数跳绳 有绳无绳两用',
    subtitle: '自动计数计时 轴承顺滑不缠绳',
    description:
      '手柄内置计数器，自动记录圈数、时间和消耗热量。双轴承设计，转动顺滑，绳子不缠。附带无绳球头，室内或楼下也能跳。绳长可调节，适合身高150-190cm。',
    sales: 20156,
    listedDaysAgo: 5,
    specGroups: [g('颜色', '活力橙', '薄荷绿', '暗夜黑'), g('款式', '有绳款', '有绳+无绳两用')],
    price: by('款式', { 有绳款: 3900, '有绳+无绳两用': 5900 }),
  }),
  product({
    key: 'running-shorts',
    categoryKey: 'sports',
    title: '速干运动短裤 内衬防走光跑步裤',
    subtitle: '轻薄速干 侧边拉链口袋',
    description:
      '轻薄速干面料，出汗后很快干爽。内置弹力内衬，跑步和跳操不走光。侧边隐形拉链口袋，能放手机和钥匙，跑起来不晃。腰部宽松紧带加抽绳，松紧可调。',
    sales: 9870,
    listedDaysAgo: 38,
    specGroups: [g('颜色', '暗夜黑', '深海蓝', '浅灰'), g('尺码', 'S', 'M', 'L', 'XL', 'XXL')],
    price: 7900,
    options: { stock: { '浅灰/XXL': 0 } },
  }),
]

export const catalog: SeedCatalog = {
  categories: [
    { key: 'apparel', name: '服饰', icon: 'cat-apparel.png' },
    { key: 'shoes', name: '鞋靴', icon: 'cat-shoes.png' },
    { key: 'digital', name: '数码', icon: 'cat-digital.png' },
    { key: 'home', name: '家居', icon: 'cat-home.png' },
    { key: 'beauty', name: '美妆个护', icon: 'cat-beauty.png' },
    { key: 'snacks', name: '零食饮品', icon: 'cat-snacks.png' },
    { key: 'sports', name: '运动户外', icon: 'cat-sports.png' },
  ],
  products,
  banners: [
    { title: '秋冬上新 轻薄羽绒服限时直降', image: 'banner-1.jpg', productKey: 'down-jacket' },
    { title: '降噪耳机 安静通勤每一天', image: 'banner-2.jpg', productKey: 'earbuds-anc' },
    { title: '周末露营季 速开帐篷开抢', image: 'banner-3.jpg', productKey: 'tent-auto' },
  ],
}
