import './startup';
import Taro, { usePageNotFound } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import './app.scss';

export default function App({ children }: PropsWithChildren) {
  // An address that is no page of the app (a mistyped or outdated link): home, which is face login, or the card
  // when the person is still signed in; never a blank screen. (The path is written out: importing utils/nav here
  // would move it into the first screen's app bundle.)
  usePageNotFound(() => void Taro.reLaunch({ url: '/pages/login/index' }));
  return children;
}
