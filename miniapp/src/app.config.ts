export default defineAppConfig({
  pages: [
    'pages/login/index',
    'pages/card/index',
    'pages/districts/index',
    'pages/change/index',
    'pages/qr-confirm/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTitleText: '惠民惠农“一卡通”',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
  },
});
