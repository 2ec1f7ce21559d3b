import type { ESLint, Linter, Rule } from 'eslint';

import { rules } from '../rules/index.js';
import { buildConfigs, loadTypeScriptParser } from './configs.js';
import { namespace, packageMeta } from './package-meta.js';

export type { FailureModeId } from './failure-modes.js';

/**
 * The rules as ESLint's own `Rule.RuleModule`: typescript-eslint's RuleModule is ESLint's with
 * TSESTree node types, and ESLint runs both alike. Inferred rather than annotated, so the
 * published declarations spell out the rule names and name no build-time package.
 */
function asESLintRules<Name extends string>(map: Record<Name, unknown>): Record<Name, Rule.RuleModule> {
  return map as Record<Name, Rule.RuleModule>;
}
const pluginRules = asESLintRules(rules);

export type RuleName = keyof typeof pluginRules;

/** The shipped configs: the names of `src/configs.ts`, spelled out for the same reason (test/types/public-names.ts keeps them equal). */
export type ConfigName = 'recommended' | 'strict' | 'all';

/** The plugin, in ESLint's own types, so it fits `defineConfig` and `plugins: { … }` as it is. */
export interface SteadyStatePlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<RuleName, Rule.RuleModule>;
  configs: Record<ConfigName, Linter.Config[]>;
}

const plugin: SteadyStatePlugin = {
  meta: { name: packageMeta.name, version: packageMeta.version, namespace },
  rules: pluginRules,
  configs: {} as Record<ConfigName, Linter.Config[]>,
};
Object.assign(plugin.configs, buildConfigs(namespace, plugin, rules, loadTypeScriptParser()));

// The plugin is the module's only export, so `require()` of this ES module (and tools that load
// plugins that way) get `{ default: plugin }` and nothing to confuse it with.
export default plugin;
