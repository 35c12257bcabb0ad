export default definePageConfig({ navigationBarTitleText: 'districts' });
