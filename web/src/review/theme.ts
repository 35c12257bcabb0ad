import type { ThemeConfig } from 'antd';

/**
 * A sober government back-office look: the primary blue darkened so white text on it and blue text on white
 * both pass WCAG AA (4.5:1), and secondary text a little darker than antd's default 45% black.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d5bb8',
    colorLink: '#1d5bb8',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    // Placeholders too: 0.58 black on white is 4.6:1 (antd's default 25% is 1.9:1).
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    // Danger (设为无效, 停用) and field errors: antd's #ff4d4f is 3.3:1 on white; this red is 5.9:1 both ways.
    colorError: '#c4221f',
    borderRadius: 4,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif",
  },
  components: {
    Layout: {
      headerBg: '#123e7c',
      headerColor: '#ffffff',
      headerHeight: 52,
      headerPadding: '0 20px',
      siderBg: '#ffffff',
    },
    Table: {
      headerBg: '#eef3fb',
      rowSelectedBg: '#dbe8fb',
      rowSelectedHoverBg: '#cfe0fa',
      cellFontSizeSM: 13,
      cellPaddingInlineSM: 6,
    },
  },
};
