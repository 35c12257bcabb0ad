export default definePageConfig({ usingWindowScroll: true, navigationBarTitleText: '区县列表' });
