export {
  type ExplainResult,
  explainAnchor,
  explainCommand,
  explainJson,
  explainTopic,
  NOT_TOKEN_LINE,
  NOT_TRANSIENT_LINE,
  renderExplainText,
  TOKEN_ADVICE_LINE,
} from './explain.js';
export { renderExplainMarkdown } from './docs.js';
