/**
 * Tab bar icons for the mini-programs: simple line icons on a transparent background.
 * WeChat and Alipay want PNG files (no SVG) for tabBar iconPath/selectedIconPath.
 */
import { page } from './pages'

export const TAB_GREY = '#666666'
export const TAB_ACTIVE = '#ff4f3f'

/** Line paths in a 48x48 box. */
const TAB_PATHS: Record<string, string> = {
  home: '<path d="M7 22 L24 8 L41 22"/><path d="M11 19 V40 H37 V19"/><path d="M20 40 V29 H28 V40"/>',
  category:
    '<rect x="8" y="8" width="13" height="13" rx="3"/><rect x="27" y="8" width="13" height="13" rx="3"/>' +
    '<rect x="8" y="27" width="13" height="13" rx="3"/><circle cx="33.5" cy="33.5" r="6.5"/>',
  cart:
    '<path d="M5 9 H10 L15 31 H36 L41 15 H12"/><circle cx="17" cy="38" r="2.6"/><circle cx="34" cy="38" r="2.6"/>',
  me: '<circle cx="24" cy="17" r="8"/><path d="M9 41 Q9 28 24 28 Q39 28 39 41"/>',
}

export const TAB_NAMES = Object.keys(TAB_PATHS)

export function tabIcon(name: string, active: boolean): string {
  const paths = TAB_PATHS[name]
  if (!paths) throw new Error(`unknown tab icon ${name}`)
  const colour = active ? TAB_ACTIVE : TAB_GREY
  // The active icon gets a faint fill so the state reads even for colour-blind shoppers.
  const fill = active ? `fill="${TAB_ACTIVE}" fill-opacity="0.12"` : 'fill="none"'
  return page(
    81,
    81,
    `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="-5 -5 58 58">
      <g ${fill} stroke="${colour}" stroke-width="${active ? 3 : 2.6}" stroke-linecap="round" stroke-linejoin="round">${paths}</g>
    </svg>`,
    true,
  )
}
