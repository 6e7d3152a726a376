/**
 * Colours for the seed images: spec values (颜色, 口味, 色号, ...) mapped to the paint a drawing
 * uses, plus the soft background tint per category.
 */

export interface Paint {
  /** Main body colour. */
  base: string
  /** Secondary colour (stripe, sole, label); defaults to a shade of base. */
  accent: string
  /** Outline and detail colour that stays visible on the base. */
  detail: string
  /** A lighter shade for highlights. */
  light: string
}

/** Values whose paint is two-tone: [base, accent]. Everything else is one hex. */
const SPEC_COLOURS: Record<string, string | [string, string]> = {
  白色: '#f4f4f2', 黑色: '#2b2b2e', 雾霾蓝: '#8fa6bf', 燕麦色: '#d9c8ad', 浅灰: '#c4c6c9',
  藏青: '#2e3a59', 奶白: '#f3ede2', 浅蓝: '#9dbbdc', 深蓝: '#2f4a7a', 米白: '#efe8da',
  浅粉: '#f2c6cf', 黑白灰混色: ['#8a8a8a', '#f4f4f2'], 纯黑: '#242426', 纯白: '#f7f7f7',
  白绿: ['#f7f7f5', '#2f9e5b'], 白黑: ['#f7f7f5', '#242426'], 黑白: ['#2b2b2e', '#f4f4f2'],
  荧光绿: '#b5e61d', 深海蓝: '#1f3b63', 酒红: '#8c1c2b', 深棕: '#5b3a26', 樱花粉: '#f4b6c2',
  卡其: '#b59b6a', 墨绿: '#2f5d46', 月光白: '#f5f5f0', 曜石黑: '#232428', 透明: '#dde7ee',
  磨砂黑: '#333438', 星光银: '#cfd3d8', 雾蓝: '#9fb4c8', 墨绿色: '#2f5d46', 樱粉: '#f1c1c8',
  豆沙粉: '#d8a3a0', 星空黑: '#26282e', 奶油白: '#f5ecd7', 薄荷绿: '#a8dcc4', 珍珠白: '#f6f4ef',
  深灰: '#55585e', 沙色: '#d6c29a', 军绿: '#556b3a', 橄榄绿: '#6b7a3a', 薰衣草紫: '#b9a6d9',
  湖水蓝: '#6ec1d6', 暗夜黑: '#25262b', 活力橙: '#ff8a3d',
  '#01 正红': '#c8102e', '#02 豆沙': '#b76e6e', '#03 枫叶棕': '#9a3b26', '#04 奶茶色': '#c08a6e',
  原味: '#e8b04a', 酸奶味: '#b9a0d8', 番茄味: '#e0483e', 黄瓜味: '#6fb85c', 烧烤味: '#b5562e',
  香辣: '#d8342b', 五香: '#9c6b3c', 白桃: '#f4a7a0', 青柠: '#8cc63f', 西柚: '#f26b5b',
  浅烘: '#c08552', 中烘: '#8a5a35', 深烘: '#4a2e1d', 清香型: '#8fbf5a', 浓香型: '#8a5a2b',
  白茶: '#b8cf9a', 玫瑰: '#e88aa0', 小苍兰: '#e9cf5c', 无香: '#a9c3d6',
}

export const CATEGORY_TINT: Record<string, string> = {
  apparel: '#f6ede3',
  shoes: '#e9f0f7',
  digital: '#e7eefa',
  home: '#f2eee4',
  beauty: '#fbe9ed',
  snacks: '#fff1dc',
  sports: '#e4f4ea',
}

/** The category's strong colour (icons, banner buttons). */
export const CATEGORY_STRONG: Record<string, string> = {
  apparel: '#d98a4e',
  shoes: '#4d7fb8',
  digital: '#4a6fd6',
  home: '#a88a55',
  beauty: '#e0607e',
  snacks: '#f0962e',
  sports: '#35a267',
}

export function hasColour(value: string): boolean {
  return value in SPEC_COLOURS
}

function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

function toHex([r, g, b]: number[]): string {
  return '#' + [r, g, b].map((v) => Math.round(Math.max(0, Math.min(255, v))).toString(16).padStart(2, '0')).join('')
}

/** Mix a colour towards another: t=0 keeps a, t=1 gives b. */
export function mix(a: string, b: string, t: number): string {
  const x = rgb(a)
  const y = rgb(b)
  return toHex(x.map((v, i) => v + (y[i] - v) * t))
}

export function luminance(hex: string): number {
  const [r, g, b] = rgb(hex)
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255
}

export function paintOf(hexOrName: string, accent?: string): Paint {
  const entry = SPEC_COLOURS[hexOrName]
  const [base, acc] = Array.isArray(entry) ? entry : [entry ?? hexOrName, accent]
  const dark = luminance(base) < 0.3
  return {
    base,
    accent: acc ?? (dark ? mix(base, '#ffffff', 0.25) : mix(base, '#000000', 0.2)),
    detail: dark ? mix(base, '#ffffff', 0.4) : mix(base, '#000000', 0.4),
    light: mix(base, '#ffffff', 0.45),
  }
}

/** Soft background for a paint: a pale tint of it, or the category tint for white/black/grey. */
export function backgroundFor(paint: Paint, category: string): string {
  const [r, g, b] = rgb(paint.base)
  const chroma = Math.max(r, g, b) - Math.min(r, g, b)
  if (chroma < 40) return CATEGORY_TINT[category]
  return mix(paint.base, '#ffffff', 0.8)
}
