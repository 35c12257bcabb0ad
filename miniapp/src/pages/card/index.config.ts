export default definePageConfig({ usingWindowScroll: true, navigationBarTitleText: '惠民惠农“一卡通”账号' });
