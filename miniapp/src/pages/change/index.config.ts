export default definePageConfig({ usingWindowScroll: true, navigationBarTitleText: '变更卡' });
