const pad = (n: number) => String(n).padStart(2, '0')

/** Milliseconds left -> "2天 03:12:45" (days only when there are any); "00:00:00" once over. */
export function countdownText(msLeft: number): string {
  const total = Math.max(0, Math.floor(msLeft / 1000))
  const days = Math.floor(total / 86_400)
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`
  return days > 0 ? `${days}天 ${clock}` : clock
}
