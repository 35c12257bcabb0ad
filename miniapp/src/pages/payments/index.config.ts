export default definePageConfig({ usingWindowScroll: true, navigationBarTitleText: '发放记录' });
