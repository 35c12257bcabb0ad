export default definePageConfig({ navigationBarTitleText: 'qr-confirm' });
