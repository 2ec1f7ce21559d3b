/**
 * Rewrites that bound a fan-out (`await Promise.all(items.map(fn))`, or promises pushed into an
 * array in a loop and then awaited together). Each builder returns `null` when it cannot be sure
 * the result parses and does what its message says: the callback takes more than the item (an
 * index would change meaning in slices), comments would be lost, a name it adds is already used,
 * the file is CommonJS and the rewrite needs an ES-module-only package.
 */
import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, AST_TOKEN_TYPES } from '@typescript-eslint/types';

import type { ConcurrencySite } from '../analysis/fan-out.js';
import { forEachDescendant } from '../util/ast.js';
import { addDefaultImport, identifierUsed, isEsModule, statementIndent } from './edits.js';

type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** `items.map(cb)` where the callback is an arrow function of the item alone, in `Promise.all(…)`. */
interface MappedFanOut {
  readonly all: TSESTree.CallExpression;
  readonly map: TSESTree.CallExpression & { callee: TSESTree.MemberExpression };
  readonly items: TSESTree.Expression;
  readonly callback: TSESTree.ArrowFunctionExpression;
}

/** `Promise.all(items.map((item) => …))`, with nothing else in the call but the receiver and the callback. */
export function mappedFanOut(all: TSESTree.CallExpression): MappedFanOut | null {
  if (all.arguments.length !== 1 || all.optional) return null;
  const map = all.arguments[0];
  if (map?.type !== AST_NODE_TYPES.CallExpression || map.optional || map.arguments.length !== 1) return null;
  const callee = map.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.optional) return null;
  if (callee.property.type !== AST_NODE_TYPES.Identifier || callee.property.name !== 'map') return null;
  const callback = map.arguments[0];
  if (callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression) return null;
  // The item alone: with an index or the array, slicing or a limiter would change what it receives.
  if (callback.params.length > 1 || callback.params.some((param) => param.type === AST_NODE_TYPES.RestElement)) return null;
  if (callback.typeParameters || callback.returnType) return null;
  if (callee.object.type === AST_NODE_TYPES.Super) return null;
  return { all, map: map as MappedFanOut['map'], items: callee.object, callback };
}

/** A receiver that can be read again each batch and gives the same collection: `ids`, `req.body.items`, `this.jobs`. */
function isStableReference(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.optional) {
    if (node.computed && node.property.type !== AST_NODE_TYPES.Literal) return false;
    return isStableReference(node.object);
  }
  return false;
}

/** `text` with its lines after the first indented one more level, unless a template literal spans lines. */
function indentContinuation(sourceCode: SourceCode, node: TSESTree.Node, text: string, unit: string): string {
  const multilineTemplate = sourceCode.getTokens(node).some((token) => token.type === AST_TOKEN_TYPES.Template && token.value.includes('\n'));
  return multilineTemplate ? text : text.replace(/\n(?=[^\n])/g, `\n${unit}`);
}

/**
 * The fan-out as batches of `size`, awaited one after another, results in order:
 *   `await Promise.all(ids.map(f));`            → `for (let i = 0; …; i += n) { await Promise.all(ids.slice(i, i + n).map(f)); }`
 *   `const out = await Promise.all(ids.map(f));` → `const out = []; for (…) { out.push(...(await Promise.all(ids.slice(i, i + n).map(f)))); }`
 */
export function batchFix(sourceCode: SourceCode, fanOut: MappedFanOut, size: number): ((fixer: Fixer) => Fix) | null {
  if (!isStableReference(fanOut.items)) return null;
  const awaited = fanOut.all.parent;
  if (awaited?.type !== AST_NODE_TYPES.AwaitExpression) return null;
  const holder = awaited.parent;
  let statement: TSESTree.Statement;
  let target: { kind: string; name: string; annotation: string } | null = null;
  if (holder?.type === AST_NODE_TYPES.ExpressionStatement) {
    statement = holder;
  } else if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === awaited && holder.id.type === AST_NODE_TYPES.Identifier) {
    const declaration = holder.parent;
    if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1 || declaration.declare) return null;
    if (declaration.kind !== 'const' && declaration.kind !== 'let') return null;
    // Comments in `const out = ` would be lost.
    if (sourceCode.getCommentsInside(declaration).some((comment) => comment.range[1] <= awaited.range[0])) return null;
    statement = declaration;
    const annotation = holder.id.typeAnnotation ? sourceCode.getText(holder.id.typeAnnotation) : '';
    target = { kind: declaration.kind, name: holder.id.name, annotation };
  } else {
    return null;
  }
  const container = statement.parent;
  if (container?.type !== AST_NODE_TYPES.BlockStatement && container?.type !== AST_NODE_TYPES.Program && container?.type !== AST_NODE_TYPES.StaticBlock)
    return null;
  const index = ['i', 'start', 'offset'].find((name) => !identifierUsed(sourceCode, statement, name));
  if (index === undefined) return null;
  const indent = statementIndent(sourceCode, statement);
  if (indent === null) return null;
  const unit = indent.includes('\t') ? '\t' : '  ';
  const items = sourceCode.getText(fanOut.items);
  const sliced = `${items}.slice(${index}, ${index} + ${size})`;
  const call = sourceCode.text.slice(awaited.range[0], fanOut.items.range[0]) + sliced + sourceCode.text.slice(fanOut.items.range[1], awaited.range[1]);
  const loop = `for (let ${index} = 0; ${index} < ${items}.length; ${index} += ${size}) {`;
  let text: string;
  if (target) {
    const body = indentContinuation(sourceCode, awaited, `${target.name}.push(...(${call}));`, unit);
    text = `${target.kind} ${target.name}${target.annotation} = [];\n${indent}${loop}\n${indent}${unit}${body}\n${indent}}`;
  } else {
    const original = sourceCode.text.slice(statement.range[0], awaited.range[0]) + call + sourceCode.text.slice(awaited.range[1], statement.range[1]);
    text = `${loop}\n${indent}${unit}${indentContinuation(sourceCode, statement, original, unit)}\n${indent}}`;
  }
  return (fixer) => fixer.replaceText(statement, text);
}

/** `await pMap(items, fn, { concurrency: n })`, importing p-map (an ES module). */
export function pMapFix(sourceCode: SourceCode, fanOut: MappedFanOut, size: number, canImport: (name: string) => boolean): ((fixer: Fixer) => Fix[]) | null {
  if (!isEsModule(sourceCode) || !canImport('p-map')) return null;
  // Comments between `Promise.all(` and the callback would be dropped by the rebuilt call.
  const kept = [fanOut.items.range, fanOut.callback.range];
  const lost = sourceCode.getCommentsInside(fanOut.all).some((comment) => !kept.some(([start, end]) => comment.range[0] >= start && comment.range[1] <= end));
  if (lost) return null;
  const imported = addDefaultImport(sourceCode, 'pMap', 'p-map');
  if (!imported) return null;
  const text = `${imported.name}(${sourceCode.getText(fanOut.items)}, ${sourceCode.getText(fanOut.callback)}, { concurrency: ${size} })`;
  return (fixer) => [...imported.fix(fixer), fixer.replaceText(fanOut.all, text)];
}

/**
 * Whether `operation`, run later by a limiter instead of now, still sees the values it sees now:
 * every variable it reads is a `const`, a per-iteration loop binding, or never written after its
 * declaration; it awaits and yields nothing of its own.
 */
function isDeferrable(sourceCode: SourceCode, operation: TSESTree.Node): boolean {
  const [start, end] = operation.range;
  // The scope the operation is in, and the scopes of functions inside it: where its references are.
  const scopes: TSESLint.Scope.Scope[] = [];
  const pending = [sourceCode.getScope(operation)];
  while (pending.length > 0) {
    const scope = pending.pop();
    if (!scope) break;
    scopes.push(scope);
    for (const child of scope.childScopes) if (child.block.range[0] >= start && child.block.range[1] <= end) pending.push(child);
  }
  for (const scope of scopes) {
    for (const reference of scope.references) {
      const [refStart, refEnd] = reference.identifier.range;
      if (refStart < start || refEnd > end) continue;
      const variable = reference.resolved;
      if (!variable) continue;
      if (variable.references.every((candidate) => !candidate.isWrite() || candidate.init === true)) continue;
      const definition = variable.defs[0];
      const declaration = definition?.type === DefinitionType.Variable ? definition.parent : null;
      const loop = declaration?.parent;
      if (!declaration || declaration.kind === 'var' || !loop) return false;
      // `for (const x of xs)`: a fresh binding per iteration
      if ((loop.type === AST_NODE_TYPES.ForOfStatement || loop.type === AST_NODE_TYPES.ForInStatement) && loop.left === declaration) continue;
      // `for (let i = 0; …; i++)`: each iteration's closure keeps that iteration's copy, as long as
      // only the update expression writes it
      const update = loop.type === AST_NODE_TYPES.ForStatement && loop.init === declaration ? loop.update : null;
      const writtenElsewhere = variable.references.some(
        (candidate) =>
          candidate.isWrite() &&
          !candidate.init &&
          !(update && candidate.identifier.range[0] >= update.range[0] && candidate.identifier.range[1] <= update.range[1]),
      );
      if (!update || writtenElsewhere) return false;
    }
  }
  if (operation.type === AST_NODE_TYPES.AwaitExpression || operation.type === AST_NODE_TYPES.YieldExpression) return false;
  let own = true;
  forEachDescendant(operation, sourceCode.visitorKeys, (node) => {
    if (node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression) own = false;
    // what a nested function awaits is its own
    return own && node.type !== AST_NODE_TYPES.ArrowFunctionExpression && node.type !== AST_NODE_TYPES.FunctionExpression;
  });
  return own;
}

/**
 * The initialiser of `const p = work(x)` when `p` is read only by `push` (in the same block) and never
 * written again: wrapping it in the limiter defers the operation without changing anything else.
 */
function startedInto(sourceCode: SourceCode, pushed: TSESTree.Identifier, push: TSESTree.CallExpression): TSESTree.Expression | null {
  const variable = sourceCode.getScope(pushed).references.find((reference) => reference.identifier === pushed)?.resolved;
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || definition?.type !== DefinitionType.Variable || definition.parent.kind !== 'const') return null;
  const init = definition.node.init;
  if (!init || definition.node.id.type !== AST_NODE_TYPES.Identifier) return null;
  const others = variable.references.filter((reference) => !reference.init && reference.identifier !== pushed);
  if (others.length > 0) return null;
  // Declared in the block the push is in, before it.
  const block = definition.parent.parent;
  const statement = push.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent !== block) return null;
  return init;
}

/** The statement directly in a block or the program that holds `node`. */
function enclosingStatement(node: TSESTree.Node): TSESTree.Node | null {
  for (let current: TSESTree.Node | undefined = node; current?.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program || parent.type === AST_NODE_TYPES.StaticBlock) return current;
    if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === current) return null;
  }
  return null;
}

/** `limit(() => …)` around `operation`, a limiter made once before `anchor` (a statement). */
function limiterFix(
  sourceCode: SourceCode,
  anchor: TSESTree.Node,
  size: number,
  wraps: readonly ((fixer: Fixer, limit: string) => Fix)[],
  canImport: (name: string) => boolean,
): ((fixer: Fixer) => Fix[]) | null {
  if (!isEsModule(sourceCode) || !canImport('p-limit')) return null;
  const imported = addDefaultImport(sourceCode, 'pLimit', 'p-limit');
  if (!imported) return null;
  // A new `limit` in the anchor's block must not clash with, or shadow, a `limit` of that code.
  const scopeNode = anchor.parent ?? anchor;
  const limit = ['limit', 'limitConcurrency'].find((name) => !identifierUsed(sourceCode, scopeNode, name));
  if (limit === undefined) return null;
  const indent = statementIndent(sourceCode, anchor);
  if (indent === null) return null;
  return (fixer) => [
    ...imported.fix(fixer),
    fixer.insertTextBefore(anchor, `const ${limit} = ${imported.name}(${size});\n${indent}`),
    ...wraps.map((wrap) => wrap(fixer, limit)),
  ];
}

/** `items.map((item) => limit(() => work(item)))`, with `const limit = pLimit(n)` before the statement. */
export function pLimitMapFix(
  sourceCode: SourceCode,
  fanOut: MappedFanOut,
  size: number,
  canImport: (name: string) => boolean,
): ((fixer: Fixer) => Fix[]) | null {
  const anchor = enclosingStatement(fanOut.all);
  if (!anchor) return null;
  const callback = fanOut.callback;
  const arrow = sourceCode.getTokenBefore(callback.body, (token) => token.value === '=>');
  const afterArrow = arrow && sourceCode.getTokenAfter(arrow);
  if (!arrow || !afterArrow) return null;
  const params = callback.params.map((param) => sourceCode.getText(param)).join(', ');
  const body = sourceCode.text.slice(afterArrow.range[0], callback.range[1]);
  return limiterFix(
    sourceCode,
    anchor,
    size,
    [(fixer, limit) => fixer.replaceText(callback, `(${params}) => ${limit}(${callback.async ? 'async ' : ''}() => ${body})`)],
    canImport,
  );
}

/**
 * `const tasks = []; for (…) tasks.push(work(x)); await Promise.all(tasks)`: each pushed operation
 * queued through one limiter (`tasks.push(limit(() => work(x)))`), made before the array is.
 */
export function pLimitPushFix(
  sourceCode: SourceCode,
  all: TSESTree.CallExpression,
  size: number,
  canImport: (name: string) => boolean,
): ((fixer: Fixer) => Fix[]) | null {
  const array = all.arguments.length === 1 ? all.arguments[0] : undefined;
  if (array?.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = sourceCode.getScope(array).references.find((reference) => reference.identifier === array)?.resolved;
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || definition?.type !== DefinitionType.Variable) return null;
  const declarator = definition.node;
  const declaration = declarator.parent;
  if (declarator.init?.type !== AST_NODE_TYPES.ArrayExpression || declarator.init.elements.length > 0) return null;
  if (declaration.type !== AST_NODE_TYPES.VariableDeclaration || declaration.declarations.length !== 1) return null;
  const pushed: TSESTree.Expression[] = [];
  for (const reference of variable.references) {
    if (reference.init || reference.identifier === array) continue;
    if (reference.isWrite()) return null;
    const member = reference.identifier.parent;
    const call = member?.parent;
    const pushes =
      member?.type === AST_NODE_TYPES.MemberExpression &&
      member.object === reference.identifier &&
      !member.computed &&
      member.property.type === AST_NODE_TYPES.Identifier &&
      member.property.name === 'push' &&
      call?.type === AST_NODE_TYPES.CallExpression &&
      call.callee === member &&
      call.arguments.length === 1 &&
      call.arguments[0]?.type !== AST_NODE_TYPES.SpreadElement;
    // Only pushes of one operation each, before the `Promise.all`: anything else reads or changes the array.
    if (!pushes || reference.identifier.range[0] > all.range[0]) return null;
    const pushedValue = call.arguments[0] as TSESTree.Expression;
    // `const p = send(x); tasks.push(p)`: the operation is the const's initialiser, deferred where it is written.
    const operation = pushedValue.type === AST_NODE_TYPES.Identifier ? startedInto(sourceCode, pushedValue, call) : pushedValue;
    if (operation?.type !== AST_NODE_TYPES.CallExpression && operation?.type !== AST_NODE_TYPES.NewExpression) return null;
    if (!isDeferrable(sourceCode, operation)) return null;
    pushed.push(operation);
  }
  if (pushed.length === 0) return null;
  return limiterFix(
    sourceCode,
    declaration,
    size,
    pushed.map((operation) => (fixer: Fixer, limit: string) => fixer.replaceText(operation, `${limit}(() => ${sourceCode.getText(operation)})`)),
    canImport,
  );
}

/**
 * A finite concurrency where a mapper's is unlimited: the value replaced (`concurrency: Infinity` →
 * `concurrency: 10`), the property added to the options literal, or an options argument appended.
 */
export function concurrencyFix(sourceCode: SourceCode, site: ConcurrencySite, size: number): ((fixer: Fixer) => Fix) | null {
  if (site.kind === 'value') {
    if (sourceCode.getCommentsInside(site.node).length > 0) return null;
    return (fixer) => fixer.replaceText(site.node, String(size));
  }
  if (site.kind === 'property') {
    const open = sourceCode.getFirstToken(site.object);
    if (open?.value !== '{') return null;
    if (site.object.properties.length === 0) {
      if (sourceCode.getCommentsInside(site.object).length > 0) return null;
      return (fixer) => fixer.replaceText(site.object, `{ concurrency: ${size} }`);
    }
    const next = sourceCode.getTokenAfter(open, { includeComments: true });
    if (!next) return null;
    if (next.loc.start.line === open.loc.start.line) return (fixer) => fixer.insertTextAfter(open, ` concurrency: ${size},`);
    // One property a line: a line of its own, indented as the next one.
    const indent = sourceCode.lines[next.loc.start.line - 1]?.slice(0, next.loc.start.column) ?? '';
    if (indent.trim() !== '') return null;
    return (fixer) => fixer.insertTextBefore(next, `concurrency: ${size},\n${indent}`);
  }
  const last = site.call.arguments.at(-1);
  if (!last) return null;
  return (fixer) => fixer.insertTextAfter(last, `, { concurrency: ${size} }`);
}
