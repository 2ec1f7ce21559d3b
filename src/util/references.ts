import { builtinModules } from 'node:module';

import { ASTUtils, AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';

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
function globalReads(scope: TSESLint.Scope.Scope, name: string): TSESTree.Identifier[] {
  const variable = scope.set.get(name);
  if (variable && (variable.defs.length > 0 || variable.references.some((ref) => ref.isWrite()))) return [];
  const reads = (variable?.references ?? []).filter((ref) => ref.isRead()).map((ref) => ref.identifier);
  for (const ref of scope.through) {
    if (ref.identifier.name === name && ref.isRead() && !ref.resolved) reads.push(ref.identifier);
  }
  return reads.filter((identifier): identifier is TSESTree.Identifier => identifier.type === AST_NODE_TYPES.Identifier);
}

/**
 * `iteratePropertyReferences` is part of `@eslint-community/eslint-utils`' ReferenceTracker, which
 * typescript-eslint re-exports; its type declarations just do not list it.
 */
type Tracker = InstanceType<typeof ReferenceTracker> & {
  iteratePropertyReferences(node: TSESTree.Node, traceMap: TraceMap): Iterable<TrackerResult>;
};

function* iterateGlobalReferences(
  tracker: Tracker,
  scope: TSESLint.Scope.Scope,
  traceMap: TraceMap,
): Iterable<TrackerResult> {
  for (const name of Object.keys(traceMap)) {
    const next = traceMap[name];
    if (!next) continue;
    for (const identifier of globalReads(scope, name)) yield* tracker.iteratePropertyReferences(identifier, next);
  }
  for (const objectName of globalObjectNames) {
    for (const identifier of globalReads(scope, objectName)) yield* tracker.iteratePropertyReferences(identifier, traceMap);
  }
}

/** References through `require('module')`, with `require` the real global (declared or not). */
function* iterateRequireReferences(tracker: Tracker, scope: TSESLint.Scope.Scope, traceMap: TraceMap): Iterable<TrackerResult> {
  for (const identifier of globalReads(scope, 'require')) {
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

/**
 * Every reference in the file to the given APIs, found once per file and key. Local functions or
 * parameters that merely share a name (a local `fetch`, a parameter called `setTimeout`) are not
 * references: only the real global and the real module exports are.
 */
export function findApiReferences(
  sourceCode: Readonly<TSESLint.SourceCode>,
  cacheKey: string,
  specs: readonly ApiSpec[],
): readonly FoundReference[] {
  return memoPerFile(sourceCode, `references:${cacheKey}`, () => {
    const scope = sourceCode.scopeManager?.globalScope;
    if (!scope) return [];
    const tracker = new ReferenceTracker(scope) as Tracker;
    const maps = buildTraceMaps(specs);
    const found: FoundReference[] = [];
    const seen = new Set<TSESTree.Node>();
    const collect = (iterable: Iterable<TrackerResult>): void => {
      for (const ref of iterable) {
        if (seen.has(ref.node)) continue;
        seen.add(ref.node);
        found.push({ tag: ref.info, node: ref.node });
      }
    };
    if (Object.keys(maps.global).length > 0) collect(iterateGlobalReferences(tracker, scope, maps.global));
    if (Object.keys(maps.cjs).length > 0) {
      collect(iterateRequireReferences(tracker, scope, maps.cjs));
      collect(tracker.iterateEsmReferences(maps.esm));
    }
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
