/**
 * Simple flat vector drawings of shop items, each in a 200x200 box centred on (100, 100).
 * A drawing takes a Paint (base/accent/detail/light) and returns SVG elements.
 */
import type { Paint } from './palette'

let idCounter = 0
/** Unique ids for clip paths: several drawings can share one page. */
const uid = (): string => `c${++idCounter}`

const line = (p: Paint, w = 2): string =>
  `stroke="${p.detail}" stroke-width="${w}" stroke-linejoin="round" stroke-linecap="round"`

const SHADOW = '<ellipse cx="100" cy="182" rx="62" ry="7" fill="#000" opacity="0.08"/>'

const LONG_SLEEVE =
  'M64 40 L136 40 L164 64 L176 150 L156 154 L142 92 L142 172 L58 172 L58 92 L44 154 L24 150 L36 64 Z'

function clipped(path: string, inner: string): string {
  const id = uid()
  return `<clipPath id="${id}"><path d="${path}"/></clipPath><g clip-path="url(#${id})">${inner}</g>`
}

function tube(p: Paint, top: string, bottom: string): string {
  return `${SHADOW}
    <path d="M66 22 L134 22 L134 32 L66 32 Z" fill="${p.accent}" ${line(p)}/>
    <path d="M66 32 L134 32 L120 150 L80 150 Z" fill="${p.base}" ${line(p)}/>
    <rect x="78" y="148" width="44" height="30" rx="6" fill="${p.accent}" ${line(p)}/>
    <rect x="78" y="62" width="44" height="50" rx="5" fill="#fff" opacity="0.85"/>
    <text x="100" y="84" font-size="11" font-weight="700" fill="${p.detail}" text-anchor="middle" font-family="sans-serif">${top}</text>
    <text x="100" y="102" font-size="11" font-weight="700" fill="${p.detail}" text-anchor="middle" font-family="sans-serif">${bottom}</text>
    ${[72, 84, 96, 108, 120].map((x) => `<path d="M${x} 23 L${x} 31" ${line(p, 1)} opacity="0.5"/>`).join('')}`
}

export type Kind = keyof typeof DRAW

export const DRAW = {
  tshirt: (p: Paint) => `${SHADOW}
    <path d="M62 38 L82 30 Q100 44 118 30 L138 38 L170 66 L150 88 L138 78 L138 172 L62 172 L62 78 L50 88 L30 66 Z" fill="${p.base}" ${line(p)}/>
    <path d="M82 30 Q100 52 118 30" fill="none" ${line(p, 3)}/>
    <path d="M62 78 L62 64 M138 78 L138 64" ${line(p, 1.5)} opacity="0.5"/>
    <rect x="112" y="60" width="14" height="9" rx="2" fill="${p.accent}" opacity="0.7"/>`,

  hoodie: (p: Paint) => `${SHADOW}
    <path d="${LONG_SLEEVE}" fill="${p.base}" ${line(p)}/>
    <path d="M72 44 Q74 10 100 10 Q126 10 128 44 Q100 64 72 44 Z" fill="${p.accent}" ${line(p)}/>
    <path d="M84 42 Q100 54 116 42 Q112 22 100 22 Q88 22 84 42 Z" fill="${p.detail}" opacity="0.35"/>
    <path d="M93 52 L91 84 M107 52 L109 84" ${line(p, 2)}/>
    <path d="M74 128 L126 128 L132 160 L68 160 Z" fill="none" ${line(p)}/>
    <path d="M58 164 L142 164 M30 146 L48 148 M152 148 L170 146" ${line(p, 3)} opacity="0.6"/>`,

  jeans: (p: Paint) => `${SHADOW}
    <path d="M62 24 L138 24 L146 176 L110 176 L100 76 L90 176 L54 176 Z" fill="${p.base}" ${line(p)}/>
    <path d="M62 36 L138 36" ${line(p, 2)}/>
    <path d="M68 40 Q72 58 88 60 M132 40 Q128 58 112 60" fill="none" ${line(p, 1.6)}/>
    <path d="M100 36 L100 70" ${line(p, 1.6)}/>
    <circle cx="100" cy="30" r="3" fill="#d6b25e"/>
    <path d="M60 170 L90 170 M110 170 L142 170" stroke="#f6c26b" stroke-width="1.4" stroke-dasharray="3 3"/>`,

  puffer: (p: Paint) => {
    const quilt = [64, 84, 104, 124, 144, 164]
      .map((y) => `<path d="M0 ${y} Q100 ${y + 8} 200 ${y}" fill="none" ${line(p, 1.6)} opacity="0.55"/>`)
      .join('')
    return `${SHADOW}
    <path d="${LONG_SLEEVE}" fill="${p.base}" ${line(p)}/>
    ${clipped(LONG_SLEEVE, quilt + `<path d="M60 60 Q100 74 140 60 L140 80 Q100 94 60 80 Z" fill="${p.light}" opacity="0.35"/>`)}
    <path d="M74 26 L126 26 L128 46 L72 46 Z" fill="${p.accent}" ${line(p)}/>
    <path d="M100 26 L100 172" ${line(p, 2)}/>
    <rect x="97" y="26" width="6" height="8" rx="1" fill="${p.detail}"/>`
  },

  shirt: (p: Paint) => `${SHADOW}
    <path d="${LONG_SLEEVE}" fill="${p.base}" ${line(p)}/>
    <path d="M80 40 L100 64 L120 40 L112 30 L88 30 Z" fill="${p.light}" ${line(p)}/>
    <path d="M80 40 L94 58 L86 64 Z M120 40 L106 58 L114 64 Z" fill="${p.base}" ${line(p, 1.6)}/>
    <path d="M100 64 L100 172" ${line(p, 1.6)}/>
    ${[80, 100, 120, 140, 160].map((y) => `<circle cx="104" cy="${y}" r="2.4" fill="${p.detail}"/>`).join('')}
    <path d="M68 76 L88 76 L88 96 L68 96 Z" fill="none" ${line(p, 1.4)}/>
    <path d="M24 150 L44 154 M156 154 L176 150" ${line(p, 3)}/>`,

  socks: (p: Paint) => {
    const sock = (dx: number, paint: Paint): string => `<g transform="translate(${dx} 0)">
      <path d="M60 24 L96 24 L96 110 Q96 128 116 136 L140 146 Q160 156 152 172 Q144 186 122 180 L80 164 Q60 156 60 134 Z" fill="${paint.base}" ${line(paint)}/>
      <rect x="60" y="24" width="36" height="22" fill="${paint.accent}" ${line(paint)}/>
      <path d="M64 30 L64 42 M72 30 L72 42 M80 30 L80 42 M88 30 L88 42" ${line(paint, 1.2)} opacity="0.5"/>
      <path d="M134 143 Q160 152 150 174 Q142 184 124 180 Q138 166 134 143 Z" fill="${paint.accent}"/>
      <path d="M60 132 Q68 158 92 160 Q74 150 74 128 Z" fill="${paint.accent}" opacity="0.8"/></g>`
    return `${SHADOW}${sock(-14, p)}${sock(22, { ...p, base: p.accent, accent: p.base })}`
  },

  sneaker: (p: Paint) => `${SHADOW}
    <path d="M22 150 L178 150 Q182 150 182 144 L182 134 L22 134 Q18 134 18 140 L18 144 Q18 150 22 150 Z" fill="#fbfbf8" ${line(p)}/>
    <path d="M24 134 Q20 106 38 98 L76 80 Q90 74 100 88 L114 104 Q146 108 168 118 Q182 124 182 134 Z" fill="${p.base}" ${line(p)}/>
    <path d="M56 122 Q90 104 140 122 Q110 114 72 128 Z" fill="${p.accent}"/>
    <path d="M24 120 Q18 104 38 98 L44 122 Z" fill="${p.accent}" opacity="0.9"/>
    <path d="M84 86 L98 80 M90 94 L104 88 M96 102 L110 96" ${line(p, 2.4)}/>
    <path d="M22 142 L182 142" ${line(p, 1.2)} opacity="0.5"/>`,

  runner: (p: Paint) => `${SHADOW}
    <path d="M26 156 L176 156 Q186 156 184 144 L180 128 L24 130 Q14 132 16 144 Q18 156 26 156 Z" fill="${p.accent}" ${line(p)}/>
    <path d="M26 130 Q18 100 40 90 L78 74 Q92 68 102 84 L118 100 Q150 102 170 112 Q184 120 180 130 Z" fill="${p.base}" ${line(p)}/>
    <path d="M40 118 Q96 84 150 110 Q150 118 140 118 Q98 104 52 124 Z" fill="${p.light}" opacity="0.9"/>
    <path d="M86 82 L100 76 M92 90 L106 84 M98 98 L112 92" ${line(p, 2.4)}/>
    ${[50, 70, 90, 110, 130, 150].map((x) => `<circle cx="${x}" cy="143" r="3" fill="${p.base}" opacity="0.6"/>`).join('')}`,

  hightop: (p: Paint) => `${SHADOW}
    <path d="M22 152 L178 152 Q182 152 182 146 L182 134 L22 134 Q18 134 18 140 L18 146 Q18 152 22 152 Z" fill="#f6f2e6" ${line(p)}/>
    <path d="M22 142 L182 142" stroke="${p.base}" stroke-width="3"/>
    <path d="M22 134 Q20 108 36 100 L44 40 L96 36 L104 100 Q142 106 166 116 Q182 124 182 134 Z" fill="${p.base}" ${line(p)}/>
    <path d="M140 110 Q170 114 182 134 L150 134 Q148 118 140 110 Z" fill="#f6f2e6" ${line(p, 1.6)}/>
    ${[48, 62, 76, 90].map((y, i) => `<circle cx="${94 - i * 2 + 4}" cy="${y + 6}" r="2.6" fill="#f6f2e6" ${line(p, 1)}/><path d="M${66 - i} ${y + 8} L${96 - i * 2} ${y + 4}" stroke="#f6f2e6" stroke-width="2.4"/>`).join('')}
    <circle cx="52" cy="84" r="9" fill="#f6f2e6" ${line(p, 1.4)}/>`,

  boot: (p: Paint) => `${SHADOW}
    <path d="M34 160 L180 160 L180 150 L34 150 Z" fill="#2a221d"/>
    <path d="M36 150 L36 34 Q36 28 42 28 L94 28 Q100 28 100 34 L104 100 Q146 106 168 120 Q182 130 180 150 Z" fill="${p.base}" ${line(p)}/>
    <path d="M60 32 L84 32 L86 96 L62 96 Z" fill="${p.detail}" opacity="0.55"/>
    <path d="M64 40 L82 40 M64 52 L83 52 M64 64 L84 64 M64 76 L84 76 M64 88 L85 88" ${line(p, 1)} opacity="0.6"/>
    <path d="M92 28 Q106 18 108 30" fill="none" ${line(p, 3)}/>
    <path d="M36 160 L60 160 L60 170 L36 170 Z" fill="#2a221d"/>
    <path d="M120 106 Q150 110 170 124" fill="none" stroke="${p.light}" stroke-width="3" opacity="0.5"/>`,

  slipper: (p: Paint) => `${SHADOW}
    <path d="M22 150 Q22 124 50 124 L158 124 Q182 124 182 148 Q182 166 160 166 L46 166 Q22 166 22 150 Z" fill="${p.base}" ${line(p)}/>
    <path d="M26 150 L178 150" ${line(p, 1.4)} opacity="0.5"/>
    <path d="M60 126 Q70 64 118 66 Q150 68 150 126 Z" fill="${p.accent}" ${line(p)}/>
    ${[[86, 92], [104, 86], [122, 92], [96, 108], [114, 108], [132, 108]].map(([x, y]) => `<ellipse cx="${x}" cy="${y}" rx="5" ry="4" fill="${p.light}" ${line(p, 1)}/>`).join('')}`,

  hiker: (p: Paint) => `${SHADOW}
    <path d="M26 162 L178 162 Q186 162 184 152 L182 142 L24 142 Q18 144 20 152 Z" fill="#3a3430"/>
    ${[40, 60, 80, 100, 120, 140, 160].map((x) => `<rect x="${x}" y="160" width="10" height="6" fill="#3a3430"/>`).join('')}
    <path d="M26 142 Q22 110 36 100 L42 40 L100 36 L106 98 Q146 102 170 116 Q184 126 182 142 Z" fill="${p.base}" ${line(p)}/>
    <path d="M140 110 Q172 116 182 142 L146 142 Q146 124 140 110 Z" fill="${p.accent}" ${line(p, 1.6)}/>
    <path d="M42 40 L100 36 L100 48 L42 52 Z" fill="${p.accent}"/>
    ${[58, 70, 82, 94].map((y) => `<path d="M70 ${y} L102 ${y - 4}" stroke="#e65a2e" stroke-width="3" stroke-linecap="round"/>`).join('')}
    <path d="M26 130 L180 134" ${line(p, 1.4)} stroke-dasharray="4 3" opacity="0.7"/>`,

  earbuds: (p: Paint) => {
    const bud = (x: number, flip: number): string => `<g transform="translate(${x} 40) scale(${flip} 1)">
      <circle cx="0" cy="20" r="18" fill="${p.base}" ${line(p)}/>
      <ellipse cx="-10" cy="20" rx="6" ry="8" fill="${p.detail}" opacity="0.6"/>
      <rect x="4" y="26" width="12" height="46" rx="6" fill="${p.base}" ${line(p)}/>
      <circle cx="10" cy="64" r="2.4" fill="${p.detail}"/></g>`
    return `${SHADOW}${bud(66, 1)}${bud(134, -1)}
    <rect x="52" y="112" width="96" height="64" rx="30" fill="${p.base}" ${line(p)}/>
    <path d="M54 132 L146 132" ${line(p, 1.6)}/>
    <circle cx="100" cy="150" r="3" fill="#3ccf6a"/>`
  },

  powerbank: (p: Paint) => `${SHADOW}
    <rect x="62" y="28" width="76" height="148" rx="16" fill="${p.base}" ${line(p)}/>
    <rect x="74" y="48" width="52" height="30" rx="6" fill="#1d2430"/>
    <text x="100" y="71" font-size="20" font-weight="700" fill="#5be38c" text-anchor="middle" font-family="monospace">99%</text>
    <rect x="84" y="24" width="14" height="6" rx="2" fill="${p.detail}"/>
    <rect x="104" y="24" width="10" height="6" rx="3" fill="${p.detail}"/>
    <path d="M92 110 L104 110 L96 126 L110 126 L90 152 L96 132 L84 132 Z" fill="${p.accent}"/>`,

  phonecase: (p: Paint) => `${SHADOW}
    <rect x="56" y="16" width="88" height="166" rx="20" fill="${p.base}" ${line(p)} fill-opacity="${p.base === '#dde7ee' ? 0.75 : 1}"/>
    <rect x="66" y="26" width="44" height="48" rx="12" fill="${p.accent}" ${line(p, 1.6)}/>
    <circle cx="79" cy="39" r="8" fill="#1e1f24" stroke="${p.light}" stroke-width="2"/>
    <circle cx="79" cy="61" r="8" fill="#1e1f24" stroke="${p.light}" stroke-width="2"/>
    <circle cx="98" cy="50" r="8" fill="#1e1f24" stroke="${p.light}" stroke-width="2"/>
    <rect x="144" y="50" width="4" height="22" rx="2" fill="${p.detail}"/>
    <circle cx="100" cy="112" r="10" fill="none" ${line(p, 1.6)} opacity="0.6"/>`,

  charger: (p: Paint) => `${SHADOW}
    <rect x="76" y="22" width="8" height="26" rx="2" fill="#b8bcc4"/>
    <rect x="116" y="22" width="8" height="26" rx="2" fill="#b8bcc4"/>
    <rect x="54" y="44" width="92" height="120" rx="18" fill="${p.base}" ${line(p)}/>
    <rect x="86" y="74" width="28" height="10" rx="5" fill="${p.detail}"/>
    <rect x="86" y="96" width="28" height="10" rx="5" fill="${p.detail}"/>
    <rect x="84" y="118" width="32" height="12" rx="2" fill="${p.detail}"/>
    <text x="100" y="152" font-size="11" fill="${p.detail}" text-anchor="middle" font-family="sans-serif" font-weight="700">65W GaN</text>`,

  watch: (p: Paint) => `${SHADOW}
    <path d="M76 14 L124 14 L120 54 L80 54 Z" fill="${p.accent}" ${line(p)}/>
    <path d="M80 146 L120 146 L124 186 L76 186 Z" fill="${p.accent}" ${line(p)}/>
    <rect x="54" y="46" width="92" height="108" rx="30" fill="${p.base}" ${line(p)}/>
    <rect x="64" y="56" width="72" height="88" rx="22" fill="#111318"/>
    <circle cx="100" cy="100" r="30" fill="none" stroke="#3ccf6a" stroke-width="4" stroke-dasharray="120 200" transform="rotate(-90 100 100)"/>
    <text x="100" y="106" font-size="18" font-weight="700" fill="#fff" text-anchor="middle" font-family="sans-serif">10:08</text>
    <rect x="146" y="84" width="6" height="18" rx="3" fill="${p.detail}"/>`,

  keyboard: (p: Paint) => {
    const keys: string[] = []
    const rows = [13, 13, 12, 11, 7]
    rows.forEach((n, r) => {
      const w = 148 / n
      for (let i = 0; i < n; i++) {
        const wide = r === 4 && i === 3
        keys.push(`<rect x="${28 + i * w + 1.2}" y="${66 + r * 15}" width="${(wide ? w * 1 : w) - 2.4}" height="12" rx="2.4" fill="${(r + i) % 6 === 0 ? p.accent : p.light}" ${line(p, 0.8)}/>`)
      }
    })
    return `${SHADOW}
    <rect x="20" y="58" width="164" height="90" rx="10" fill="${p.base}" ${line(p)}/>
    ${keys.join('')}
    <rect x="138" y="50" width="28" height="8" rx="2" fill="${p.detail}" opacity="0.4"/>`
  },

  mug: (p: Paint) => `${SHADOW}
    <path d="M120 80 Q160 78 160 110 Q160 140 120 140" fill="none" stroke="${p.detail}" stroke-width="14" stroke-linecap="round"/>
    <path d="M120 80 Q160 78 160 110 Q160 140 120 140" fill="none" stroke="${p.base}" stroke-width="10" stroke-linecap="round"/>
    <path d="M44 58 L132 58 L128 164 Q128 176 116 176 L60 176 Q48 176 48 164 Z" fill="${p.base}" ${line(p)}/>
    <ellipse cx="88" cy="58" rx="44" ry="8" fill="${p.light}" ${line(p)}/>
    <ellipse cx="88" cy="60" rx="38" ry="5" fill="#6b4a35"/>
    <path d="M74 44 Q68 34 76 24 M92 44 Q86 30 94 18 M110 44 Q104 34 112 24" fill="none" stroke="#b7b0a6" stroke-width="3" stroke-linecap="round"/>`,

  towels: (p: Paint) => {
    const towel = (y: number, w: number, paint: Paint): string => `
      <rect x="${100 - w / 2}" y="${y}" width="${w}" height="34" rx="12" fill="${paint.base}" ${line(paint)}/>
      <rect x="${100 - w / 2 + 14}" y="${y + 6}" width="10" height="22" fill="${paint.accent}" opacity="0.7"/>
      <rect x="${100 + w / 2 - 24}" y="${y + 6}" width="10" height="22" fill="${paint.accent}" opacity="0.7"/>`
    return `${SHADOW}${towel(140, 150, p)}${towel(104, 140, { ...p, base: p.light })}${towel(68, 130, p)}
    <path d="M60 60 Q60 44 84 46 Q96 30 112 44 Q138 40 138 60 Z" fill="#fff" ${line(p, 1.4)}/>`
  },

  bedding: (p: Paint) => `${SHADOW}
    <rect x="24" y="40" width="152" height="56" rx="10" fill="${p.accent}" ${line(p)}/>
    <rect x="20" y="90" width="160" height="80" rx="8" fill="#fbfaf7" ${line(p)}/>
    <ellipse cx="64" cy="96" rx="32" ry="14" fill="${p.light}" ${line(p)}/>
    <ellipse cx="136" cy="96" rx="32" ry="14" fill="${p.light}" ${line(p)}/>
    <path d="M20 116 L180 116 L180 170 L20 170 Z" fill="${p.base}" ${line(p)}/>
    <path d="M20 116 L180 116 L180 128 L20 128 Z" fill="#fbfaf7" ${line(p, 1.4)}/>
    ${[40, 72, 104, 136, 168].map((x) => `<circle cx="${x}" cy="150" r="4" fill="${p.light}"/>`).join('')}`,

  box: (p: Paint) => `${SHADOW}
    <path d="M34 64 L166 64 L158 176 L42 176 Z" fill="${p.base}" ${line(p)}/>
    <rect x="28" y="48" width="144" height="20" rx="5" fill="${p.accent}" ${line(p)}/>
    <rect x="80" y="82" width="40" height="10" rx="5" fill="${p.detail}" opacity="0.7"/>
    <rect x="66" y="112" width="68" height="40" rx="4" fill="#fff" ${line(p, 1.4)}/>
    <path d="M76 126 L124 126 M76 138 L110 138" ${line(p, 1.6)} opacity="0.6"/>`,

  lamp: (p: Paint) => `${SHADOW}
    <ellipse cx="70" cy="172" rx="40" ry="9" fill="${p.base}" ${line(p)}/>
    <path d="M70 168 L92 92 L146 52" fill="none" stroke="${p.detail}" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>
    <path d="M70 168 L92 92 L146 52" fill="none" stroke="${p.base}" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/>
    <circle cx="92" cy="92" r="6" fill="${p.accent}" ${line(p)}/>
    <path d="M124 40 L176 60 L166 82 L114 62 Z" fill="${p.base}" ${line(p)}/>
    <path d="M114 62 L166 82 L180 130 L84 96 Z" fill="#fff4b8" opacity="0.55"/>`,

  thermos: (p: Paint) => `${SHADOW}
    <rect x="70" y="18" width="60" height="34" rx="10" fill="${p.accent}" ${line(p)}/>
    <rect x="112" y="24" width="20" height="10" rx="4" fill="${p.detail}"/>
    <rect x="66" y="50" width="68" height="128" rx="16" fill="${p.base}" ${line(p)}/>
    <rect x="66" y="62" width="68" height="8" fill="${p.accent}" opacity="0.8"/>
    <path d="M78 80 L78 160" stroke="#fff" stroke-width="5" stroke-linecap="round" opacity="0.35"/>`,

  lipstick: (p: Paint) => `${SHADOW}
    <path d="M84 26 L116 44 L116 84 L84 84 Z" fill="${p.base}" ${line(p)}/>
    <path d="M92 36 L100 40 L100 84 L92 84 Z" fill="#fff" opacity="0.25"/>
    <rect x="80" y="82" width="40" height="26" rx="3" fill="#d9b45c" stroke="#9e7d2e" stroke-width="2"/>
    <rect x="72" y="106" width="56" height="74" rx="6" fill="#2a2a2e" stroke="#111" stroke-width="2"/>
    <rect x="72" y="118" width="56" height="4" fill="#d9b45c"/>
    <circle cx="100" cy="150" r="9" fill="${p.base}" stroke="#d9b45c" stroke-width="2"/>`,

  jar: (p: Paint) => `${SHADOW}
    <rect x="46" y="62" width="108" height="22" rx="6" fill="${p.accent}" ${line(p)}/>
    <path d="M42 84 L158 84 L152 170 Q152 178 144 178 L56 178 Q48 178 48 170 Z" fill="${p.base}" ${line(p)}/>
    <rect x="62" y="110" width="76" height="40" rx="6" fill="#fff" ${line(p, 1.4)}/>
    <text x="100" y="136" font-size="14" font-weight="700" fill="${p.accent}" text-anchor="middle" font-family="sans-serif">CERA</text>
    <path d="M60 40 Q80 28 100 40 Q120 52 140 40" fill="none" stroke="${p.light}" stroke-width="6" stroke-linecap="round"/>`,

  tube: (p: Paint) => tube(p, 'SPF', '50+'),
  handcream: (p: Paint) => tube(p, 'HAND', 'CREAM'),

  pump: (p: Paint) => `${SHADOW}
    <path d="M92 20 L132 20 L132 30 L100 30 L100 40 L92 40 Z" fill="${p.detail}"/>
    <rect x="90" y="38" width="20" height="22" rx="3" fill="${p.detail}"/>
    <rect x="80" y="56" width="40" height="16" rx="4" fill="${p.accent}" ${line(p)}/>
    <path d="M58 80 Q58 70 70 70 L130 70 Q142 70 142 80 L142 166 Q142 178 130 178 L70 178 Q58 178 58 166 Z" fill="${p.base}" ${line(p)}/>
    <rect x="70" y="100" width="60" height="54" rx="6" fill="#fff" opacity="0.9"/>
    <path d="M88 118 Q100 104 112 118 Q100 140 88 118 Z" fill="${p.accent}"/>
    <path d="M80 142 L120 142" ${line(p, 1.6)} opacity="0.6"/>`,

  toothbrush: (p: Paint) => `${SHADOW}
    <rect x="62" y="160" width="76" height="18" rx="8" fill="${p.accent}" ${line(p)}/>
    <path d="M86 60 L114 60 L118 160 L82 160 Z" fill="${p.base}" ${line(p)}/>
    <path d="M94 20 L106 20 L108 62 L92 62 Z" fill="${p.base}" ${line(p)}/>
    <rect x="90" y="18" width="20" height="26" rx="4" fill="#fff" ${line(p, 1.4)}/>
    ${[22, 28, 34, 40].map((y) => `<path d="M92 ${y} L108 ${y}" stroke="#6fb7e8" stroke-width="3"/>`).join('')}
    <circle cx="100" cy="100" r="8" fill="${p.accent}" ${line(p, 1.4)}/>
    <circle cx="100" cy="124" r="3" fill="#3ccf6a"/>`,

  snackbag: (p: Paint) => {
    const zig = (y: number): string =>
      Array.from({ length: 12 }, (_, i) => `L${44 + (i + 1) * 9.33} ${y + (i % 2 === 0 ? 5 : 0)}`).join(' ')
    return `${SHADOW}
    <path d="M44 24 ${zig(24)} L156 24 Q164 100 156 176 ${zig(176).replace(/L/g, 'L')} L44 176 Q36 100 44 24 Z" fill="${p.base}" ${line(p)}/>
    <path d="M44 34 L156 34 M44 166 L156 166" ${line(p, 1.4)} opacity="0.5"/>
    <ellipse cx="100" cy="110" rx="40" ry="32" fill="#fffaf0" ${line(p, 1.6)}/>
    ${[[86, 104], [104, 98], [118, 112], [94, 120], [110, 124]].map(([x, y], i) => `<ellipse cx="${x}" cy="${y}" rx="9" ry="6" transform="rotate(${i * 35} ${x} ${y})" fill="${i % 2 ? '#c98d4d' : '#a8683a'}"/>`).join('')}
    <rect x="60" y="48" width="80" height="22" rx="11" fill="${p.accent}"/>
    <rect x="72" y="56" width="56" height="6" rx="3" fill="#fff" opacity="0.8"/>`
  },

  chips: (p: Paint) => {
    const zig = (y: number): string =>
      Array.from({ length: 12 }, (_, i) => `L${44 + (i + 1) * 9.33} ${y + (i % 2 === 0 ? 5 : 0)}`).join(' ')
    return `${SHADOW}
    <path d="M44 24 ${zig(24)} L156 24 Q166 100 156 176 ${zig(176)} L44 176 Q34 100 44 24 Z" fill="${p.base}" ${line(p)}/>
    <circle cx="100" cy="112" r="36" fill="#ffd35c"/>
    ${[[84, 104, -20], [104, 96, 15], [114, 118, 40], [92, 124, -40]].map(([x, y, r]) => `<ellipse cx="${x}" cy="${y}" rx="14" ry="10" transform="rotate(${r} ${x} ${y})" fill="#f7c04a" stroke="#d99a2b" stroke-width="1.6"/>`).join('')}
    <rect x="56" y="44" width="88" height="28" rx="6" fill="#fff" opacity="0.92"/>
    <text x="100" y="64" font-size="16" font-weight="900" fill="${p.detail}" text-anchor="middle" font-family="sans-serif">CHIPS</text>`
  },

  jerky: (p: Paint) => `${SHADOW}
    <path d="M48 40 L152 40 L160 176 L40 176 Z" fill="#c9a26b" stroke="#8a6a3e" stroke-width="2"/>
    <path d="M48 40 L56 20 L144 20 L152 40 Z" fill="#b38c55" stroke="#8a6a3e" stroke-width="2"/>
    <rect x="58" y="60" width="84" height="26" rx="4" fill="${p.base}"/>
    <rect x="68" y="70" width="64" height="6" rx="3" fill="#fff" opacity="0.85"/>
    <rect x="62" y="100" width="76" height="58" rx="8" fill="#fff6e8" stroke="#8a6a3e" stroke-width="1.6"/>
    ${[[72, 112], [90, 126], [108, 110], [120, 134], [80, 142]].map(([x, y], i) => `<rect x="${x}" y="${y}" width="22" height="9" rx="3" transform="rotate(${i * 27 - 30} ${x + 11} ${y + 4})" fill="#7a3a22"/>`).join('')}`,

  drip: (p: Paint) => `${SHADOW}
    <path d="M46 96 L154 96 L146 168 Q144 178 134 178 L66 178 Q56 178 54 168 Z" fill="#fbfaf7" stroke="#9a8f84" stroke-width="2"/>
    <ellipse cx="100" cy="96" rx="54" ry="9" fill="#e9e4dc" stroke="#9a8f84" stroke-width="2"/>
    <path d="M64 40 L136 40 L132 110 L68 110 Z" fill="${p.base}" ${line(p)}/>
    <path d="M58 86 L70 86 L70 100 L58 96 Z M142 86 L130 86 L130 100 L142 96 Z" fill="#f2efe8" stroke="#9a8f84" stroke-width="1.4"/>
    <rect x="76" y="52" width="48" height="26" rx="4" fill="#fff" opacity="0.9"/>
    <path d="M92 65 Q100 56 108 65 Q100 74 92 65 Z M100 58 L100 72" fill="${p.base}" ${line(p, 1)}/>`,

  teatin: (p: Paint) => `${SHADOW}
    <rect x="56" y="46" width="88" height="132" rx="8" fill="${p.base}" ${line(p)}/>
    <ellipse cx="100" cy="46" rx="44" ry="10" fill="${p.accent}" ${line(p)}/>
    <rect x="56" y="36" width="88" height="20" fill="${p.accent}"/>
    <ellipse cx="100" cy="36" rx="44" ry="10" fill="${p.light}" ${line(p)}/>
    <rect x="66" y="84" width="68" height="64" rx="4" fill="#fbf7ec" ${line(p, 1.4)}/>
    <path d="M100 96 Q120 108 100 138 Q80 108 100 96 Z" fill="#5d8f3a"/>
    <path d="M100 100 L100 134" stroke="#fbf7ec" stroke-width="1.6"/>`,

  bottle: (p: Paint) => `${SHADOW}
    <rect x="86" y="14" width="28" height="18" rx="3" fill="${p.accent}" ${line(p)}/>
    <path d="M88 32 L112 32 L112 46 Q138 60 138 86 L138 166 Q138 178 126 178 L74 178 Q62 178 62 166 L62 86 Q62 60 88 46 Z" fill="#e9f6fb" fill-opacity="0.8" stroke="#8fb9c8" stroke-width="2"/>
    <rect x="62" y="96" width="76" height="52" fill="${p.base}"/>
    <rect x="74" y="110" width="52" height="8" rx="4" fill="#fff" opacity="0.9"/>
    <text x="100" y="138" font-size="12" font-weight="700" fill="#fff" text-anchor="middle" font-family="sans-serif">0 SUGAR</text>
    ${[[78, 70, 3], [92, 82, 2], [118, 72, 3.5], [110, 160, 3], [82, 162, 2.5]].map(([x, y, r]) => `<circle cx="${x}" cy="${y}" r="${r}" fill="none" stroke="#8fb9c8" stroke-width="1.4"/>`).join('')}`,

  matroll: (p: Paint) => `${SHADOW}
    <rect x="30" y="84" width="124" height="64" fill="${p.base}" ${line(p)}/>
    <ellipse cx="154" cy="116" rx="18" ry="32" fill="${p.accent}" ${line(p)}/>
    <path d="M154 116 m-4 0 a4 8 0 1 1 8 0 a8 16 0 1 1 -16 0 a12 24 0 1 1 24 0" fill="none" ${line(p, 1.6)}/>
    <ellipse cx="30" cy="116" rx="18" ry="32" fill="${p.base}" ${line(p)}/>
    <path d="M70 82 L70 150 M114 82 L114 150" stroke="#2c2c30" stroke-width="6"/>
    <path d="M70 82 Q92 40 114 82" fill="none" stroke="#2c2c30" stroke-width="4"/>`,

  dumbbell: (p: Paint) => `${SHADOW}
    <rect x="60" y="92" width="80" height="16" rx="4" fill="#b9bec6" stroke="#6d727a" stroke-width="2"/>
    ${[60, 64, 68, 72].map((x) => `<path d="M${x + 20} 94 L${x + 24} 106 M${x + 44} 94 L${x + 48} 106" stroke="#6d727a" stroke-width="1"/>`).join('')}
    <rect x="24" y="56" width="20" height="88" rx="6" fill="${p.base}" ${line(p)}/>
    <rect x="42" y="66" width="18" height="68" rx="5" fill="${p.accent}" ${line(p)}/>
    <rect x="156" y="56" width="20" height="88" rx="6" fill="${p.base}" ${line(p)}/>
    <rect x="140" y="66" width="18" height="68" rx="5" fill="${p.accent}" ${line(p)}/>
    <circle cx="100" cy="100" r="0"/>`,

  tent: (p: Paint) => `${SHADOW}
    <path d="M20 172 L180 172" stroke="#9a8c73" stroke-width="3" stroke-linecap="round"/>
    <path d="M26 170 Q100 -4 174 170 Z" fill="${p.base}" ${line(p)}/>
    <path d="M100 40 Q64 100 58 170 M100 40 Q136 100 142 170" fill="none" ${line(p, 2)}/>
    <path d="M76 170 Q100 90 124 170 Z" fill="${p.detail}" opacity="0.75"/>
    <path d="M100 110 L100 170" stroke="${p.base}" stroke-width="2" stroke-dasharray="4 3"/>
    <path d="M26 170 L12 182 M174 170 L188 182" stroke="#9a8c73" stroke-width="2"/>`,

  backpack: (p: Paint) => `${SHADOW}
    <path d="M80 28 Q100 12 120 28" fill="none" stroke="${p.detail}" stroke-width="6" stroke-linecap="round"/>
    <path d="M50 70 Q50 30 100 30 Q150 30 150 70 L150 166 Q150 178 138 178 L62 178 Q50 178 50 166 Z" fill="${p.base}" ${line(p)}/>
    <path d="M62 58 Q100 40 138 58" fill="none" ${line(p, 1.6)} stroke-dasharray="4 3"/>
    <rect x="64" y="112" width="72" height="54" rx="12" fill="${p.accent}" ${line(p)}/>
    <path d="M70 124 L130 124" ${line(p, 1.6)}/>
    <rect x="92" y="118" width="16" height="10" rx="2" fill="#e9a23b"/>
    <path d="M40 90 L50 92 L50 140 L40 142 Z M160 90 L150 92 L150 140 L160 142 Z" fill="${p.accent}" ${line(p, 1.6)}/>`,

  jumprope: (p: Paint) => `${SHADOW}
    <path d="M56 62 Q30 176 100 172 Q170 168 144 62" fill="none" stroke="#3a3d44" stroke-width="3"/>
    <rect x="44" y="20" width="24" height="60" rx="11" fill="${p.base}" ${line(p)} transform="rotate(-12 56 50)"/>
    <rect x="132" y="20" width="24" height="60" rx="11" fill="${p.base}" ${line(p)} transform="rotate(12 144 50)"/>
    <rect x="47" y="34" width="18" height="14" rx="3" fill="#1d2430" transform="rotate(-12 56 50)"/>
    <text x="56" y="45" font-size="9" fill="#5be38c" text-anchor="middle" font-family="monospace" transform="rotate(-12 56 50)">128</text>`,

  shorts: (p: Paint) => `${SHADOW}
    <path d="M58 44 L142 44 L156 142 L110 148 L100 96 L90 148 L44 142 Z" fill="${p.base}" ${line(p)}/>
    <rect x="58" y="36" width="84" height="14" rx="4" fill="${p.accent}" ${line(p)}/>
    <path d="M96 50 Q92 66 88 72 M104 50 Q108 66 112 72" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round"/>
    <path d="M142 64 L146 110" ${line(p, 1.6)}/>
    <path d="M48 128 L154 128" stroke="${p.light}" stroke-width="2" opacity="0.6"/>`,
} satisfies Record<string, (p: Paint) => string>

/** Which drawing each product uses. */
export const PRODUCT_KIND: Record<string, Kind> = {
  'tee-cotton': 'tshirt',
  'hoodie-fleece': 'hoodie',
  'jeans-straight': 'jeans',
  'down-jacket': 'puffer',
  'shirt-oxford': 'shirt',
  'socks-pack': 'socks',
  'sneaker-white': 'sneaker',
  'running-shoe': 'runner',
  'canvas-shoe': 'hightop',
  'chelsea-boot': 'boot',
  slippers: 'slipper',
  'hiking-shoe': 'hiker',
  'earbuds-anc': 'earbuds',
  'power-bank': 'powerbank',
  'phone-case': 'phonecase',
  'charger-gan': 'charger',
  smartwatch: 'watch',
  'keyboard-mech': 'keyboard',
  'mug-ceramic': 'mug',
  'towel-set': 'towels',
  'bedding-set': 'bedding',
  'storage-box': 'box',
  'desk-lamp': 'lamp',
  thermos: 'thermos',
  'lipstick-matte': 'lipstick',
  'face-cream': 'jar',
  sunscreen: 'tube',
  shampoo: 'pump',
  toothbrush: 'toothbrush',
  'hand-cream': 'handcream',
  'nuts-daily': 'snackbag',
  'coffee-drip': 'drip',
  'oolong-tea': 'teatin',
  'potato-chips': 'chips',
  'beef-jerky': 'jerky',
  'sparkling-water': 'bottle',
  'yoga-mat': 'matroll',
  dumbbell: 'dumbbell',
  'tent-auto': 'tent',
  backpack: 'backpack',
  'jump-rope': 'jumprope',
  'running-shorts': 'shorts',
}

/** Colours for products whose specs carry no colour (size-only, weight-only, ...). */
export const FALLBACK_COLOURS: Record<string, string[]> = {
  'face-cream': ['#f3e4ec'],
  sunscreen: ['#ffcf4d'],
  dumbbell: ['#34373e'],
}

/** Wrap drawing elements in an <svg> of the given pixel size. */
export function svg(inner: string, size: number, extra = ''): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 200 200" ${extra}>${inner}</svg>`
}
