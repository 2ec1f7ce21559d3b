// eslint-doc-generator keeps each rule doc's header and options table, and the README rules table.
import { failureModeIds, failureModes } from './dist/src/failure-modes.js';

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  configEmoji: [
    ['recommended', '✅'],
    ['strict', '🔒'],
  ],
  ignoreConfig: ['all'],
  ruleDocSectionInclude: ['Failure mode', 'Examples', 'Type-aware behaviour', 'When not to use it'],
  ruleDocTitleFormat: 'name',
  ruleListColumns: ['name', 'description', 'configsError', 'fixable', 'hasSuggestions'],
  ruleListSplit: (rules) =>
    failureModeIds
      .map((mode) => ({
        title: `${failureModes[mode].label[0].toUpperCase()}${failureModes[mode].label.slice(1)}: ${failureModes[mode].symptom}`,
        rules: rules.filter(([, rule]) => rule.meta?.docs?.failureMode === mode),
      }))
      .filter((group) => group.rules.length > 0),
};

export default config;
