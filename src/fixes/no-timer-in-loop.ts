import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import type { Iteration } from '../analysis/loops.js';
import { forEachDescendant, isFunctionNode } from '../util/ast.js';
import { ASTUtils } from '../util/eslint-utils.js';
import { memoPerFile } from '../util/memo.js';
import { fileWords, lineIndent, startsLine, unusedName } from './edits.js';
import { usesSemicolons } from './require-retry-cap.js';

/**
 * Fix builders for no-timer-in-loop. Each returns `null` when it cannot be sure that its output
 * parses and keeps the comments.
 */

type SourceCode = Readonly<TSESLint.SourceCode>;

const PROMISE_TIMERS = new Set(['timers/promises', 'node:timers/promises']);

/** The local name of `setTimeout` imported from `node:timers/promises`, when the file has one. */
function importedSleep(sourceCode: SourceCode): string | null {
  return memoPerFile(sourceCode, 'fixes:timer-in-loop:sleep-import', () => findImportedSleep(sourceCode));
}

function findImportedSleep(sourceCode: SourceCode): string | null {
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration || !PROMISE_TIMERS.has(String(statement.source.value))) continue;
    if (statement.importKind === 'type') continue;
    for (const specifier of statement.specifiers) {
      if (
        specifier.type === AST_NODE_TYPES.ImportSpecifier &&
        specifier.importKind !== 'type' &&
        (specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value) === 'setTimeout'
      ) {
        return specifier.local.name;
      }
    }
  }
  return null;
}

function isRequireDeclaration(statement: TSESTree.Node): boolean {
  if (statement.type !== AST_NODE_TYPES.VariableDeclaration) return false;
  return statement.declarations.some((declarator) => {
    const init = declarator.init;
    return init?.type === AST_NODE_TYPES.CallExpression && init.callee.type === AST_NODE_TYPES.Identifier && init.callee.name === 'require';
  });
}

/**
 * Binds `name` to `setTimeout` of `node:timers/promises`: an import after the last import, or a
 * `require` after the last top-level one in a CommonJS file.
 */
function addSleepBinding(fixer: TSESLint.RuleFixer, sourceCode: SourceCode, name: string, commonJs: boolean): TSESLint.RuleFix | null {
  const body = sourceCode.ast.body;
  // The file's top-level imports and requires, found once per file (every finding's fix asks).
  const { imports, requires } = memoPerFile(sourceCode, 'fixes:timer-in-loop:bindings', () => ({
    imports: body.filter((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration),
    requires: body.filter(isRequireDeclaration),
  }));
  const useRequire = imports.length === 0 && (commonJs || requires.length > 0);
  const binding = name === 'setTimeout' ? 'setTimeout' : useRequire ? `setTimeout: ${name}` : `setTimeout as ${name}`;
  const anchor = useRequire ? requires.at(-1) : imports.at(-1);
  const semicolon = anchor ? sourceCode.getLastToken(anchor)?.value === ';' : usesSemicolons(sourceCode, sourceCode.ast);
  const text = useRequire
    ? `const { ${binding} } = require('node:timers/promises')${semicolon ? ';' : ''}`
    : `import { ${binding} } from 'node:timers/promises'${semicolon ? ';' : ''}`;
  if (anchor) return fixer.insertTextAfter(anchor, `\n${text}`);
  // before the first statement that is not a directive ('use strict')
  const first = body.find((statement) => !(statement.type === AST_NODE_TYPES.ExpressionStatement && statement.directive !== undefined));
  if (!first || !startsLine(sourceCode, first)) return null;
  const firstToken = sourceCode.getFirstToken(first);
  if (!firstToken) return null;
  // a statement starting with `(` or `[` after a line without a semicolon would continue it
  const end = !semicolon && /^[([`+\-/]/.test(firstToken.value) ? ';' : '';
  return fixer.insertTextBefore(first, `${text}${end}\n\n`);
}

/**
 * `setTimeout(() => notify(item), ms)` as a statement of a loop in an async function →
 * `await sleep(ms); notify(item)`: each iteration waits for the delay, then does the work.
 * Only for an arrow with no parameters whose body is one expression (or a block of one expression
 * statement), so the code moved out of the callback means the same where it lands.
 */
export function awaitDelay(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  iteration: Iteration,
  commonJs: boolean,
): { name: string; fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] | null } | null {
  if (iteration.node.type === AST_NODE_TYPES.CallExpression) return null;
  const statement = call.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.parent.type !== AST_NODE_TYPES.BlockStatement) return null;
  if (!startsLine(sourceCode, statement)) return null;
  let owner: TSESTree.Node | undefined = iteration.node.parent;
  while (owner && !isFunctionNode(owner)) owner = owner.parent;
  if (!owner || !isFunctionNode(owner) || !owner.async) return null;
  const [callback, delay, ...rest] = call.arguments;
  if (rest.length > 0 || callback?.type !== AST_NODE_TYPES.ArrowFunctionExpression || callback.async || callback.params.length > 0) return null;
  if (delay && (delay.type === AST_NODE_TYPES.SpreadElement || delay.type === AST_NODE_TYPES.SequenceExpression)) return null;
  if (call.typeArguments || call.optional) return null;
  let work: TSESTree.Node = callback.body;
  if (work.type === AST_NODE_TYPES.BlockStatement) {
    const [only, ...others] = work.body;
    if (others.length > 0 || only?.type !== AST_NODE_TYPES.ExpressionStatement || only.directive !== undefined) return null;
    work = only.expression;
  }
  // the text of the work with the parentheses around it (`() => ({ … })`)
  let start = work.range[0];
  let end = work.range[1];
  for (;;) {
    const before = sourceCode.getTokenBefore({ range: [start, end] } as TSESTree.Node);
    const after = sourceCode.getTokenAfter({ range: [start, end] } as TSESTree.Node);
    if (
      !before ||
      !after ||
      !ASTUtils.isOpeningParenToken(before) ||
      !ASTUtils.isClosingParenToken(after) ||
      before.range[0] < callback.range[0] ||
      after.range[1] > callback.range[1]
    )
      break;
    start = before.range[0];
    end = after.range[1];
  }
  const workText = sourceCode.text.slice(start, end);
  if (/^(function|class|let|async\s+function)\b|^\{/.test(workText)) return null;
  // every comment of the statement must sit in the work that is kept
  const comments = sourceCode.getCommentsInside(statement);
  if (comments.some((comment) => comment.range[0] < start || comment.range[1] > end)) return null;
  const existing = importedSleep(sourceCode);
  const timerName = call.callee.type === AST_NODE_TYPES.Identifier ? call.callee.name : null;
  let name = existing;
  if (name === null) {
    // the file's only `setTimeout` can become the promise one; otherwise a name of its own
    const mentions = fileWords(sourceCode).get('setTimeout') ?? 0;
    name = timerName === 'setTimeout' && mentions === 1 ? 'setTimeout' : unusedName(sourceCode, ['sleep', 'delay', 'wait']);
  }
  if (name === null) return null;
  const semicolon = usesSemicolons(sourceCode, iteration.body);
  const separator = semicolon || /^[([`+\-/]/.test(workText) ? ';' : '';
  const delayText = delay ? sourceCode.getText(delay) : '';
  const text = `await ${name}(${delayText})${separator}\n${lineIndent(sourceCode, statement)}${workText}${semicolon ? ';' : ''}`;
  const sleepName = name;
  return {
    name,
    fix: (fixer) => {
      const fixes = [fixer.replaceText(statement, text)];
      if (existing === null) {
        const binding = addSleepBinding(fixer, sourceCode, sleepName, commonJs);
        if (!binding) return null;
        fixes.push(binding);
      }
      return fixes;
    },
  };
}

/** An expression that reads the same value each time it is evaluated and runs no code of its own: `id`, `tenant.id`, `'orders'`, `` `${a.b}:x` ``. */
function isSideEffectFree(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
    case AST_NODE_TYPES.Literal:
    case AST_NODE_TYPES.ThisExpression:
      return true;
    case AST_NODE_TYPES.MemberExpression:
      return !node.optional && (!node.computed || isSideEffectFree(node.property)) && isSideEffectFree(node.object);
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.every(isSideEffectFree);
    case AST_NODE_TYPES.TSNonNullExpression:
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
      return isSideEffectFree(node.expression);
    default:
      return false;
  }
}

/** A reference that names the same object each time: `timers`, `this.timers`, `state.pollers`. */
function isStableReference(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier || node.type === AST_NODE_TYPES.ThisExpression) return true;
  return node.type === AST_NODE_TYPES.MemberExpression && !node.computed && !node.optional && isStableReference(node.object);
}

/** Statements whose only child statement can be wrapped in braces without changing what it means. */
const BODY_PARENTS = new Set<string>([
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
  AST_NODE_TYPES.IfStatement,
]);

/**
 * `timers.set(key, setInterval(…))` → `clearInterval(timers.get(key)); timers.set(key, setInterval(…))`:
 * the interval stored under the key before is stopped, so a second run with the same key replaces
 * it instead of leaving it running. Only when the key has no side effects and the map is a plain
 * reference, so evaluating both once more reads the same entry, and `clearInterval` is the global.
 */
export function clearStoredInterval(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix | TSESLint.RuleFix[]) | null {
  let handle: TSESTree.Node = call;
  while (
    handle.parent?.type === AST_NODE_TYPES.MemberExpression &&
    handle.parent.object === handle &&
    !handle.parent.optional &&
    ['unref', 'ref'].includes(ASTUtils.getPropertyName(handle.parent) ?? '') &&
    handle.parent.parent.type === AST_NODE_TYPES.CallExpression &&
    handle.parent.parent.callee === handle.parent &&
    handle.parent.parent.arguments.length === 0
  ) {
    handle = handle.parent.parent;
  }
  const store = handle.parent;
  if (store?.type !== AST_NODE_TYPES.CallExpression || store.optional || store.arguments.length !== 2 || store.arguments[1] !== handle) return null;
  const [key] = store.arguments;
  const callee = store.callee;
  if (!key || key.type === AST_NODE_TYPES.SpreadElement || !isSideEffectFree(key)) return null;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.optional || ASTUtils.getPropertyName(callee) !== 'set') return null;
  if (!isStableReference(callee.object)) return null;
  const statement = store.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const clearing = ASTUtils.findVariable(sourceCode.getScope(statement), 'clearInterval');
  if (clearing && clearing.defs.length > 0) return null;
  const clearText = `clearInterval(${sourceCode.getText(callee.object)}.get(${sourceCode.getText(key)}))`;
  const parent = statement.parent;
  if (
    parent.type === AST_NODE_TYPES.BlockStatement ||
    parent.type === AST_NODE_TYPES.Program ||
    parent.type === AST_NODE_TYPES.StaticBlock ||
    parent.type === AST_NODE_TYPES.SwitchCase
  ) {
    if (!startsLine(sourceCode, statement)) return null;
    const semicolon = usesSemicolons(sourceCode, parent);
    return (fixer) => fixer.insertTextBefore(statement, `${clearText}${semicolon ? ';' : ''}\n${lineIndent(sourceCode, statement)}`);
  }
  if (!BODY_PARENTS.has(parent.type)) return null;
  // `for (…) timers.set(…)` → `for (…) { clearInterval(…); timers.set(…) }`
  return (fixer) => [fixer.insertTextBefore(statement, `{ ${clearText}; `), fixer.insertTextAfter(statement, ' }')];
}

const STATEMENT_LISTS = new Set<string>([AST_NODE_TYPES.BlockStatement, AST_NODE_TYPES.Program, AST_NODE_TYPES.StaticBlock, AST_NODE_TYPES.SwitchCase]);

/**
 * Whether `root` or a node below it passes `test`, without looking into functions: none with
 * `all`, else only those that have a `this` and `arguments` of their own (not arrows).
 */
function someInSameFunction(sourceCode: SourceCode, root: TSESTree.Node, test: (node: TSESTree.Node) => boolean, all = false): boolean {
  if (test(root)) return true;
  let found = false;
  forEachDescendant(root, sourceCode.visitorKeys, (node) => {
    if (found) return false;
    if (test(node)) {
      found = true;
      return false;
    }
    return all ? !isFunctionNode(node) : node.type !== AST_NODE_TYPES.FunctionExpression && node.type !== AST_NODE_TYPES.FunctionDeclaration;
  });
  return found;
}

/** `this`, `super`, `new.target` or `arguments` of the function itself. */
function usesOwnContext(sourceCode: SourceCode, fn: TSESTree.FunctionExpression): boolean {
  return someInSameFunction(
    sourceCode,
    fn.body,
    (node) =>
      node.type === AST_NODE_TYPES.ThisExpression ||
      node.type === AST_NODE_TYPES.Super ||
      node.type === AST_NODE_TYPES.MetaProperty ||
      (node.type === AST_NODE_TYPES.Identifier &&
        node.name === 'arguments' &&
        !(node.parent.type === AST_NODE_TYPES.MemberExpression && node.parent.property === node && !node.parent.computed) &&
        !(node.parent.type === AST_NODE_TYPES.Property && node.parent.key === node && !node.parent.computed)),
  );
}

/**
 * Moves text from lines indented by `from` to lines indented by `to` (its first line stays where it
 * is put); `null` when a line is indented less, or when a string or template spanning lines would change.
 */
function reindent(sourceCode: SourceCode, node: { range: [number, number] }, text: string, from: string, to: string): string | null {
  if (from === to) return text;
  const tokens = sourceCode.getTokens(node as TSESTree.Node, { includeComments: false });
  if (tokens.some((token) => token.loc.start.line !== token.loc.end.line)) return null;
  const lines = text.split('\n');
  const moved = [lines[0] ?? ''];
  for (const line of lines.slice(1)) {
    if (line.trim() === '') moved.push('');
    else if (line.startsWith(from)) moved.push(to + line.slice(from.length));
    else return null;
  }
  return moved.join('\n');
}

/**
 * The name `setTimeout` of `node:timers/promises` goes by in the file: its import when there is one
 * (`existing`), `setTimeout` when the timer being replaced is the file's only mention of it, else
 * `sleep` (or `delay`, `wait`).
 */
function sleepName(sourceCode: SourceCode, call: TSESTree.CallExpression): { name: string; existing: boolean } | null {
  const existing = importedSleep(sourceCode);
  if (existing !== null) return { name: existing, existing: true };
  const timerName = call.callee.type === AST_NODE_TYPES.Identifier ? call.callee.name : null;
  const mentions = fileWords(sourceCode).get('setTimeout') ?? 0;
  const name = timerName === 'setTimeout' && mentions === 1 ? 'setTimeout' : unusedName(sourceCode, ['sleep', 'delay', 'wait']);
  return name === null ? null : { name, existing: false };
}

/**
 * `items.forEach((item, index) => { setTimeout(() => { work }, index * ms); })` as a statement →
 * `void (async () => { for (const item of items) { work; await sleep(ms); } })();`: one timer at a
 * time instead of one per item, the first item at once and each next one `ms` later, as before.
 * Only for that shape: the callback's one statement is the timer, the index is used only in the
 * delay, the delay's other factor is a plain reference or literal, the work is an arrow's body that
 * neither returns nor declares `var`s, the items are not awaited, and every comment is in the work.
 * `isArrayLike` (with types) rejects items that are not an array (a Map's `forEach` passes keys).
 */
export function sequentialStagger(
  sourceCode: SourceCode,
  call: TSESTree.CallExpression,
  iteration: Iteration,
  commonJs: boolean,
  isArrayLike: ((node: TSESTree.Node) => boolean) | null,
): { name: string; delay: string; fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] | null } | null {
  const forEach = iteration.node;
  const callback = iteration.body;
  if (forEach.type !== AST_NODE_TYPES.CallExpression || forEach.optional || forEach.arguments.length !== 1 || forEach.arguments[0] !== callback) return null;
  const method = forEach.callee;
  if (method.type !== AST_NODE_TYPES.MemberExpression || method.computed || method.optional || ASTUtils.getPropertyName(method) !== 'forEach') return null;
  const items = method.object;
  // the items are read in the new async function: an `await` or `yield` there would change meaning
  const pauses = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.AwaitExpression || node.type === AST_NODE_TYPES.YieldExpression;
  if (items.type === AST_NODE_TYPES.SequenceExpression || someInSameFunction(sourceCode, items, pauses, true)) return null;
  if (isArrayLike && !isArrayLike(items)) return null;
  // the `forEach(…)` call is a statement of its own line
  const statement = forEach.parent;
  if (statement.type !== AST_NODE_TYPES.ExpressionStatement || !STATEMENT_LISTS.has(statement.parent.type) || !startsLine(sourceCode, statement)) return null;
  // the callback: `(item, index) => { setTimeout(…); }`, an arrow or a function that does not use its own `this`
  if (callback.type !== AST_NODE_TYPES.ArrowFunctionExpression && callback.type !== AST_NODE_TYPES.FunctionExpression) return null;
  if (callback.async || callback.generator || callback.params.length !== 2) return null;
  if (callback.type === AST_NODE_TYPES.FunctionExpression && usesOwnContext(sourceCode, callback)) return null;
  const [item, index] = callback.params;
  if (!item || index?.type !== AST_NODE_TYPES.Identifier) return null;
  let itemText: string;
  if (item.type === AST_NODE_TYPES.Identifier) {
    if (item.optional) return null;
    itemText = item.name;
  } else if ((item.type === AST_NODE_TYPES.ObjectPattern || item.type === AST_NODE_TYPES.ArrayPattern) && !item.typeAnnotation) {
    itemText = sourceCode.getText(item);
  } else {
    return null;
  }
  // (an arrow returning the timer hands its handle to `forEach`, which the rule does not report)
  if (callback.body.type !== AST_NODE_TYPES.BlockStatement || callback.body.body.length !== 1) return null;
  const [timerStatement] = callback.body.body;
  if (timerStatement?.type !== AST_NODE_TYPES.ExpressionStatement || timerStatement.expression !== call) return null;
  // the timer: `setTimeout(() => work, index * ms)`
  if (call.optional || call.typeArguments || call.arguments.length !== 2) return null;
  const [timerCallback, delay] = call.arguments;
  if (timerCallback?.type !== AST_NODE_TYPES.ArrowFunctionExpression || timerCallback.async || timerCallback.params.length > 0) return null;
  if (delay?.type !== AST_NODE_TYPES.BinaryExpression || delay.operator !== '*') return null;
  const isIndex = (node: TSESTree.Node): boolean => node.type === AST_NODE_TYPES.Identifier && node.name === index.name;
  const step = isIndex(delay.left) ? delay.right : isIndex(delay.right) ? delay.left : null;
  if (step === null || !isSideEffectFree(step)) return null;
  // the index is used only in the delay; the item is only read, and not by the delay
  const params = sourceCode.scopeManager?.getDeclaredVariables(callback) ?? [];
  for (const variable of params) {
    for (const ref of variable.references) {
      const id = ref.identifier;
      const inStep = id.range[0] >= step.range[0] && id.range[1] <= step.range[1];
      if (variable.name === index.name ? !isIndex(id) || id.parent !== delay || inStep : inStep || ref.isWrite()) return null;
    }
  }
  // the work: the arrow's body, which moves into the loop
  const work = timerCallback.body;
  // `for (const tenant of tenant.children)` would read the new binding before it exists, and a
  // name the work declares would shadow a name of the delay, which now follows the work
  const itemNames = new Set(params.filter((variable) => variable.name !== index.name).map((variable) => variable.name));
  const declared = new Set(
    work.type === AST_NODE_TYPES.BlockStatement
      ? work.body.flatMap((node) => (sourceCode.scopeManager?.getDeclaredVariables(node) ?? []).map((variable) => variable.name))
      : [],
  );
  const mentions = (root: TSESTree.Node, names: ReadonlySet<string>): boolean =>
    someInSameFunction(sourceCode, root, (node) => node.type === AST_NODE_TYPES.Identifier && names.has(node.name));
  if (mentions(items, itemNames) || mentions(step, declared)) return null;
  const S = lineIndent(sourceCode, statement);
  let unit = '  ';
  if (startsLine(sourceCode, timerStatement)) {
    const inner = lineIndent(sourceCode, timerStatement);
    if (!inner.startsWith(S) || inner.length <= S.length) return null;
    unit = inner.slice(S.length);
  }
  const loopIndent = S + unit;
  const bodyIndent = loopIndent + unit;
  const semicolon = usesSemicolons(sourceCode, statement);
  const end = semicolon ? ';' : '';
  let body: string | null;
  let keep: [number, number];
  if (work.type === AST_NODE_TYPES.BlockStatement) {
    const [first] = work.body;
    if (!first || (first.type === AST_NODE_TYPES.ExpressionStatement && first.directive !== undefined)) return null;
    // `return` would end the loop; `var` and function declarations would be shared by all items
    const leaves = (node: TSESTree.Node): boolean =>
      node.type === AST_NODE_TYPES.ReturnStatement ||
      (node.type === AST_NODE_TYPES.VariableDeclaration && node.kind === 'var') ||
      (node.type === AST_NODE_TYPES.FunctionDeclaration && node.parent === work);
    if (work.body.some((node) => someInSameFunction(sourceCode, node, leaves, true))) return null;
    const open = sourceCode.getFirstToken(work);
    const close = sourceCode.getLastToken(work);
    if (open?.value !== '{' || close?.value !== '}') return null;
    keep = [open.range[1], close.range[0]];
    const interior = sourceCode.text.slice(open.range[1], close.range[0]);
    if (interior.includes('\n')) {
      body = reindent(sourceCode, work, interior.trimEnd(), lineIndent(sourceCode, open), loopIndent);
    } else {
      body = `\n${bodyIndent}${interior.trim()}`;
    }
  } else {
    // the work's text with the parentheses around it (`() => ({ … }).send()`)
    let start = work.range[0];
    let stop = work.range[1];
    for (;;) {
      const before = sourceCode.getTokenBefore({ range: [start, stop] } as TSESTree.Node);
      const after = sourceCode.getTokenAfter({ range: [start, stop] } as TSESTree.Node);
      if (
        !before ||
        !after ||
        !ASTUtils.isOpeningParenToken(before) ||
        !ASTUtils.isClosingParenToken(after) ||
        before.range[0] < timerCallback.range[0] ||
        after.range[1] > timerCallback.range[1]
      )
        break;
      start = before.range[0];
      stop = after.range[1];
    }
    keep = [start, stop];
    const workText = sourceCode.text.slice(start, stop);
    if (/^(function|class|let|async\s+function)\b|^\{/.test(workText)) return null;
    const firstLine = sourceCode.lines[work.loc.start.line - 1] ?? '';
    const moved = reindent(sourceCode, { range: [start, stop] }, workText, /^\s*/.exec(firstLine)?.[0] ?? '', bodyIndent);
    body = moved === null ? null : `\n${bodyIndent}${moved}${end}`;
  }
  if (body === null) return null;
  // every comment of the statement is in the work that is kept
  if (sourceCode.getCommentsInside(statement).some((comment) => comment.range[0] < keep[0] || comment.range[1] > keep[1])) return null;
  const sleep = sleepName(sourceCode, call);
  if (sleep === null) return null;
  const stepText = sourceCode.getText(step);
  const text =
    `void (async () => {\n` +
    `${loopIndent}for (const ${itemText} of ${sourceCode.getText(items)}) {${body}\n` +
    `${bodyIndent}await ${sleep.name}(${stepText})${end}\n` +
    `${loopIndent}}\n` +
    `${S}})()${end}`;
  return {
    name: sleep.name,
    delay: stepText,
    fix: (fixer) => {
      const fixes = [fixer.replaceText(statement, text)];
      if (!sleep.existing) {
        const binding = addSleepBinding(fixer, sourceCode, sleep.name, commonJs);
        if (!binding) return null;
        fixes.push(binding);
      }
      return fixes;
    },
  };
}
