export default definePageConfig({ navigationBarTitleText: '区县列表' });
