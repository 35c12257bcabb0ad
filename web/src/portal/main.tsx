import type { ThemeConfig } from 'antd';
import { AntdRoot } from '../antdRoot';
import { renderApp } from '../render';
import { App } from './App';
import './portal.css';

// The 渝快办 PC look: white and blue, plain words, type large enough for older eyes (>= 16 px).
const theme: ThemeConfig = {
  token: {
    // Every text colour passes WCAG AA (4.5:1) on its background; e2e/accessibility.test.ts checks with axe.
    colorPrimary: '#1a5fb8',
    // antd lightens the primary for hover (#3b7bc4: white on it 4.36:1); darker instead, as the contrast needs:
    // white on #174f9c 8.0:1, on #123f7d 10.3:1 (and the same hues as text on white).
    colorPrimaryHover: '#174f9c',
    colorPrimaryActive: '#123f7d',
    colorLink: '#1a5fb8',
    colorLinkHover: '#174f9c',
    colorLinkActive: '#123f7d',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    // antd's status hues are too pale for text on their tinted backgrounds (有效/无效 tags: 2.2:1).
    colorSuccess: '#23700f',
    colorSuccessBg: '#f0f9eb',
    colorSuccessBorder: '#b7eb8f',
    colorError: '#b3161c',
    colorErrorHover: '#8c1015',
    colorErrorActive: '#6e0c10',
    colorErrorBg: '#fff1f0',
    colorErrorBorder: '#ffccc7',
    // 申请中 (Tag processing) reads the info hue: antd's #1677ff on #e6f4ff is 3.7:1; #1a5fb8 on #e8f1fd 5.5:1.
    colorInfo: '#1a5fb8',
    colorInfoBg: '#e8f1fd',
    colorInfoBorder: '#a9c8f0',
    fontSize: 16,
    fontSizeLG: 18,
    borderRadius: 6,
    fontFamily:
      '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#1f6fd6', siderBg: '#ffffff', bodyBg: '#f2f5fa', headerHeight: 72 },
    Menu: { itemHeight: 52, itemSelectedBg: '#e8f1fd', itemSelectedColor: '#174f9c' },
    Descriptions: { labelBg: '#f7f9fc' },
  },
};

renderApp(
  <AntdRoot theme={theme}>
    <App />
  </AntdRoot>,
);
