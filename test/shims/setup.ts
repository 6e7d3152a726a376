import { afterEach } from 'vitest'
import { cleanup } from '@testing-library/react'
import { resetTaroShim } from './taro'

// Each test starts with empty storage, no recorded navigation and a clean DOM.
afterEach(() => {
  cleanup()
  resetTaroShim()
})
