export default definePageConfig({ usingWindowScroll: true, navigationBarTitleText: '登录确认' });
