import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { type AppButtonProps, ButtonContent, buttonClasses } from './buttonParts';

/**
 * A button sized by the app's tokens: the H5 build (AppButton.tsx is the mini-program's).
 *
 * H5 builds with Taro's React components (config: `h5.useHtmlComponents`), whose Button is a plain div with
 * WeUI's look; here it is a View that says what it is (role, focus, Enter/Space, aria-disabled) and takes only
 * the app's styles.
 */
export function AppButton(props: PropsWithChildren<AppButtonProps>) {
  const { disabled, loading, onClick, children } = props;
  const inactive = disabled || loading;
  const tap = () => {
    if (!inactive) onClick();
  };
  return (
    <View
      className={buttonClasses(props)}
      role="button"
      aria-disabled={inactive || undefined}
      aria-busy={loading || undefined}
      onClick={tap}
      // Taro's ViewProps has no tabIndex or keyboard events; the H5 View hands them to its div.
      {...({
        tabIndex: 0,
        onKeyDown: (e: KeyboardEvent) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            tap();
          }
        },
      } as object)}
    >
      <ButtonContent loading={loading}>{children}</ButtonContent>
    </View>
  );
}
