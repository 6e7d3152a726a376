// babel-preset-taro picks the React and TypeScript transforms for every target.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
}
