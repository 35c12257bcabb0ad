export default defineAppConfig({
  pages: [
    'pages/login/index',
    'pages/card/index',
    'pages/districts/index',
    'pages/change/index',
    'pages/qr-confirm/index',
    'pages/payments/index',
  ],
  // H5: no sliding page transition. Cheap phones stutter on it, and while a page slides in from the right the
  // mobile browser widens the layout viewport (everything then renders at half size).
  animation: false,
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1456b8',
    navigationBarTitleText: '惠民惠农“一卡通”',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
  },
});
