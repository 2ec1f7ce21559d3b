import { builtinModules } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from './eslint-utils.js';

import { matchOffsets, nodesStartingAt } from './ast.js';
import { memoPerFile } from './memo.js';

const { ReferenceTracker } = ASTUtils;

export type ReferenceKind = 'call' | 'construct' | 'read';

/**
 * One API the analysis must recognise, by where it really comes from: a global (not shadowed by a
 * local binding), or an export of a module reached through `import` or `require()`.
 */
export interface ApiSpec<Info = string> {
  /**
   * What every reference found for this spec is returned with: the catalog entry itself, or a word
   * saying which role the API plays. ReferenceTracker carries it as the trace map's info value.
   */
  readonly info: Info;
  readonly kind: ReferenceKind;
  /** A global by dotted path, e.g. `fetch`, `Promise.race`; also matched as `globalThis.fetch`. */
  readonly global?: string;
  /**
   * A module export. `from` is the module specifier (a Node builtin also matches its `node:` form);
   * `path` is the dotted path below the module object, `''` for the module object itself. For ES
   * modules the default export and the namespace are both taken as the module object, which is how
   * CommonJS packages are imported with interop (`import axios from 'axios'`).
   */
  readonly module?: { readonly from: string; readonly path: string };
}

export interface FoundReference<Info = string> {
  readonly info: Info;
  /** The `CallExpression`, `NewExpression`, or the expression that reads the value. */
  readonly node: TSESTree.Node;
}

interface TraceMapElement {
  [key: string]: TraceMapElement;
}
type TraceMap = Record<string, TraceMapElement>;
interface TrackerResult {
  readonly info: unknown;
  readonly node: TSESTree.Node;
}

const builtins = new Set(builtinModules);

function kindSymbol(kind: ReferenceKind): symbol {
  if (kind === 'call') return ReferenceTracker.CALL;
  if (kind === 'construct') return ReferenceTracker.CONSTRUCT;
  return ReferenceTracker.READ;
}

function setLeaf(root: Record<string, TraceMapElement>, path: readonly string[], kind: ReferenceKind, info: unknown): void {
  let node = root;
  for (const segment of path) {
    node[segment] ??= {};
    node = node[segment];
  }
  // The trace map API keys leaves by symbol; its declared type only knows string keys.
  (node as unknown as Record<symbol, unknown>)[kindSymbol(kind)] = info;
}

function moduleSpecifiers(from: string): string[] {
  if (from.startsWith('node:')) return [from, from.slice('node:'.length)];
  return builtins.has(from) ? [from, `node:${from}`] : [from];
}

function buildTraceMaps(specs: readonly ApiSpec<unknown>[]): { global: TraceMap; cjs: TraceMap } {
  const global: Record<string, TraceMapElement> = {};
  const modules = new Map<string, Record<string, TraceMapElement>>();
  for (const spec of specs) {
    if (spec.global !== undefined) {
      setLeaf(global, spec.global.split('.'), spec.kind, spec.info);
    }
    if (spec.module) {
      for (const specifier of moduleSpecifiers(spec.module.from)) {
        let moduleMap = modules.get(specifier);
        if (!moduleMap) {
          moduleMap = {};
          modules.set(specifier, moduleMap);
        }
        const path = spec.module.path === '' ? [] : spec.module.path.split('.');
        if (path.length === 0) {
          (moduleMap as unknown as Record<symbol, unknown>)[kindSymbol(spec.kind)] = spec.info;
        } else {
          setLeaf(moduleMap, path, spec.kind, spec.info);
        }
      }
    }
  }
  const cjs: Record<string, TraceMapElement> = {};
  for (const [specifier, moduleMap] of modules) {
    // A package's CommonJS export is also its `default` (`require('axios').default`, the way
    // TypeScript and Babel compile a default import, and `require()` of an ES module); a Node
    // builtin has no `default` under `require()`.
    if (!builtins.has(specifier.replace(/^node:/, ''))) moduleMap['default'] ??= moduleMap;
    cjs[specifier] = moduleMap;
  }
  return { global, cjs };
}

const globalObjectNames = ['globalThis', 'global', 'self', 'window'];

/**
 * The read references to a global: those bound to the global scope's variable when the environment
 * declares it (`languageOptions.globals`), and the unresolved ones otherwise (`fetch` with no
 * globals configured is still the global `fetch`). A global the file itself declares or assigns
 * is not the real one.
 */
function globalReads(sourceCode: Readonly<TSESLint.SourceCode>, scope: TSESLint.Scope.Scope, name: string): TSESTree.Identifier[] {
  const variable = scope.set.get(name);
  if (variable && (variable.defs.length > 0 || variable.references.some((ref) => ref.isWrite()))) return [];
  const reads: TSESTree.Node[] = (variable?.references ?? []).filter((ref) => ref.isRead()).map((ref) => ref.identifier);
  reads.push(...(unresolvedReads(sourceCode, scope).get(name) ?? []));
  return reads.filter((identifier): identifier is TSESTree.Identifier => identifier.type === AST_NODE_TYPES.Identifier);
}

/** The file's unresolved read references, by name, computed once per file. */
function unresolvedReads(sourceCode: Readonly<TSESLint.SourceCode>, scope: TSESLint.Scope.Scope): ReadonlyMap<string, TSESTree.Node[]> {
  return memoPerFile(sourceCode, 'unresolved-reads', () => {
    const byName = new Map<string, TSESTree.Node[]>();
    for (const ref of scope.through) {
      if (ref.resolved || !ref.isRead()) continue;
      const list = byName.get(ref.identifier.name);
      if (list) list.push(ref.identifier);
      else byName.set(ref.identifier.name, [ref.identifier]);
    }
    return byName;
  });
}

/**
 * `iteratePropertyReferences` is part of `@eslint-community/eslint-utils`' ReferenceTracker, which
 * typescript-eslint re-exports; its type declarations just do not list it.
 */
type Tracker = InstanceType<typeof ReferenceTracker> & {
  iteratePropertyReferences(node: TSESTree.Node, traceMap: TraceMap): Iterable<TrackerResult>;
};

function* iterateGlobalReferences(
  sourceCode: Readonly<TSESLint.SourceCode>,
  tracker: Tracker,
  scope: TSESLint.Scope.Scope,
  traceMap: TraceMap,
): Iterable<TrackerResult> {
  for (const name of Object.keys(traceMap)) {
    const next = traceMap[name];
    if (!next) continue;
    for (const identifier of globalReads(sourceCode, scope, name)) yield* tracker.iteratePropertyReferences(identifier, next);
  }
  for (const objectName of globalObjectNames) {
    for (const identifier of globalReads(sourceCode, scope, objectName)) yield* tracker.iteratePropertyReferences(identifier, traceMap);
  }
}

/** Compiler helpers that wrap `require()` for a default or namespace import (tsc's, tslib's, Babel's). */
const DEFAULT_INTEROP = new Set(['__importDefault', '_interopRequireDefault']);
const NAMESPACE_INTEROP = new Set(['__importStar', '_interopRequireWildcard']);

function helperName(call: TSESTree.CallExpression): string | null {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  return callee.type === AST_NODE_TYPES.MemberExpression ? ASTUtils.getPropertyName(callee) : null;
}

/** The module a `require()` call loads, when its argument is a constant string (`'x'`, `` `x` ``, a `const`). */
function requiredModule(sourceCode: Readonly<TSESLint.SourceCode>, call: TSESTree.CallExpression): string | null {
  const specifier = call.arguments[0];
  if (!specifier || specifier.type === AST_NODE_TYPES.SpreadElement) return null;
  // a string literal needs no scope look-up (nearly every `require()`)
  if (specifier.type === AST_NODE_TYPES.Literal && typeof specifier.value === 'string') return specifier.value;
  return ASTUtils.getStringIfConstant(specifier, sourceCode.getScope(specifier));
}

/** The calls of the real global `require` (declared or not), each with the module it loads when constant; found once per file. */
function requireCalls(sourceCode: Readonly<TSESLint.SourceCode>, scope: TSESLint.Scope.Scope): readonly RequireCall[] {
  return memoPerFile(sourceCode, 'require-calls', () => {
    const calls: RequireCall[] = [];
    for (const identifier of globalReads(sourceCode, scope, 'require')) {
      const call = identifier.parent;
      if (call?.type === AST_NODE_TYPES.CallExpression && call.callee === identifier) calls.push({ call, module: requiredModule(sourceCode, call) });
    }
    return calls;
  });
}

interface RequireCall {
  readonly call: TSESTree.CallExpression;
  readonly module: string | null;
}

/**
 * References through `require('module')`, with `require` the real global: the module object itself,
 * and through the interop helpers compiled code wraps it in (`__importDefault(require('http')).default`,
 * `__importStar(require('http'))`), whose `default` is the module object.
 */
function* iterateRequireReferences(
  sourceCode: Readonly<TSESLint.SourceCode>,
  tracker: Tracker,
  scope: TSESLint.Scope.Scope,
  traceMap: TraceMap,
): Iterable<TrackerResult> {
  for (const { call, module } of requireCalls(sourceCode, scope)) {
    const next = module === null ? undefined : traceMap[module];
    if (!next) continue;
    const outer = call.parent;
    const helper = outer?.type === AST_NODE_TYPES.CallExpression && outer.arguments[0] === call ? helperName(outer) : null;
    if (outer?.type === AST_NODE_TYPES.CallExpression && helper !== null && DEFAULT_INTEROP.has(helper)) {
      yield* tracker.iteratePropertyReferences(outer, { default: next });
    } else if (outer?.type === AST_NODE_TYPES.CallExpression && helper !== null && NAMESPACE_INTEROP.has(helper)) {
      yield* tracker.iteratePropertyReferences(outer, { ...next, default: next });
    } else {
      yield* tracker.iteratePropertyReferences(call, next);
    }
  }
}

/** `import http = require('node:http')` (TypeScript): the binding is the module object. */
function* iterateImportEqualsReferences(sourceCode: Readonly<TSESLint.SourceCode>, tracker: Tracker, traceMap: TraceMap): Iterable<TrackerResult> {
  for (const statement of sourceCode.ast.body) {
    const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type !== AST_NODE_TYPES.TSImportEqualsDeclaration) continue;
    const reference = declaration.moduleReference;
    if (reference.type !== AST_NODE_TYPES.TSExternalModuleReference || reference.expression.type !== AST_NODE_TYPES.Literal) continue;
    const next = traceMap[String(reference.expression.value)];
    const variable = next ? variableIn(sourceCode, declaration.id) : null;
    if (!next || !variable) continue;
    for (const ref of variable.references) {
      if (ref.isRead()) yield* tracker.iteratePropertyReferences(ref.identifier, next);
    }
  }
}

/** `await import('node-fetch')`: the awaited namespace, whose `default` is the module object under interop. */
function* iterateDynamicImportReferences(sourceCode: Readonly<TSESLint.SourceCode>, tracker: Tracker, traceMap: TraceMap): Iterable<TrackerResult> {
  for (const expression of dynamicImports(sourceCode)) {
    const source = ASTUtils.getStringIfConstant(expression.source, sourceCode.getScope(expression));
    const next = source === null ? undefined : traceMap[source];
    const awaited = expression.parent;
    if (next && awaited.type === AST_NODE_TYPES.AwaitExpression) {
      yield* tracker.iteratePropertyReferences(awaited, { ...next, default: next });
    }
  }
}

/** The file's `import()` expressions, found once per file and only in files that contain `import(`. */
function dynamicImports(sourceCode: Readonly<TSESLint.SourceCode>): readonly TSESTree.ImportExpression[] {
  return memoPerFile(sourceCode, 'dynamic-imports', () => {
    if (!sourceCode.text.includes('import(')) return [];
    return nodesStartingAt(sourceCode.ast, sourceCode.visitorKeys, matchOffsets(sourceCode.text, /\bimport\b/g), isImportExpression);
  });
}

function isImportExpression(node: TSESTree.Node): node is TSESTree.ImportExpression {
  return node.type === AST_NODE_TYPES.ImportExpression;
}

function variableIn(sourceCode: Readonly<TSESLint.SourceCode>, identifier: TSESTree.Identifier): TSESLint.Scope.Variable | null {
  return ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
}

/** The module specifiers a file imports or requires (statically), computed once per file. */
export function importedModules(sourceCode: Readonly<TSESLint.SourceCode>, scope: TSESLint.Scope.Scope): ReadonlySet<string> {
  return memoPerFile(sourceCode, 'imported-modules', () => {
    const modules = new Set<string>();
    for (const statement of sourceCode.ast.body) {
      if (
        (statement.type === AST_NODE_TYPES.ImportDeclaration ||
          statement.type === AST_NODE_TYPES.ExportNamedDeclaration ||
          statement.type === AST_NODE_TYPES.ExportAllDeclaration) &&
        statement.source
      ) {
        modules.add(statement.source.value);
      }
    }
    for (const { module } of requireCalls(sourceCode, scope)) {
      if (module !== null) modules.add(module);
    }
    for (const statement of sourceCode.ast.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : statement;
      if (
        declaration?.type === AST_NODE_TYPES.TSImportEqualsDeclaration &&
        declaration.moduleReference.type === AST_NODE_TYPES.TSExternalModuleReference &&
        declaration.moduleReference.expression.type === AST_NODE_TYPES.Literal
      ) {
        modules.add(String(declaration.moduleReference.expression.value));
      }
    }
    for (const expression of dynamicImports(sourceCode)) {
      const source = ASTUtils.getStringIfConstant(expression.source, sourceCode.getScope(expression));
      if (source !== null) modules.add(source);
    }
    return modules;
  });
}

/** Whether the file can reference any API of the index at all: a cheap check before any tracking. */
function mayReference(sourceCode: Readonly<TSESLint.SourceCode>, scope: TSESLint.Scope.Scope, index: ApiIndex<unknown>): boolean {
  if (index.globalRoots.length > 0) {
    const unresolved = unresolvedReads(sourceCode, scope);
    for (const name of index.globalRoots) {
      if (unresolved.has(name) || (scope.set.get(name)?.references.length ?? 0) > 0) return true;
    }
  }
  for (const module of importedModules(sourceCode, scope)) {
    if (index.modules.has(module)) return true;
  }
  return false;
}

/** Compiled trace maps for a set of specs, built once and shared by every file. */
export interface ApiIndex<Info = string> {
  readonly key: string;
  readonly specs: readonly ApiSpec<Info>[];
  readonly maps: { readonly global: TraceMap; readonly cjs: TraceMap };
  /** Module specifiers (both `x` and `node:x` for builtins) the specs reach. */
  readonly modules: ReadonlySet<string>;
  /** The global names through which a file can reach the specs: their roots and the global object's names; empty when no spec is a global. */
  readonly globalRoots: readonly string[];
}

const indexes = new Map<string, ApiIndex<unknown>>();

/**
 * The compiled form of `specs`, cached by `key` for the life of the process. The key must identify
 * the specs (for specs derived from options, include the options in it). Pure derived data: nothing
 * about any file is kept.
 */
export function apiIndex<Info = string>(key: string, specs: () => readonly ApiSpec<Info>[]): ApiIndex<Info> {
  const cached = indexes.get(key);
  // one key, one set of specs (see above): what was built for the key has this `Info`
  if (cached) return cached as ApiIndex<Info>;
  const list = specs();
  const maps = buildTraceMaps(list);
  const modules = new Set(Object.keys(maps.cjs));
  const globals = new Set(list.flatMap((spec) => (spec.global === undefined ? [] : [spec.global.split('.')[0] ?? ''])));
  const globalRoots = globals.size > 0 ? [...globals, ...globalObjectNames] : [];
  const index: ApiIndex<Info> = { key, specs: list, maps, modules, globalRoots };
  indexes.set(key, index);
  return index;
}

/**
 * Every reference in the file to the APIs of an index, found once per file. Local functions or
 * parameters that merely share a name (a local `fetch`, a parameter called `setTimeout`) are not
 * references: only the real global and the real module exports are.
 */
export function findApiReferences<Info>(sourceCode: Readonly<TSESLint.SourceCode>, index: ApiIndex<Info>): readonly FoundReference<Info>[] {
  return memoPerFile(sourceCode, index, () => {
    const scope = sourceCode.scopeManager?.globalScope;
    if (!scope || !mayReference(sourceCode, scope, index)) return [];
    // Legacy mode: a CommonJS package imported as an ES module is reached both as the default
    // export and as the namespace (`import axios from 'axios'`, `import * as http from 'node:http'`).
    const tracker = new ReferenceTracker(scope, { mode: 'legacy' }) as Tracker;
    const { maps } = index;
    const found: FoundReference<Info>[] = [];
    const seen = new Set<TSESTree.Node>();
    const collect = (iterable: Iterable<TrackerResult>): void => {
      for (const ref of iterable) {
        if (seen.has(ref.node)) continue;
        seen.add(ref.node);
        // the trace maps hold only this index's specs, so every info value is one of theirs
        found.push({ info: ref.info as Info, node: ref.node });
      }
    };
    collect(iterateGlobalReferences(sourceCode, tracker, scope, maps.global));
    collect(iterateRequireReferences(sourceCode, tracker, scope, maps.cjs));
    collect(tracker.iterateEsmReferences(maps.cjs));
    collect(iterateImportEqualsReferences(sourceCode, tracker, maps.cjs));
    collect(iterateDynamicImportReferences(sourceCode, tracker, maps.cjs));
    return found;
  });
}

/** A function named by users in options: by export name and module, or by local name alone. */
export interface NamedFunction {
  readonly name: string;
  readonly from?: string;
}

/** Specs for the entries that name a module; `default` means the module object / default export. */
export function namedFunctionSpecs<Info>(functions: readonly NamedFunction[], info: Info, kind: ReferenceKind = 'call'): ApiSpec<Info>[] {
  return functions.flatMap((fn) => (fn.from === undefined ? [] : [{ info, kind, module: { from: fn.from, path: fn.name === 'default' ? '' : fn.name } }]));
}

/** The names of the entries that name no module: matched by the callee's own name, wherever it comes from. */
export function localFunctionNames(functions: readonly NamedFunction[]): ReadonlySet<string> {
  return new Set(functions.filter((fn) => fn.from === undefined).map((fn) => fn.name));
}
