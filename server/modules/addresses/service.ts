import type { Address } from '../../../src/domain/contract'
import type { Db } from '../../db'
import { conflict, notFound } from '../../lib/errors'
import * as repo from './repository'

/** The address book's rules: at most MAX_ADDRESSES, exactly one default while any exist. */
const addressNotFound = () => notFound('收货地址', 'ADDRESS_NOT_FOUND')

export async function addAddress(db: Db, userId: number, input: repo.AddressFields & { isDefault?: boolean }, now: Date): Promise<Address> {
  return db.tx(async (q) => {
    await repo.lockUser(q, userId)
    const n = await repo.countAddresses(q, userId)
    if (n >= repo.MAX_ADDRESSES) throw conflict('ADDRESS_LIMIT', `最多保存 ${repo.MAX_ADDRESSES} 个收货地址`)
    // The first address is the default whatever the form said.
    const isDefault = n === 0 || input.isDefault === true
    const a = await repo.insertAddress(q, userId, input, isDefault, now)
    if (isDefault) await repo.setDefault(q, userId, a.id)
    return a
  })
}

export async function editAddress(db: Db, userId: number, id: number, input: repo.AddressFields & { isDefault?: boolean }): Promise<Address> {
  return db.tx(async (q) => {
    const a = await repo.updateAddress(q, userId, id, input)
    if (!a) throw addressNotFound()
    if (input.isDefault === true && !a.isDefault) {
      await repo.setDefault(q, userId, id)
      return { ...a, isDefault: true }
    }
    return a
  })
}

/** Deletes an address and answers the remaining list; deleting the default hands it to the newest remaining one. */
export async function removeAddress(db: Db, userId: number, id: number): Promise<Address[]> {
  await db.tx(async (q) => {
    const gone = await repo.deleteAddress(q, userId, id)
    if (!gone) throw addressNotFound()
    if (gone.wasDefault) {
      const next = await repo.newestAddressId(q, userId)
      if (next !== null) await repo.setDefault(q, userId, next)
    }
  })
  return repo.listAddresses(db, userId)
}

export async function makeDefault(db: Db, userId: number, id: number): Promise<Address> {
  const a = await repo.findAddress(db, userId, id)
  if (!a) throw addressNotFound()
  await repo.setDefault(db, userId, id)
  return { ...a, isDefault: true }
}
