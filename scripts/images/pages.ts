/**
 * HTML pages that Chromium screenshots into the seed images: product shots (cover, second
 * colour at another angle with a detail loupe, colour line-up), banners and category icons.
 * Everything is inline SVG/CSS with local fonts: no network.
 */
import type { SeedBanner, SeedCategory, SeedProduct } from '../../server/seed/types'
import { DRAW, FALLBACK_COLOURS, PRODUCT_KIND, svg } from './art'
import { CATEGORY_STRONG, CATEGORY_TINT, backgroundFor, hasColour, mix, paintOf, type Paint } from './palette'

const FONT = `'Noto Sans CJK SC', 'Noto Sans CJK', sans-serif`

export function page(width: number, height: number, body: string, transparent = false): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
    * { margin: 0; padding: 0; box-sizing: border-box; }
    html, body { width: ${width}px; height: ${height}px; overflow: hidden; font-family: ${FONT};
      background: ${transparent ? 'transparent' : '#fff'}; }
  </style></head><body>${body}</body></html>`
}

const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;')

function drawingOf(product: SeedProduct): (p: Paint) => string {
  const kind = PRODUCT_KIND[product.key]
  if (!kind) throw new Error(`no drawing kind for product ${product.key}`)
  return DRAW[kind]
}

/** The colour variants of a product: values of its first all-colour spec group. */
export function variantsOf(product: SeedProduct): { label: string; paint: Paint }[] {
  const group = product.specGroups.find((g) => g.values.every(hasColour))
  if (group) return group.values.map((value) => ({ label: value, paint: paintOf(value) }))
  const fallback = FALLBACK_COLOURS[product.key] ?? [CATEGORY_STRONG[product.categoryKey]]
  return fallback.map((hex) => ({ label: '', paint: paintOf(hex) }))
}

export function productImage(product: SeedProduct, n: 1 | 2 | 3): string {
  const draw = drawingOf(product)
  const variants = variantsOf(product)
  const cat = product.categoryKey
  if (n === 1) {
    const { paint } = variants[0]
    const bg = backgroundFor(paint, cat)
    return page(600, 600, `<div style="width:600px;height:600px;background:${bg};position:relative">
      <div style="position:absolute;left:70px;top:70px;width:460px;height:460px;border-radius:50%;background:${mix(bg, '#ffffff', 0.55)}"></div>
      <div style="position:absolute;left:60px;top:50px">${svg(draw(paint), 480)}</div>
      <div style="position:absolute;right:26px;bottom:20px;font-size:20px;letter-spacing:4px;font-weight:700;color:${mix(bg, '#000000', 0.25)}">DUET</div>
    </div>`)
  }
  if (n === 2) {
    const { paint, label } = variants[1] ?? variants[0]
    const bg = backgroundFor(paint, cat)
    const deep = mix(bg, '#000000', 0.06)
    // Loupe: the drawing at 4x, centred on the kind's most telling detail.
    const [fx, fy] = LOUPE_FOCUS[PRODUCT_KIND[product.key]] ?? [100, 96]
    const zoom = 2.6
    return page(600, 600, `<div style="width:600px;height:600px;position:relative;overflow:hidden;
        background:linear-gradient(160deg, ${mix(bg, '#ffffff', 0.5)} 0%, ${bg} 55%, ${deep} 100%)">
      <div style="position:absolute;left:40px;top:100px;transform:rotate(-12deg)">${svg(draw(paint), 430)}</div>
      <div style="position:absolute;right:28px;top:28px;width:200px;height:200px;border-radius:50%;overflow:hidden;
          background:${mix(bg, '#ffffff', 0.6)};border:6px solid #fff;box-shadow:0 6px 18px rgba(0,0,0,0.12)">
        <div style="position:absolute;left:${94 - fx * zoom}px;top:${94 - fy * zoom}px">${svg(draw(paint), 200 * zoom)}</div>
      </div>
      ${label ? `<div style="position:absolute;left:28px;bottom:26px;padding:8px 20px;border-radius:24px;background:rgba(255,255,255,0.85);font-size:24px;color:#333">${esc(label)}</div>` : ''}
    </div>`)
  }
  const bg = CATEGORY_TINT[cat]
  const strong = CATEGORY_STRONG[cat]
  const shown = variants.slice(0, 4)
  const count = shown.length
  const chips = count === 1 ? product.specGroups.flatMap((g) => g.values).slice(0, 6) : []
  // Drawings leave a margin inside their box, so boxes may overlap their cells a little.
  const size = count === 1 ? (chips.length ? 380 : 420) : ({ 2: 290, 3: 230, 4: 215 } as Record<number, number>)[count]
  const columns = count === 4 ? 2 : count
  const cell = Math.floor(540 / columns)
  const lineup = shown
    .map(({ paint, label }) => `<div style="display:flex;flex-direction:column;align-items:center;width:${cell}px">
        <div style="margin:-10px ${Math.min(0, (cell - size) / 2)}px 0">${svg(draw(paint), size)}</div>
        ${label ? `<div style="margin-top:-14px;font-size:22px;color:#444;white-space:nowrap">${esc(label)}</div>` : ''}
      </div>`)
    .join('')
  const chipHtml = chips
    .map((v) => `<span style="display:inline-block;margin:0 8px 10px 0;padding:6px 14px;border-radius:18px;background:#fff;border:2px solid ${strong};color:${strong};font-size:20px">${esc(v)}</span>`)
    .join('')
  return page(600, 600, `<div style="width:600px;height:600px;background:${bg};position:relative">
    <div style="position:absolute;left:0;top:0;width:600px;height:120px;background:${strong};color:#fff;padding:22px 30px">
      <div style="font-size:30px;font-weight:700;white-space:nowrap;overflow:hidden">${esc(product.subtitle)}</div>
      <div style="font-size:20px;opacity:0.85;margin-top:6px">${count > 1 ? `${count}色可选` : '多规格可选'} · 品质好物</div>
    </div>
    <div style="position:absolute;left:30px;right:30px;top:120px;bottom:${chips.length ? 70 : 0}px;display:flex;flex-wrap:wrap;justify-content:center;align-content:center">${lineup}</div>
    ${chipHtml ? `<div style="position:absolute;left:30px;right:30px;bottom:24px;text-align:center">${chipHtml}</div>` : ''}
  </div>`)
}

/** Where the detail loupe of image 2 looks, in drawing coordinates (default: the centre). */
const LOUPE_FOCUS: Partial<Record<keyof typeof DRAW, [number, number]>> = {
  tshirt: [100, 40],
  hoodie: [100, 36],
  puffer: [100, 40],
  shirt: [100, 52],
  jeans: [100, 40],
  socks: [80, 36],
  sneaker: [96, 96],
  runner: [96, 92],
  hightop: [76, 70],
  boot: [72, 64],
  hiker: [86, 76],
  slipper: [104, 96],
  earbuds: [66, 62],
  powerbank: [100, 64],
  charger: [100, 100],
  watch: [100, 100],
  keyboard: [70, 90],
  mug: [88, 60],
  lamp: [140, 62],
  lipstick: [100, 70],
  jar: [100, 120],
  tube: [100, 92],
  handcream: [100, 92],
  pump: [100, 124],
  toothbrush: [100, 36],
  snackbag: [100, 110],
  chips: [100, 110],
  jerky: [100, 128],
  drip: [100, 66],
  teatin: [100, 116],
  bottle: [100, 122],
  matroll: [154, 116],
  dumbbell: [50, 100],
  tent: [100, 120],
  backpack: [100, 130],
  jumprope: [56, 46],
  shorts: [100, 50],
}

export function bannerImage(banner: SeedBanner, product: SeedProduct): string {
  const draw = drawingOf(product)
  const { paint } = variantsOf(product)[0]
  const strong = CATEGORY_STRONG[product.categoryKey]
  const [head, ...rest] = banner.title.split(' ')
  return page(750, 300, `<div style="width:750px;height:300px;position:relative;overflow:hidden;
      background:linear-gradient(120deg, ${mix(strong, '#ffffff', 0.85)} 0%, ${mix(strong, '#ffffff', 0.55)} 100%)">
    <div style="position:absolute;right:-40px;top:-60px;width:420px;height:420px;border-radius:50%;background:rgba(255,255,255,0.45)"></div>
    <div style="position:absolute;left:48px;top:62px;color:#222">
      <div style="font-size:50px;font-weight:900;letter-spacing:2px">${esc(head)}</div>
      <div style="font-size:28px;margin-top:10px;color:#444">${esc(rest.join(' '))}</div>
      <div style="display:inline-block;margin-top:26px;padding:10px 30px;border-radius:30px;background:${strong};color:#fff;font-size:24px;font-weight:700">立即抢购 ›</div>
    </div>
    <div style="position:absolute;right:60px;top:20px">${svg(draw(paint), 260)}</div>
  </div>`)
}

const CATEGORY_KIND: Record<string, keyof typeof DRAW> = {
  apparel: 'tshirt',
  shoes: 'sneaker',
  digital: 'earbuds',
  home: 'mug',
  beauty: 'lipstick',
  snacks: 'chips',
  sports: 'dumbbell',
}

export function categoryIcon(category: SeedCategory): string {
  const strong = CATEGORY_STRONG[category.key]
  const kind = CATEGORY_KIND[category.key]
  if (!strong || !kind) throw new Error(`no icon style for category ${category.key}`)
  const paint = paintOf(mix(strong, '#ffffff', 0.15))
  return page(96, 96, `<div style="width:96px;height:96px;border-radius:50%;background:${CATEGORY_TINT[category.key]};position:relative">
    <div style="position:absolute;left:6px;top:4px">${svg(DRAW[kind](paint), 84)}</div>
  </div>`, true)
}
