/** The facet interfaces: what modules may know of the outside systems. */
export * from './common'
export * from './login'
export * from './pay'
export * from './credit'
export * from './messages'
export * from './shipping'
export * from './tracking'
