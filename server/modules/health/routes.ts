import type { FastifyInstance } from 'fastify'

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', async () => {
    // A health check that never touches the database would say "ok" while orders fail.
    await app.db.query('SELECT 1')
    return { ok: true, db: app.db.kind, mode: app.sandbox ? 'sandbox' : 'live' }
  })
}
