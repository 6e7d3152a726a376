/** An answer the client should see as it is: status + {code, message}. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const badInput = (message: string) => new AppError(400, 'BAD_INPUT', message)
export const notFound = (what = '资源', code = 'NOT_FOUND') => new AppError(404, code, `${what}不存在`)
export const conflict = (code: string, message: string) => new AppError(409, code, message)
export const unauthorized = (message = '请先登录', code = 'UNAUTHORIZED') => new AppError(401, code, message)
