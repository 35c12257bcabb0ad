export default definePageConfig({ navigationBarTitleText: 'card' });
