import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import { LeanStatsPlugin } from './lean-stats'
import prodConfig from './prod'

// One config for three targets; each target builds into its own dist/<env> so
// weapp, alipay and h5 outputs never overwrite each other.
export default defineConfig<'webpack5'>(async (merge) => {
  const env = process.env.TARO_ENV ?? 'h5'
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'duet',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${env}`,
    plugins: ['@tarojs/plugin-platform-alipay'],
    // Taro only inlines TARO_APP_* from .env files; the API base comes from the shell too,
    // so inline it here or the bundles would read `process.env` at run time and crash.
    defineConstants: {
      'process.env.TARO_APP_API': JSON.stringify(process.env.TARO_APP_API ?? ''),
      // The store's Alipay life account (生活号) public id; empty: no follow entry is shown.
      'process.env.TARO_APP_LIFESTYLE_ID': JSON.stringify(process.env.TARO_APP_LIFESTYLE_ID ?? ''),
      // Customer service (src/platform/service): WeChat's WeCom customer-service link and corp id
      // (wx.openCustomerServiceChat; empty: the mini-program's own <button open-type="contact">),
      // Alipay's 蚂蚁智能客服 <contact-button tnt-inst-id scene>, and the phone everyone else calls.
      'process.env.TARO_APP_WECOM_CS_URL': JSON.stringify(process.env.TARO_APP_WECOM_CS_URL ?? ''),
      'process.env.TARO_APP_WECOM_CORP_ID': JSON.stringify(process.env.TARO_APP_WECOM_CORP_ID ?? ''),
      'process.env.TARO_APP_ALIPAY_CONTACT_TNT_INST_ID': JSON.stringify(process.env.TARO_APP_ALIPAY_CONTACT_TNT_INST_ID ?? ''),
      'process.env.TARO_APP_ALIPAY_CONTACT_SCENE': JSON.stringify(process.env.TARO_APP_ALIPAY_CONTACT_SCENE ?? ''),
      'process.env.TARO_APP_SERVICE_PHONE': JSON.stringify(process.env.TARO_APP_SERVICE_PHONE ?? ''),
    },
    alias: { '@': path.resolve(__dirname, '..', 'src') },
    copy: {
      patterns:
        env === 'alipay'
          ? [{ from: 'mini.project.json', to: 'dist/alipay/mini.project.json' }]
          : [],
      options: {},
    },
    framework: 'react',
    compiler: 'webpack5',
    // webpack's persistent cache, in the project (not node_modules, which may be shared):
    // a second build or a dev restart reuses the modules that did not change.
    // (cacheDirectory is webpack's own option; Taro passes it through.)
    cache: { enable: true, cacheDirectory: path.resolve(__dirname, '..', '.cache', 'webpack') } as { enable: boolean },
    // H5: esbuild minifies in a fraction of Terser's time (Terser was the slowest step of that
    // build). The mini-programs keep Terser: its compress passes make the main package 7–8 %
    // smaller than esbuild's, and the main package has a budget; their builds are short anyway.
    // Target es2015: like Terser, it only minifies; the syntax stays what Babel made (const included).
    jsMinimizer: env === 'h5' ? 'esbuild' : 'terser',
    // charset utf8: Chinese texts stay UTF-8 (esbuild's default \uXXXX escapes would make them twice as long).
    esbuild: { minify: { enable: true, config: { target: 'es2015', charset: 'utf8', legalComments: 'none' } } },
    mini: {
      webpackChain: (chain) => void chain.plugin('duet-lean-stats').use(LeanStatsPlugin),
      // Page styles are scoped by class names, so the cross-chunk CSS order does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      webpackChain: (chain) => void chain.plugin('duet-lean-stats').use(LeanStatsPlugin),
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, base, devConfig)
  return merge({}, base, prodConfig)
})
