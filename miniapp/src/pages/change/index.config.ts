export default definePageConfig({ navigationBarTitleText: 'change' });
