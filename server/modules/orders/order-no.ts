/**
 * Order numbers shoppers read out to customer service: the China date of creation and the
 * order id, "2026112300000042". Unique because the id is; sortable by time.
 */
export function formatOrderNo(id: number, createdAt: Date): string {
  const china = new Date(createdAt.getTime() + 8 * 3_600_000)
  return `${china.toISOString().slice(0, 10).replace(/-/g, '')}${String(id).padStart(8, '0')}`
}

/** The date part, for SQL that appends the id it just drew (see service.create). */
export function orderNoPrefix(createdAt: Date): string {
  return formatOrderNo(0, createdAt).slice(0, 8)
}
