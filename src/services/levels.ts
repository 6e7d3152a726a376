import type { Level, MyLevel } from '@/domain/levels'
import { api } from './http'

/** GET /api/levels/me: the shopper's growth, level, the next one and the ladder (guests 401). */
export function fetchMyLevel(): Promise<MyLevel> {
  return api<MyLevel>('GET', '/api/levels/me')
}

/** GET /api/levels: the ladder. Public. */
export async function fetchLevels(): Promise<Level[]> {
  return (await api<{ levels: Level[] }>('GET', '/api/levels')).levels
}

/** PUT /api/levels/me/birthday ('MM-DD'): set once; 409 BIRTHDAY_SET after. */
export function setBirthday(birthday: string): Promise<MyLevel> {
  return api<MyLevel>('PUT', '/api/levels/me/birthday', { body: { birthday } })
}
