// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  // Unused zod schemas of @ykt/shared stay out of the bundle (see the plugin's comment).
  plugins: [require.resolve('./config/babel-pure-schemas.js')],
};
