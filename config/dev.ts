import type { UserConfigExport } from '@tarojs/cli'

// `npm run dev` runs the API on DUET_API_PORT (default 3000) next to Taro's H5 dev server;
// the dev server forwards /api there, so the H5 app keeps its same-origin API base ('').
const apiPort = process.env.DUET_API_PORT || '3000'

export default {
  logger: { quiet: false, stats: true },
  // Taro's dependency pre-bundling crashes in watch mode with the installed webpack
  // resolver ("options.roots.map is not a function"); without it the dev build just runs.
  compiler: { type: 'webpack5', prebundle: { enable: false } },
  mini: {},
  h5: {
    devServer: {
      host: '127.0.0.1',
      port: Number(process.env.DUET_DEV_PORT || 10086),
      proxy: { '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: true } },
      // Fast refresh needs @pmmmwh/react-refresh-webpack-plugin, which isn't installed:
      // with hot off the page reloads on change instead.
      hot: false,
    },
  },
} satisfies UserConfigExport<'webpack5'>
