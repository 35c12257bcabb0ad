export default definePageConfig({ navigationBarTitleText: '惠民惠农“一卡通”账号' });
