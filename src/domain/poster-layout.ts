import { formatFen, type Fen } from './money'

/**
 * The share poster's layout as plain drawing steps, so the page only replays them on a canvas
 * and the geometry (and text wrapping by measured width) is unit-tested. Units are canvas px.
 */

export const POSTER_WIDTH = 600
export const POSTER_HEIGHT = 960

export interface PosterInput {
  shopName: string
  /** The sharer's nickname: "<nickname> 推荐". */
  nickname: string | null
  /** Absent on the promoter's own (shop) poster. */
  product: { title: string; price: Fen; image: string | null } | null
  /** Local path of the downloaded mini-program code. */
  code: string | null
}

export type PosterStep =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; color: string }
  | { kind: 'image'; src: string; x: number; y: number; w: number; h: number }
  | { kind: 'text'; text: string; x: number; y: number; size: number; color: string; bold?: boolean }

/** Width of `text` at `size` px: the canvas's measureText where it answers, else estimateWidth. */
export type Measure = (text: string, size: number) => number

/** Without a canvas to ask: CJK and full-width characters are one em, the rest about half. */
export function estimateWidth(text: string, size: number): number {
  let w = 0
  for (const ch of text) w += /[\u2E80-\uFFEF]/.test(ch) ? size : size * 0.55
  return w
}

/**
 * Break `text` into at most `maxLines` lines no wider than `maxWidth`; the last line ends in
 * "…" when text is left over. Breaks between characters (Chinese has no spaces to break at).
 */
export function wrapText(text: string, maxWidth: number, size: number, maxLines: number, measure: Measure = estimateWidth): string[] {
  const lines: string[] = []
  let line = ''
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  for (let i = 0; i < chars.length; i++) {
    const next = line + chars[i]
    if (measure(next, size) <= maxWidth || line === '') {
      line = next
      continue
    }
    if (lines.length === maxLines - 1) {
      let cut = line
      while (cut && measure(`${cut}…`, size) > maxWidth) cut = [...cut].slice(0, -1).join('')
      lines.push(`${cut}…`)
      return lines
    }
    lines.push(line)
    line = chars[i]
  }
  if (line) lines.push(line)
  return lines
}

const PAD = 40
const CODE = 180
const TEXT = '#333333'
const MUTED = '#999999'
const PRICE = '#ff4f3f'

export function posterLayout(input: PosterInput, measure: Measure = estimateWidth): PosterStep[] {
  const steps: PosterStep[] = [{ kind: 'rect', x: 0, y: 0, w: POSTER_WIDTH, h: POSTER_HEIGHT, color: '#ffffff' }]
  const inner = POSTER_WIDTH - PAD * 2
  steps.push({ kind: 'text', text: input.shopName, x: PAD, y: PAD + 32, size: 32, color: TEXT, bold: true })
  let y = PAD + 64
  if (input.product) {
    if (input.product.image) steps.push({ kind: 'image', src: input.product.image, x: PAD, y, w: inner, h: inner })
    else steps.push({ kind: 'rect', x: PAD, y, w: inner, h: inner, color: '#f6f6f6' })
    y += inner + 48
    steps.push({ kind: 'text', text: formatFen(input.product.price), x: PAD, y, size: 40, color: PRICE, bold: true })
    y += 44
    for (const line of wrapText(input.product.title, inner - CODE - 20, 28, 2, measure)) {
      steps.push({ kind: 'text', text: line, x: PAD, y, size: 28, color: TEXT })
      y += 38
    }
  } else {
    y += 120
    for (const line of wrapText('好物一站购齐，扫码进店逛逛', inner, 40, 2, measure)) {
      steps.push({ kind: 'text', text: line, x: PAD, y, size: 40, color: TEXT, bold: true })
      y += 56
    }
  }
  const codeY = POSTER_HEIGHT - PAD - CODE
  if (input.code) steps.push({ kind: 'image', src: input.code, x: POSTER_WIDTH - PAD - CODE, y: codeY, w: CODE, h: CODE })
  const who = input.nickname ? `${input.nickname} 推荐` : '好友推荐'
  steps.push({ kind: 'text', text: wrapText(who, inner - CODE - 20, 26, 1, measure)[0] ?? '', x: PAD, y: codeY + 70, size: 26, color: TEXT })
  steps.push({ kind: 'text', text: '长按识别小程序码查看', x: PAD, y: codeY + 120, size: 22, color: MUTED })
  return steps
}
