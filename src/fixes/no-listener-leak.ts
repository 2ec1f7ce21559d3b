import { DefinitionType } from '@typescript-eslint/scope-manager';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import type { Registration } from '../analysis/listeners.js';
import { enclosingFunction } from '../analysis/lifetimes.js';
import { forEachDescendant, isFunctionNode, skipTypeWrappers, variableOf } from '../util/ast.js';
import { ASTUtils } from '../util/eslint-utils.js';
import { appendArguments } from '../util/fix.js';
import type { TypeInfo } from '../util/types.js';
import { lineIndent, multilineTokens, startsLine } from './edits.js';

/**
 * Fix builders for `no-listener-leak`. Each returns `null` when it cannot be sure: the names it
 * repeats must mean the same thing where it writes them, the listener must be a name it can remove
 * (or an inline function it can give a name), and the place that ends the work must be in the same
 * function as the registration.
 */

type Fixes = (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[];
type FunctionLike = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

const ONCE_REPLACEMENT: Record<string, string> = { on: 'once', addListener: 'once', prependListener: 'prependOnceListener' };
const REMOVAL: Record<string, string> = {
  on: 'off',
  addListener: 'removeListener',
  prependListener: 'removeListener',
  addEventListener: 'removeEventListener',
};
/** Calls that end or cancel one thing: a listener made of one of them has done its job after one run. */
const ENDING_METHODS = new Set(['end', 'destroy', 'close', 'abort', 'cancel', 'terminate']);
const ENDING_FUNCTIONS = new Set(['clearTimeout', 'clearInterval']);
/** Events after which an object's work is over. */
const END_EVENTS = new Set(['close', 'end', 'finish']);
/** Parameter names of per-call objects that emit `close` when their work is over, the best first. */
const CLOSING_PARAMETERS = ['res', 'response', 'socket', 'ws', 'connection', 'conn'];

function hasProperty(types: TypeInfo | null, node: TSESTree.Node, name: string): boolean {
  if (!types) return true;
  const type = types.typeOf(node);
  if (types.checker.typeToString(type) === 'any') return true;
  return types.checker.getApparentType(type).getProperty(name) !== undefined;
}

/** The statements a listener's body runs (`x => f()` is one), or `null` for anything but calls. */
function bodyCalls(listener: FunctionLike): TSESTree.CallExpression[] | null {
  const body = listener.body;
  if (!body) return null;
  const expressions =
    body.type === AST_NODE_TYPES.BlockStatement
      ? body.body.map((statement) => (statement.type === AST_NODE_TYPES.ExpressionStatement ? statement.expression : null))
      : [body];
  const calls: TSESTree.CallExpression[] = [];
  for (const expression of expressions) {
    const value = expression ? skipTypeWrappers(expression) : null;
    const call = value?.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void' ? skipTypeWrappers(value.argument) : value;
    if (call?.type !== AST_NODE_TYPES.CallExpression) return null;
    calls.push(call);
  }
  return calls.length > 0 ? calls : null;
}

/** `resolve` / `reject` of a `new Promise((resolve, reject) => …)` executor. */
function isSettler(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  const value = skipTypeWrappers(node);
  if (value.type !== AST_NODE_TYPES.Identifier) return false;
  const def = variableOf(sourceCode, value)?.defs[0];
  if (def?.type !== DefinitionType.Parameter || !isFunctionNode(def.node)) return false;
  const executor = def.node;
  const index = executor.params.indexOf(def.name);
  const promise = executor.parent;
  return (
    index >= 0 &&
    index <= 1 &&
    promise?.type === AST_NODE_TYPES.NewExpression &&
    promise.arguments[0] === executor &&
    promise.callee.type === AST_NODE_TYPES.Identifier &&
    promise.callee.name === 'Promise'
  );
}

/** The listener's only job is to settle a promise, or to end or cancel one thing: it needs to run once. */
function runsOnce(sourceCode: Readonly<TSESLint.SourceCode>, listener: TSESTree.Node): boolean {
  const value = skipTypeWrappers(listener);
  if (isSettler(sourceCode, value)) return true;
  if (value.type !== AST_NODE_TYPES.ArrowFunctionExpression && value.type !== AST_NODE_TYPES.FunctionExpression) return false;
  const calls = bodyCalls(value);
  return (
    calls !== null &&
    calls.every((call) => {
      const callee = skipTypeWrappers(call.callee);
      if (isSettler(sourceCode, callee)) return true;
      if (callee.type === AST_NODE_TYPES.Identifier) return ENDING_FUNCTIONS.has(callee.name);
      return callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && ENDING_METHODS.has(ASTUtils.getPropertyName(callee) ?? '');
    })
  );
}

/**
 * `bus.on(e, h)` → `bus.once(e, h)` (`prependListener` → `prependOnceListener`,
 * `addEventListener(e, h)` → `addEventListener(e, h, { once: true })`) when the listener's only job
 * is to settle a promise or to end something.
 */
export function onceFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  registration: Registration,
  types: TypeInfo | null,
): { fix: Fixes; replacement: string } | null {
  const { call, method } = registration;
  const [, listener] = call.arguments;
  if (!listener || call.arguments.length !== 2 || !runsOnce(sourceCode, listener)) return null;
  const property = call.callee.property;
  if (call.callee.computed || property.type !== AST_NODE_TYPES.Identifier) return null;
  if (method === 'addEventListener') {
    if (sourceCode.getLastToken(call)?.value !== ')') return null;
    return {
      replacement: '{ once: true }',
      fix: (fixer) => {
        const fix = appendArguments(fixer, sourceCode, call, 2, '{ once: true }');
        return fix ? [fix] : [];
      },
    };
  }
  const replacement = ONCE_REPLACEMENT[method];
  if (!replacement || !hasProperty(types, call.callee.object, replacement)) return null;
  return { replacement, fix: (fixer) => [fixer.replaceText(property, replacement)] };
}

/** A name, `this`, or a property chain of them: text that denotes the same object when written again. */
function isReference(node: TSESTree.Node): boolean {
  const value = node;
  if (value.type === AST_NODE_TYPES.Identifier || value.type === AST_NODE_TYPES.ThisExpression) return true;
  return value.type === AST_NODE_TYPES.MemberExpression && !value.computed && !value.optional && isReference(value.object);
}

/**
 * `this.bus` names a field the class declares (`bus;`, `private bus: Bus`, a constructor parameter
 * property), or is not a `this` member at all. Repeating an undeclared member would repeat its
 * type error in TypeScript.
 */
function declaredOnClass(emitter: TSESTree.Node): boolean {
  let root = emitter;
  while (root.type === AST_NODE_TYPES.MemberExpression && root.object.type !== AST_NODE_TYPES.ThisExpression) root = root.object;
  if (root.type !== AST_NODE_TYPES.MemberExpression || root.computed) return true;
  const name = ASTUtils.getPropertyName(root);
  for (let node: TSESTree.Node | undefined = root.parent; node; node = node.parent) {
    if (node.type !== AST_NODE_TYPES.ClassBody) continue;
    return node.body.some(
      (member) =>
        (member.type === AST_NODE_TYPES.PropertyDefinition && !member.computed && member.key.type === AST_NODE_TYPES.Identifier && member.key.name === name) ||
        (member.type === AST_NODE_TYPES.MethodDefinition &&
          member.kind === 'constructor' &&
          member.value.params.some(
            (param) => param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name,
          )),
    );
  }
  return false;
}

/** A variable never written after its declaration. */
function isConstant(variable: TSESLint.Scope.Variable): boolean {
  return variable.defs.length === 1 && variable.references.every((ref) => !ref.isWrite() || ref.init === true);
}

/** An event name that means the same thing when written again: a string, a constant, a template of constants. */
function isStableEvent(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string';
  if (node.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, node);
    return variable !== null && isConstant(variable);
  }
  if (node.type === AST_NODE_TYPES.TemplateLiteral) return node.expressions.every((expression) => isStableEvent(sourceCode, expression));
  return false;
}

/** Every identifier of `nodes` resolves to the same variable at `place` as where it is written. */
function sameBindingsAt(sourceCode: Readonly<TSESLint.SourceCode>, nodes: readonly TSESTree.Node[], place: TSESTree.Node): boolean {
  const scope = sourceCode.getScope(place);
  const check = (identifier: TSESTree.Identifier): boolean => variableOf(sourceCode, identifier) === ASTUtils.findVariable(scope, identifier.name);
  for (const node of nodes) {
    if (node.type === AST_NODE_TYPES.Identifier && !check(node)) return false;
    let ok = true;
    forEachDescendant(node, sourceCode.visitorKeys, (child) => {
      if (!ok || isFunctionNode(child)) return false;
      if (child.type === AST_NODE_TYPES.MemberExpression && !child.computed) {
        // only the object of `a.b` is a reference
        if (child.object.type === AST_NODE_TYPES.Identifier && !check(child.object)) ok = false;
        return false;
      }
      if (child.type === AST_NODE_TYPES.Identifier && !check(child)) ok = false;
      return undefined;
    });
    if (!ok) return false;
  }
  return true;
}

function indentUnit(sourceCode: Readonly<TSESLint.SourceCode>, statement: TSESTree.Node): string {
  return lineIndent(sourceCode, statement).startsWith('\t') ? '\t' : '  ';
}

const ASI_HAZARD = /^[([`+\-/]/;

/** How the listener is named in the removal: its own name, or one it is given (`const onTick = …`) just before. */
interface ListenerName {
  readonly name: string;
  readonly nodes: readonly TSESTree.Node[];
  readonly extract: ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | null;
}

function eventBaseName(event: TSESTree.Node): string {
  const text = event.type === AST_NODE_TYPES.Literal && typeof event.value === 'string' ? event.value : '';
  const words = text.split(/[^A-Za-z0-9]+/).filter((word) => word !== '');
  if (words.length === 0 || /^\d/.test(words[0] ?? '')) return 'onEvent';
  return `on${words.map((word) => (word[0] ?? '').toUpperCase() + word.slice(1)).join('')}`;
}

function listenerName(
  sourceCode: Readonly<TSESLint.SourceCode>,
  registration: Registration,
  statement: TSESTree.ExpressionStatement,
  semicolon: boolean,
  types: TypeInfo | null,
): ListenerName | null {
  const [event, listener] = registration.call.arguments;
  if (!event || !listener) return null;
  if (listener.type === AST_NODE_TYPES.Identifier) {
    const variable = variableOf(sourceCode, listener);
    if (!variable || !isConstant(variable) || variable.defs[0]?.type === DefinitionType.Parameter) return null;
    return { name: listener.name, nodes: [listener], extract: null };
  }
  if (listener.type !== AST_NODE_TYPES.ArrowFunctionExpression && listener.type !== AST_NODE_TYPES.FunctionExpression) return null;
  // Named with a `const` before the registration. A parameter without a type loses the type the
  // emitter gave it: with types, only when the emitter gives none (`any`).
  const untypedParams = listener.params.some((param) => !(param.type === AST_NODE_TYPES.Identifier && param.typeAnnotation));
  if (untypedParams && types && types.checker.typeToString(types.typeOf(registration.call.callee.object)) !== 'any') return null;
  if (!startsLine(sourceCode, statement) || (statement.parent.type !== AST_NODE_TYPES.BlockStatement && statement.parent.type !== AST_NODE_TYPES.Program))
    return null;
  const base = eventBaseName(event);
  const name = [base, `${base}Listener`, `${base}Handler`].find(
    (candidate) => !new RegExp(`(?<![\\w$])${candidate.replace(/\$/g, '\\$')}(?![\\w$])`).test(sourceCode.text),
  );
  if (!name) return null;
  const text = sourceCode.getText(listener);
  const indent = lineIndent(sourceCode, statement);
  return {
    name,
    nodes: [],
    extract: (fixer) => [fixer.insertTextBefore(statement, `const ${name} = ${text}${semicolon ? ';' : ''}\n${indent}`), fixer.replaceText(listener, name)],
  };
}

/** The block a removal goes into, at its start: a `finally`, or the body of a `close` / `end` / `finish` listener. */
interface Place {
  readonly block: TSESTree.BlockStatement | null;
  /** For an expression-bodied listener: its body, to wrap in a block. */
  readonly expressionBody: TSESTree.Expression | null;
  /** For a new `close` listener: the statement it goes after, and the object that closes. */
  readonly after: { readonly statement: TSESTree.ExpressionStatement; readonly closing: string } | null;
  /** For an async function that awaits after the registration: the rest of its body, to wrap in `try … finally`. */
  readonly wrap?: readonly TSESTree.Statement[];
  /** How the suggestion names the place. */
  readonly where: string;
}

/** Statements between the registration and its function must not repeat it (a loop) or outlive it (a nested function). */
function straightPath(statement: TSESTree.Node, fn: FunctionLike): boolean {
  for (let node = statement.parent; node && node !== fn.body; node = node.parent) {
    if (node.type !== AST_NODE_TYPES.BlockStatement && node.type !== AST_NODE_TYPES.IfStatement && node.type !== AST_NODE_TYPES.TryStatement) return false;
  }
  return true;
}

function findPlace(
  sourceCode: Readonly<TSESLint.SourceCode>,
  registration: Registration,
  statement: TSESTree.ExpressionStatement,
  fn: FunctionLike,
  emitterText: string,
  types: TypeInfo | null,
): Place | null {
  let found: Place | null = null;
  const body = fn.body;
  if (!body || body.type !== AST_NODE_TYPES.BlockStatement) return null;
  // A `finally` that runs after the registration: around it, or after it in the same block.
  for (let node: TSESTree.Node | undefined = statement; node && node !== body; node = node.parent) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (parent?.type === AST_NODE_TYPES.TryStatement && parent.block === node && parent.finalizer) {
      return { block: parent.finalizer, expressionBody: null, after: null, where: 'in the `finally`' };
    }
  }
  if (statement.parent.type === AST_NODE_TYPES.BlockStatement || statement.parent.type === AST_NODE_TYPES.Program) {
    const siblings = statement.parent.body as TSESTree.Node[];
    for (const sibling of siblings.slice(siblings.indexOf(statement) + 1)) {
      if (sibling.type === AST_NODE_TYPES.TryStatement && sibling.finalizer) {
        return { block: sibling.finalizer, expressionBody: null, after: null, where: 'in the `finally`' };
      }
    }
  }
  // A listener for the end of another object's work, registered in the same function.
  forEachDescendant(body, sourceCode.visitorKeys, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type !== AST_NODE_TYPES.ExpressionStatement || node === statement) return undefined;
    const call = node.expression;
    if (call.type !== AST_NODE_TYPES.CallExpression || call.callee.type !== AST_NODE_TYPES.MemberExpression || call.callee.computed) return false;
    const method = ASTUtils.getPropertyName(call.callee);
    const [event, listener] = call.arguments;
    if (!['on', 'once', 'addListener'].includes(method ?? '') || event?.type !== AST_NODE_TYPES.Literal || !END_EVENTS.has(String(event.value))) return false;
    if (!isReference(call.callee.object) || sourceCode.getText(call.callee.object) === emitterText) return false;
    if (listener?.type !== AST_NODE_TYPES.ArrowFunctionExpression && listener?.type !== AST_NODE_TYPES.FunctionExpression) return false;
    // `this` means another object inside a `function` listener.
    if (listener.type === AST_NODE_TYPES.FunctionExpression && emitterText.startsWith('this')) return false;
    const where = `when \`${sourceCode.getText(call.callee.object)}\` emits '${String(event.value)}'`;
    if (listener.body.type === AST_NODE_TYPES.BlockStatement) {
      found = { block: listener.body, expressionBody: null, after: null, where };
    } else if (skipTypeWrappers(listener.body).type === AST_NODE_TYPES.CallExpression && sourceCode.getTokenBefore(listener.body)?.value === '=>') {
      found = { block: null, expressionBody: listener.body, after: null, where };
    }
    return false;
  });
  if (found) return found;
  // No end in sight, but the function works for one request or connection: its `close`.
  if (statement.parent !== body) return null;
  for (const candidate of CLOSING_PARAMETERS) {
    const param = fn.params.find((p): p is TSESTree.Identifier => p.type === AST_NODE_TYPES.Identifier && p.name === candidate);
    if (!param) continue;
    const variable = variableOf(sourceCode, param);
    if (!variable || !isConstant(variable) || param.name === emitterText) continue;
    // A written type may not have `on`: only types can tell.
    if (param.typeAnnotation ? !types || !hasProperty(types, param, 'on') : !hasProperty(types, param, 'on')) continue;
    return { block: null, expressionBody: null, after: { statement, closing: param.name }, where: `when \`${param.name}\` closes` };
  }
  // An async function whose work goes on after the registration: it ends when the function settles.
  const rest = body.body.slice(body.body.indexOf(statement) + 1);
  if (!fn.async || rest.length === 0 || !rest.some((node) => awaits(sourceCode, node))) return null;
  if (rest.some((node) => node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.ClassDeclaration || node.type.startsWith('TS')))
    return null;
  return { block: null, expressionBody: null, after: null, wrap: rest, where: 'in a `finally` around the rest of the function' };
}

/** An `await` (or `for await`) in `node`, outside nested functions. */
function awaits(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): boolean {
  let found = node.type === AST_NODE_TYPES.ForOfStatement && node.await;
  forEachDescendant(node, sourceCode.visitorKeys, (child) => {
    if (found || isFunctionNode(child)) return false;
    if (child.type === AST_NODE_TYPES.AwaitExpression || (child.type === AST_NODE_TYPES.ForOfStatement && child.await)) found = true;
    return undefined;
  });
  return found;
}

/** The end of `node`'s last line, after any comment that follows it there; `null` when code follows it. */
function endOfLine(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): number | null {
  let end = node.range[1];
  for (const comment of sourceCode.getCommentsAfter(node)) {
    if (comment.loc.start.line !== node.loc.end.line) break;
    end = comment.range[1];
  }
  const next = sourceCode.getTokenAfter(node, { includeComments: true });
  if (next && next.loc.start.line === node.loc.end.line && next.range[0] >= end) return null;
  return end;
}

/**
 * Removes the listener where the work it belongs to ends, when the function shows that place: at
 * the start of a `finally`, or of a `close` / `end` / `finish` listener on another object; for a
 * handler of one request or connection, in a new `close` listener on its `res` / `socket`. An inline
 * listener is first given a name (`const onTick = …`) so that the removal can name it.
 */
export function removalFix(
  sourceCode: Readonly<TSESLint.SourceCode>,
  registration: Registration,
  types: TypeInfo | null,
): { fix: Fixes; removal: string; where: string } | null {
  const { call, method } = registration;
  const removal = REMOVAL[method];
  const statement = call.parent;
  const [event, listener] = call.arguments;
  if (!removal || !event || !listener || call.arguments.length !== 2 || statement.type !== AST_NODE_TYPES.ExpressionStatement) return null;
  const emitter = call.callee.object;
  if (call.callee.computed || call.callee.optional || !isReference(emitter) || !isStableEvent(sourceCode, event)) return null;
  if (sourceCode.getCommentsInside(call.callee).length > 0 || !hasProperty(types, emitter, removal)) return null;
  const fn = enclosingFunction(call);
  if (!fn || !straightPath(statement, fn)) return null;
  const emitterText = sourceCode.getText(emitter);
  if (!declaredOnClass(emitter)) return null;
  const place = findPlace(sourceCode, registration, statement, fn, emitterText, types);
  if (!place) return null;
  const semicolon = sourceCode.getLastToken(statement)?.value === ';';
  const named = listenerName(sourceCode, registration, statement, semicolon, types);
  if (!named) return null;
  const target = place.block ?? place.expressionBody ?? statement;
  // A name given just before the registration is seen only after it, in the same block.
  const scopeBlock = statement.parent;
  if (named.extract && !(target.range[0] >= statement.range[0] && target.range[1] <= scopeBlock.range[1])) return null;
  if (!sameBindingsAt(sourceCode, [emitter, event, ...named.nodes], target)) return null;
  const removalText = `${emitterText}.${removal}(${sourceCode.getText(event)}, ${named.name})`;
  const unit = indentUnit(sourceCode, statement);

  let insert: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix | null;
  if (place.block) {
    const block = place.block;
    const first = block.body[0];
    const open = sourceCode.getFirstToken(block);
    const close = sourceCode.getLastToken(block);
    if (!open || !close) return null;
    if (first) {
      if (!startsLine(sourceCode, first) || first.loc.start.line === open.loc.start.line) return null;
      const firstToken = sourceCode.getFirstToken(first);
      const semi = semicolon || (firstToken !== null && ASI_HAZARD.test(firstToken.value)) ? ';' : '';
      const indent = lineIndent(sourceCode, first);
      // Before the first statement's own leading comments, so that they stay with it.
      const leading = sourceCode.getCommentsBefore(first).filter((comment) => comment.range[0] > open.range[1]);
      const anchor = leading[0] ?? first;
      if (!startsLine(sourceCode, anchor)) return null;
      insert = (fixer) => fixer.insertTextBeforeRange(anchor.range, `${removalText}${semi}\n${indent}`);
    } else {
      if (sourceCode.getCommentsInside(block).length > 0) return null;
      const indent = lineIndent(sourceCode, open);
      insert = (fixer) => fixer.replaceTextRange([open.range[1], close.range[0]], `\n${indent}${unit}${removalText}${semicolon ? ';' : ''}\n${indent}`);
    }
  } else if (place.expressionBody) {
    const body = place.expressionBody;
    if (sourceCode.getCommentsInside(body).length > 0) return null;
    insert = (fixer) => fixer.replaceText(body, `{ ${removalText}; ${sourceCode.getText(body)}; }`);
  } else if (place.after) {
    const { closing } = place.after;
    const indent = lineIndent(sourceCode, statement);
    if (!startsLine(sourceCode, statement)) return null;
    const next = sourceCode.getTokenAfter(statement);
    const semi = semicolon || (next !== null && next.loc.start.line > statement.loc.end.line && ASI_HAZARD.test(next.value)) ? ';' : '';
    const end = endOfLine(sourceCode, statement);
    if (end === null) return null;
    insert = (fixer) => fixer.insertTextAfterRange([end, end], `\n${indent}${closing}.on('close', () => ${removalText})${semi}`);
  } else if (place.wrap) {
    const rest = place.wrap;
    const first = rest[0];
    const last = rest.at(-1);
    const close = sourceCode.getLastToken(fn.body);
    const start = endOfLine(sourceCode, statement);
    const end = last ? endOfLine(sourceCode, last) : null;
    if (!first || !last || !close || start === null || end === null || close.loc.start.line === last.loc.end.line) return null;
    // Every line moves one level in: text that spans lines (a template, a continued string) would change.
    if (multilineTokens(sourceCode).some((token) => token.range[0] >= start && token.range[1] <= end)) return null;
    if (sourceCode.getCommentsBefore(close).some((comment) => comment.range[0] > end)) return null;
    const indent = lineIndent(sourceCode, statement);
    const lines = sourceCode.text.slice(start, end).split('\n');
    // Blank lines between the registration and the rest would open the `try` block.
    while (lines.length > 2 && (lines[1] ?? '').trim() === '') lines.splice(1, 1);
    const moved = lines.map((line, index) => (index === 0 || line.trim() === '' ? line : `${unit}${line}`)).join('\n');
    insert = (fixer) =>
      fixer.replaceTextRange([start, end], `\n${indent}try {${moved}\n${indent}} finally {\n${indent}${unit}${removalText}${semicolon ? ';' : ''}\n${indent}}`);
  } else {
    return null;
  }
  return {
    removal: `${emitterText}.${removal}`,
    where: place.where,
    fix: (fixer) => {
      const fix = insert(fixer);
      return fix ? [...(named.extract?.(fixer) ?? []), fix] : [];
    },
  };
}
