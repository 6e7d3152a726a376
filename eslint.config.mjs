import fs from 'node:fs'
import { builtinModules } from 'node:module'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import importX from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import globals from 'globals'

/** server/modules/<area>: each one a module that owns its tables. */
const SERVER_MODULES = fs.readdirSync(new URL('./server/modules', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)

/**
 * The app's layers (src/), lowest first; an arrow may only point down this list:
 *
 *   domain      pure rules shared with the server: imports nothing outside src/domain
 *   lib         small generic leaves (pollUntil, API_BASE, ViewStatus): nothing from the app
 *   platform    the host adapters (wx / my / H5), one file per platform: domain, lib
 *   services    the server's API over the HTTP client: domain, lib
 *   store       app state (session, cart): services, domain, lib
 *   components  shared UI: anything above but pages
 *   pages       src/pages (main package) and src/pkg-* (subpackages): everything
 *
 * Only platform code touches the hosts: `wx` / `my` exist in src/platform/** and in
 * platform-suffixed files (*.weapp.ts, *.alipay.tsx, ...), nowhere else.
 */
const SUBPACKAGES = fs
  .readdirSync('src', { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name.startsWith('pkg-'))
  .map((d) => d.name)
// Packages, wherever node_modules really is (in a git worktree it may be a link to another checkout).
const PACKAGES = [...new Set(['node_modules', fs.realpathSync('node_modules')])]
const PAGES = ['src/pages/**', 'src/pkg-*/**', 'src/app.*', 'src/routes.*']
const TESTS = ['**/__tests__/**', '**/*.test.{ts,tsx}']
const PLATFORM_FILES = ['src/platform/**/*.{ts,tsx}', 'src/**/*.weapp.{ts,tsx}', 'src/**/*.alipay.{ts,tsx}']
const HOST_GLOBALS = ['wx', 'my']
const HOST_MESSAGE = 'wx / my are host APIs: call them in src/platform/<capability>/index.<platform>.ts and use the adapter here.'
// Taro's own wrappers of the host capabilities that src/platform adapts (login, pay, credit, subscribe, address, favorites).
const HOST_CAPABILITY_APIS = [
  'login',
  'checkSession',
  'getUserProfile',
  'getUserInfo',
  'getAuthCode',
  'requestPayment',
  'tradePay',
  'requestSubscribeMessage',
  'openBusinessView',
  'chooseAddress',
  'getAddress',
  'isCollected',
  'checkIsAddedToMyMiniProgram',
  'getMenuButtonBoundingClientRect',
  'showShareMenu',
  'getEnv',
]
const HOST_API_MESSAGE = 'a host capability: pages, components, services and stores use its src/platform adapter, never ask which platform they are on.'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    languageOptions: { globals: { ...globals.browser, ...globals.node, defineAppConfig: 'readonly', definePageConfig: 'readonly' } },
    settings: {
      // import-x's TypeScript settings (flatConfigs.typescript) with the TypeScript resolver (tsconfig paths: @/*).
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'console/tsconfig.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Type-only imports do not count: they leave no arrow at run time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The hosts' globals exist only where the host is known: the adapters and platform-suffixed files.
    files: PLATFORM_FILES,
    languageOptions: { globals: Object.fromEntries(HOST_GLOBALS.map((name) => [name, 'readonly'])) },
  },
  {
    files: ['**/*.{ts,tsx}'],
    ignores: PLATFORM_FILES,
    rules: {
      'no-restricted-globals': ['error', ...HOST_GLOBALS.map((name) => ({ name, message: HOST_MESSAGE }))],
    },
  },
  {
    // Outside the adapters nobody calls Taro's wrappers of the host capabilities, or branches on the platform.
    files: ['src/**/*.{ts,tsx}'],
    ignores: [...PLATFORM_FILES, 'src/**/*.h5.{ts,tsx}', ...TESTS, 'src/app.config.ts', 'src/lib/api-base.ts'],
    rules: {
      'no-restricted-properties': ['error', ...HOST_CAPABILITY_APIS.map((property) => ({ object: 'Taro', property, message: `Taro.${property} is ${HOST_API_MESSAGE}` }))],
      'no-restricted-imports': [
        'error',
        { paths: [{ name: '@tarojs/taro', importNames: HOST_CAPABILITY_APIS, message: `It is ${HOST_API_MESSAGE}` }] },
      ],
      // wx.* / my.* also when the file declares its own `declare const wx`, or reaches it through globalThis / window.
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.type='Identifier'][object.name=/^(wx|my)$/]", message: HOST_MESSAGE },
        { selector: "MemberExpression[object.name=/^(globalThis|window|self|global)$/][property.name=/^(wx|my)$/]", message: HOST_MESSAGE },
        { selector: "MemberExpression[property.name='TARO_ENV']", message: 'process.env.TARO_ENV: only platform code asks which platform it is on (a *.weapp.ts / *.alipay.ts / *.h5.ts file, or src/platform).' },
      ],
    },
  },
  {
    // The layers (see the top of this file). Tests may reach across (a service test signs in through the store).
    files: ['src/**/*.{ts,tsx}'],
    ignores: TESTS,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: 'src/domain', from: 'src', except: ['./domain'], message: 'src/domain is pure and shared with the server: it imports only src/domain.' },
            { target: 'src/domain', from: PACKAGES, message: 'src/domain is pure: no Taro, React, zustand or other packages.' },
            { target: 'src/lib', from: 'src', except: ['./lib'], message: 'src/lib holds leaves: it imports nothing from the app.' },
            { target: 'src/lib', from: PACKAGES, message: 'src/lib holds small generic leaves: no packages.' },
            {
              target: 'src/platform',
              from: ['src/services/**', 'src/store/**', 'src/components/**', ...PAGES],
              message: 'src/platform adapts the host only: it hands results back and never calls services, stores or pages.',
            },
            {
              target: 'src/services',
              from: ['src/store/**', 'src/platform/**', 'src/components/**', ...PAGES],
              message: 'src/services sits below the store, platform and UI: take what you need as a parameter or a registered callback (see linkSession in services/http).',
            },
            { target: 'src/store', from: ['src/platform/**', 'src/components/**', ...PAGES], message: 'src/store holds state over services: no platform adapters, components or pages.' },
            { target: 'src/components', from: PAGES, message: 'src/components are shared by pages: they never import a page.' },
            // Mini-program packages: the main package cannot load a subpackage's module, nor one subpackage another's.
            { target: 'src/pages', from: SUBPACKAGES.map((p) => `src/${p}`), message: 'src/pages is the main package: it cannot import a subpackage.' },
            ...SUBPACKAGES.map((p) => ({
              target: `src/${p}`,
              from: ['src/pages', ...SUBPACKAGES.filter((q) => q !== p).map((q) => `src/${q}`)],
              message: `${p} is a subpackage: share code through src/components, services, store or domain, not another package.`,
            })),
          ],
        },
      ],
    },
  },
  {
    // Node's built-ins resolve to no file, so the domain's zone above cannot see them.
    files: ['src/domain/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': ['error', { paths: builtinModules.map((name) => ({ name, message: 'src/domain is pure: no Node.' })), patterns: ['node:*'] }],
    },
  },
  {
    // The server shares the app's domain and nothing else of src/.
    files: ['server/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [{ target: 'server', from: 'src', except: ['./domain'], message: 'the server shares src/domain only.' }] }],
    },
  },
  {
    // The server's modules (server/modules/<area>) meet only at each other's index.ts, and reach
    // the outside systems only through the facet types (server/platforms/types): a module's files
    // are its own to change. Tests may look inside (they set up and inspect what they test).
    files: ['server/**/*.ts'],
    ignores: ['**/__tests__/**', '**/*.test.ts', 'server/test/**'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: 'server', from: 'src', except: ['./domain'], message: 'the server shares src/domain only.' },
            ...SERVER_MODULES.flatMap((m) =>
              SERVER_MODULES.filter((o) => o !== m).map((o) => ({
                target: `server/modules/${o}`,
                from: `server/modules/${m}`,
                except: ['./index.ts'],
                message: `another module's files are its own: import ${m} from '../${m}' (server/modules/${m}/index.ts).`,
              })),
            ),
            { target: 'server/modules', from: 'server/platforms', except: ['./types'], message: 'modules use the facet interfaces (server/platforms/types); app.ts hands them the gateways.' },
          ],
        },
      ],
    },
  },
  {
    // The merchant console (console/): a browser app over the admin API. It shares the rules of
    // src/domain (imported as @domain/*) and nothing else of the mini-program or the server.
    files: ['console/**/*.{ts,tsx}'],
    ignores: ['console/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: 'console', from: 'src', except: ['./domain'], message: 'the console shares src/domain only (import it as @domain/*).' },
            { target: 'console', from: 'server', message: 'the console talks to the server over /api/admin only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
