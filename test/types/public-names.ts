// Checked by `npm run typecheck`. The published declarations spell out the rule and config names
// (so they import nothing but eslint); these fail to compile when a name is added or removed on
// one side only.
import type { rules } from '../../rules/index.js';
import type { ConfigName as BuiltConfigName } from '../../src/configs.js';
import type { ConfigName, RuleName } from '../../src/index.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const configNamesMatch: Same<ConfigName, BuiltConfigName> = true;
export const ruleNamesMatch: Same<RuleName, keyof typeof rules> = true;
