export default definePageConfig({ usingWindowScroll: true, navigationBarTitleText: '人脸识别' });
