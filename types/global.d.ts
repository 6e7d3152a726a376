/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'alipay' | 'h5' | undefined
    /** Base URL of the Duet API, e.g. http://127.0.0.1:3000; empty for same-origin H5. */
    TARO_APP_API?: string
  }
}
