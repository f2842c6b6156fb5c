export {
  type CodeExplanation,
  EXPLAIN_TOPICS,
  type ExplainResult,
  explainAnchor,
  explainCommand,
  explainJson,
  explainTopic,
  NOT_TOKEN_LINE,
  NOT_TRANSIENT_LINE,
  renderExplainText,
  TOKEN_ADVICE_LINE,
  transientLine,
} from './explain.js';
export {
  type ClientVersion,
  type ConflictingStatusGuide,
  conflictingStatusGuide,
  MINIMUM_CLIENT_VERSIONS,
  TOS_LINK,
  type UndeliveredGuide,
  undeliveredGuide,
} from './guides.js';
