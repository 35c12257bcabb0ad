import '../zodWithoutEval';
import { renderApp } from '../render';
import { ReviewApp } from './ReviewApp';
import { theme } from './theme';
import './review.css';

renderApp(<ReviewApp />, theme);
