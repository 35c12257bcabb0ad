import Taro, { usePageNotFound } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { PAGES } from './utils/nav';
import './app.scss';

export default function App({ children }: PropsWithChildren) {
  // An address that is no page of the app (a mistyped or outdated link): home, which is face login, or the card
  // when the person is still signed in. Never a blank screen.
  usePageNotFound(() => void Taro.reLaunch({ url: PAGES.login }));
  return children;
}
