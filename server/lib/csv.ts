/**
 * CSV for spreadsheets (Excel, WPS, Numbers): RFC 4180 quoting, one record per physical line,
 * and no cell that a spreadsheet would run as a formula.
 */

/** The UTF-8 byte order mark: without it Excel reads UTF-8 CSV as the local code page (mojibake for Chinese). */
export const BOM = '\ufeff'

/**
 * One cell. Line breaks become spaces (a record stays one line: `grep`, `wc -l`, line-based
 * importers); text starting with = + - @ (or a tab / CR, which some spreadsheets skip before
 * those) gets a leading apostrophe, so a shopper's note like `=HYPERLINK(…)` is shown, never
 * evaluated (CSV / formula injection); a cell with a comma or a quote is quoted, quotes doubled.
 */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return String(v)
  let s = v.replace(/\r\n|\r|\n/g, ' ')
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** One record, CRLF-terminated (what RFC 4180 and Excel expect). */
export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}
