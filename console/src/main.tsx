import React from 'react'
import ReactDOM from 'react-dom/client'
import { BrowserRouter } from 'react-router-dom'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { App } from './App'
import './styles.css'

dayjs.locale('zh-cn')

// Staff whose system asks for less motion get none: antd's zooms, slides and waves turn off.
const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false

ReactDOM.createRoot(document.getElementById('root')!).render(
  <React.StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#e4393c', borderRadius: 6, motion: !reduceMotion } }}>
      <AntApp>
        <BrowserRouter basename="/admin">
          <App />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  </React.StrictMode>,
)
