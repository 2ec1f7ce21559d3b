import type { ESLint, Linter, Rule } from 'eslint';

import { rules } from '../rules/index.js';
import { buildConfigs, loadTypeScriptParser, type ConfigName } from './configs.js';
import { namespace, packageMeta } from './package-meta.js';

export type { ConfigName } from './configs.js';
export type { FailureModeId } from './failure-modes.js';

export type RuleName = keyof typeof rules;

/** The plugin, in ESLint's own types, so it fits `defineConfig` and `plugins: { … }` as it is. */
export interface SteadyStatePlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<RuleName, Rule.RuleModule>;
  configs: Record<ConfigName, Linter.Config[]>;
}

const plugin: SteadyStatePlugin = {
  meta: { name: packageMeta.name, version: packageMeta.version, namespace },
  // typescript-eslint's RuleModule is ESLint's with TSESTree node types; ESLint runs both alike.
  rules: rules as unknown as Record<RuleName, Rule.RuleModule>,
  configs: {} as Record<ConfigName, Linter.Config[]>,
};
Object.assign(plugin.configs, buildConfigs(namespace, plugin, rules, loadTypeScriptParser()));

// The plugin is the module's only export, so `require()` of this ES module (and tools that load
// plugins that way) get `{ default: plugin }` and nothing to confuse it with.
export default plugin;
