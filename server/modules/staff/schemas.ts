import { z } from 'zod'

export const PASSWORD_MIN = 8
// argon2 takes any length; a cap keeps a megabyte "password" from costing a megabyte of hashing.
export const PASSWORD_MAX = 128

/**
 * A new account's username: lower-case letters, digits and `_ . -`, 3 to 32, starting with a
 * letter or digit. Stored lower-cased, so `Boss` and `boss` can't be two accounts.
 */
export const username = z
  .string({ error: '请填写用户名' })
  .trim()
  .transform((s) => s.toLowerCase())
  .pipe(
    z
      .string()
      .min(3, '用户名至少 3 个字符')
      .max(32, '用户名最多 32 个字符')
      .regex(/^[a-z0-9][a-z0-9_.-]*$/, '用户名只能包含字母、数字和 _ . -，并以字母或数字开头'),
  )
