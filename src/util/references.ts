import { builtinModules } from 'node:module';

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { ASTUtils } from './eslint-utils.js';

import { memoPerFile } from './memo.js';

const { ReferenceTracker } = ASTUtils;

export type ReferenceKind = 'call' | 'construct' | 'read';

/**
 * One API the analysis must recognise, by where it really comes from: a global (not shadowed by a
 * local binding), or an export of a module reached through `import` or `require()`.
 */
export interface ApiSpec {
  /** Free-form tag returned with every reference found for this spec. */
  readonly tag: string;
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

export interface FoundReference {
  readonly tag: string;
  /** The `CallExpression`, `NewExpression`, or the expression that reads the value. */
  readonly node: TSESTree.Node;
}

interface TraceMapElement {
  [key: string]: TraceMapElement;
}
type TraceMap = Record<string, TraceMapElement>;
interface TrackerResult {
  readonly info: string;
  readonly node: TSESTree.Node;
}

const builtins = new Set(builtinModules);

function kindSymbol(kind: ReferenceKind): symbol {
  if (kind === 'call') return ReferenceTracker.CALL;
  if (kind === 'construct') return ReferenceTracker.CONSTRUCT;
  return ReferenceTracker.READ;
}

function setLeaf(root: Record<string, TraceMapElement>, path: readonly string[], kind: ReferenceKind, tag: string): void {
  let node = root;
  for (const segment of path) {
    node[segment] ??= {};
    node = node[segment];
  }
  // The trace map API keys leaves by symbol; its declared type only knows string keys.
  (node as unknown as Record<symbol, string>)[kindSymbol(kind)] = tag;
}

function moduleSpecifiers(from: string): string[] {
  if (from.startsWith('node:')) return [from, from.slice('node:'.length)];
  return builtins.has(from) ? [from, `node:${from}`] : [from];
}

function buildTraceMaps(specs: readonly ApiSpec[]): { global: TraceMap; cjs: TraceMap; esm: TraceMap } {
  const global: Record<string, TraceMapElement> = {};
  const modules = new Map<string, Record<string, TraceMapElement>>();
  for (const spec of specs) {
    if (spec.global !== undefined) {
      setLeaf(global, spec.global.split('.'), spec.kind, spec.tag);
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
          (moduleMap as unknown as Record<symbol, string>)[kindSymbol(spec.kind)] = spec.tag;
        } else {
          setLeaf(moduleMap, path, spec.kind, spec.tag);
        }
      }
    }
  }
  const cjs: Record<string, TraceMapElement> = {};
  const esm: Record<string, TraceMapElement> = {};
  for (const [specifier, moduleMap] of modules) {
    cjs[specifier] = moduleMap;
    const esmMap: Record<string | symbol, unknown> = { ...moduleMap, default: moduleMap };
    esmMap[ReferenceTracker.ESM] = true;
    esm[specifier] = esmMap as TraceMapElement;
  }
  return { global, cjs, esm };
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

/** References through `require('module')`, with `require` the real global (declared or not). */
function* iterateRequireReferences(
  sourceCode: Readonly<TSESLint.SourceCode>,
  tracker: Tracker,
  scope: TSESLint.Scope.Scope,
  traceMap: TraceMap,
): Iterable<TrackerResult> {
  for (const identifier of globalReads(sourceCode, scope, 'require')) {
    const call = identifier.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== identifier) continue;
    const specifier = call.arguments[0];
    const name =
      specifier?.type === AST_NODE_TYPES.Literal && typeof specifier.value === 'string'
        ? specifier.value
        : specifier?.type === AST_NODE_TYPES.TemplateLiteral && specifier.expressions.length === 0
          ? specifier.quasis[0]?.value.cooked
          : undefined;
    const next = typeof name === 'string' ? traceMap[name] : undefined;
    if (next) yield* tracker.iteratePropertyReferences(call, next);
  }
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
    for (const identifier of globalReads(sourceCode, scope, 'require')) {
      const call = identifier.parent;
      const specifier = call?.type === AST_NODE_TYPES.CallExpression && call.callee === identifier ? call.arguments[0] : undefined;
      if (specifier?.type === AST_NODE_TYPES.Literal && typeof specifier.value === 'string') modules.add(specifier.value);
      else if (specifier?.type === AST_NODE_TYPES.TemplateLiteral && specifier.quasis.length === 1) {
        modules.add(specifier.quasis[0]?.value.cooked ?? '');
      }
    }
    return modules;
  });
}

/** Whether the file can reference any API of the index at all: a cheap check before any tracking. */
function mayReference(sourceCode: Readonly<TSESLint.SourceCode>, scope: TSESLint.Scope.Scope, index: ApiIndex): boolean {
  if (index.globals.size > 0) {
    const unresolved = unresolvedReads(sourceCode, scope);
    for (const name of [...index.globals, ...globalObjectNames]) {
      if (unresolved.has(name) || (scope.set.get(name)?.references.length ?? 0) > 0) return true;
    }
  }
  for (const module of importedModules(sourceCode, scope)) {
    if (index.modules.has(module)) return true;
  }
  return false;
}

/** Compiled trace maps for a set of specs, built once and shared by every file. */
export interface ApiIndex {
  readonly key: string;
  readonly maps: { readonly global: TraceMap; readonly cjs: TraceMap; readonly esm: TraceMap };
  /** Module specifiers (both `x` and `node:x` for builtins) and global root names the specs reach. */
  readonly modules: ReadonlySet<string>;
  readonly globals: ReadonlySet<string>;
}

const indexes = new Map<string, ApiIndex>();

/**
 * The compiled form of `specs`, cached by `key` for the life of the process. The key must identify
 * the specs (for specs derived from options, include the options in it). Pure derived data: nothing
 * about any file is kept.
 */
export function apiIndex(key: string, specs: () => readonly ApiSpec[]): ApiIndex {
  let index = indexes.get(key);
  if (!index) {
    const list = specs();
    const maps = buildTraceMaps(list);
    index = {
      key,
      maps,
      modules: new Set(Object.keys(maps.cjs)),
      globals: new Set(list.flatMap((spec) => (spec.global === undefined ? [] : [spec.global.split('.')[0] ?? '']))),
    };
    indexes.set(key, index);
  }
  return index;
}

/**
 * Every reference in the file to the APIs of an index, found once per file. Local functions or
 * parameters that merely share a name (a local `fetch`, a parameter called `setTimeout`) are not
 * references: only the real global and the real module exports are.
 */
export function findApiReferences(sourceCode: Readonly<TSESLint.SourceCode>, index: ApiIndex): readonly FoundReference[] {
  return memoPerFile(sourceCode, `references:${index.key}`, () => {
    const scope = sourceCode.scopeManager?.globalScope;
    if (!scope || !mayReference(sourceCode, scope, index)) return [];
    const tracker = new ReferenceTracker(scope) as Tracker;
    const { maps } = index;
    const found: FoundReference[] = [];
    const seen = new Set<TSESTree.Node>();
    const collect = (iterable: Iterable<TrackerResult>): void => {
      for (const ref of iterable) {
        if (seen.has(ref.node)) continue;
        seen.add(ref.node);
        found.push({ tag: ref.info, node: ref.node });
      }
    };
    collect(iterateGlobalReferences(sourceCode, tracker, scope, maps.global));
    collect(iterateRequireReferences(sourceCode, tracker, scope, maps.cjs));
    collect(tracker.iterateEsmReferences(maps.esm));
    return found;
  });
}

/** A function named by users in options: by export name and module, or by local name alone. */
export interface NamedFunction {
  readonly name: string;
  readonly from?: string;
}

/** Specs for the entries that name a module; `default` means the module object / default export. */
export function namedFunctionSpecs(functions: readonly NamedFunction[], tag: string, kind: ReferenceKind = 'call'): ApiSpec[] {
  return functions.flatMap((fn) =>
    fn.from === undefined ? [] : [{ tag, kind, module: { from: fn.from, path: fn.name === 'default' ? '' : fn.name } }],
  );
}

/** The names of the entries that name no module: matched by the callee's own name, wherever it comes from. */
export function localFunctionNames(functions: readonly NamedFunction[]): ReadonlySet<string> {
  return new Set(functions.filter((fn) => fn.from === undefined).map((fn) => fn.name));
}
