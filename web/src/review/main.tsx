import '../zodWithoutEval';
import { renderApp } from '../render';
import { ReviewApp } from './ReviewApp';
import './review.css';

renderApp(<ReviewApp />);
