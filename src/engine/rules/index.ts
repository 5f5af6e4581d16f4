/** Scoring rules: parse 评分标准 text, explain it back in Chinese, score an actual value. */
export { parseRule } from './parse';
export { explainRule } from './explain';
export { scoreBounds, scoreRule } from './score';
export type * from './types';
export { QUANTITATIVE_KINDS } from './types';
