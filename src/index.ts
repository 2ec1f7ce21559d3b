import type { TSESLint } from '@typescript-eslint/utils';

import { rules } from '../rules/index.js';
import { buildConfigs, type ConfigName } from './configs.js';
import { namespace, packageMeta } from './package-meta.js';

export type { ConfigName } from './configs.js';
export type { FailureModeId } from './failure-modes.js';

export interface SteadyStatePlugin extends TSESLint.FlatConfig.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

const plugin: SteadyStatePlugin = {
  meta: { name: packageMeta.name, version: packageMeta.version, namespace },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};
Object.assign(plugin.configs, buildConfigs(namespace, plugin, rules));

// The plugin is the module's only export, so `require()` of this ES module (and tools that load
// plugins that way) get `{ default: plugin }` and nothing to confuse it with.
export default plugin;
