import path from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { precompress } from './precompress'

const here = path.dirname(fileURLToPath(import.meta.url))

/**
 * The merchant console: its own Vite app under console/, built to dist/console and served by
 * the shop's server at /admin/. It imports the shared rules from src/domain (as `@domain/*`)
 * and nothing else of the mini-program's code.
 */
export default defineConfig({
  root: here,
  base: '/admin/',
  plugins: [react(), precompress()],
  resolve: {
    alias: { '@domain': path.resolve(here, '../src/domain') },
  },
  build: {
    outDir: path.resolve(here, '../dist/console'),
    emptyOutDir: true,
    // Browsers the console supports have <link rel=modulepreload>: no polyfill in the entry.
    // (index.html gets no inline script either way: the CSP allows only 'self' scripts.)
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 900,
    rollupOptions: {
      output: {
        // Libraries change less often than the screens: separate, long-cached chunks.
        manualChunks(id) {
          if (!id.includes('node_modules')) return undefined
          if (/node_modules\/(echarts|zrender|echarts-for-react)\//.test(id)) return 'echarts'
          if (/node_modules\/(react|react-dom|scheduler|react-router|react-router-dom)\//.test(id)) return 'react'
          return undefined
        },
      },
    },
  },
  server: {
    port: 5174,
    proxy: { '/api': 'http://127.0.0.1:3000' },
    fs: { allow: [path.resolve(here, '..')] },
  },
})
