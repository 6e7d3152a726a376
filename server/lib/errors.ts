/** An answer the client should see as it is: status + {code, message}. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Extra fields of the answer (e.g. the form field a 400 is about, the current version on a conflict). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const badInput = (message: string, field?: string) => new AppError(400, 'BAD_INPUT', message, field ? { field } : undefined)
export const notFound = (what = '资源', code = 'NOT_FOUND') => new AppError(404, code, `${what}不存在`)
export const conflict = (code: string, message: string) => new AppError(409, code, message)
export const unauthorized = (message = '请先登录', code = 'UNAUTHORIZED') => new AppError(401, code, message)
export const forbidden = (message = '没有权限', code = 'FORBIDDEN') => new AppError(403, code, message)
