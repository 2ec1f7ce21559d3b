import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

import { calleeName, isFunctionNode, staticKeyName } from './ast.js';
import { ASTUtils } from './eslint-utils.js';
import { truncate } from './text.js';

/**
 * How messages name a function, the way a reader of the code would point at it: by its name when
 * it has one (`function 'loadUser'`, `async method 'get'`), else by where it is written (`the
 * handler passed to app.get`, `the callback passed to socket.on('data')`, `the arrow function
 * assigned to 'handler'`).
 */

type FunctionNode = TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration;

/** Methods whose function argument is a request, middleware or job handler rather than a plain callback. */
const HANDLER_REGISTRATIONS: ReadonlySet<string> = new Set([
  'use',
  'all',
  'get',
  'post',
  'put',
  'patch',
  'delete',
  'del',
  'head',
  'options',
  'route',
  'handle',
  'process',
  'consume',
]);

/** Methods whose first argument names the event the function listens to. */
const LISTENER_REGISTRATIONS: ReadonlySet<string> = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'addEventListener']);

/** Longest source text of an event name or an assignment target that a description quotes. */
const MAX_QUOTED = 30;

/** Longest source text of a callee that a description quotes. */
const MAX_CALLEE = 40;

/** Source text on one line (`a\n  .b` reads `a.b`), cut to `max` characters. */
function shorten(text: string, max = MAX_QUOTED): string {
  const compact = text.replace(/\s*\n\s*/g, '').replace(/\s+/g, ' ');
  return truncate(compact, max);
}

/** `function`, `arrow function`: the kind of an anonymous function, without its modifiers. */
function plainKind(fn: FunctionNode): string {
  return fn.type === AST_NODE_TYPES.ArrowFunctionExpression ? 'arrow function' : 'function';
}

/** The function node itself, or the place it is written in once type wrappers are looked through (`(fn as T)`). */
function outerNode(fn: FunctionNode): TSESTree.Node {
  let node: TSESTree.Node = fn;
  while (
    node.parent &&
    (node.parent.type === AST_NODE_TYPES.TSAsExpression ||
      node.parent.type === AST_NODE_TYPES.TSSatisfiesExpression ||
      node.parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      node.parent.type === AST_NODE_TYPES.TSTypeAssertion)
  ) {
    node = node.parent;
  }
  return node;
}

/** `app.get`, `socket.on('data')`, `new Worker`: the call a function is passed to, as its source reads. */
function describeCall(call: TSESTree.CallExpression | TSESTree.NewExpression, argument: TSESTree.Node, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const callee = shorten(sourceCode.getText(call.callee), MAX_CALLEE);
  const method = calleeName(call);
  const noun = call.type === AST_NODE_TYPES.CallExpression && method !== null && HANDLER_REGISTRATIONS.has(method) ? 'handler' : 'callback';
  const event = call.arguments[0];
  const eventText =
    method !== null &&
    LISTENER_REGISTRATIONS.has(method) &&
    event !== undefined &&
    event !== argument &&
    ((event.type === AST_NODE_TYPES.Literal && typeof event.value === 'string') ||
      (event.type === AST_NODE_TYPES.TemplateLiteral && event.expressions.length === 0))
      ? `(${shorten(sourceCode.getText(event))})`
      : '';
  return `the ${noun} passed to ${call.type === AST_NODE_TYPES.NewExpression ? 'new ' : ''}${callee}${eventText}`;
}

/** The name of the function a `return` or an arrow's expression body belongs to, if it has one. */
function ownerName(node: TSESTree.Node): string | null {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    if (current.id) return current.id.name;
    const parent = current.parent;
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
    if (
      (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) &&
      parent.value === current
    ) {
      return staticKeyName(parent);
    }
    return null;
  }
  return null;
}

/**
 * Names a function for a message. Functions with a name of their own, methods and accessors are
 * named as eslint-utils' `getFunctionNameWithKind` names them (`async function 'loadUser'`,
 * `method 'get'`, `getter 'size'`); a constructor by its class; an anonymous function by where it
 * is: passed to a call, assigned, returned, exported.
 */
export function describeFunction(fn: FunctionNode, sourceCode: Readonly<TSESLint.SourceCode>): string {
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.MethodDefinition && parent.kind === 'constructor') {
    const className = parent.parent.parent.id?.name;
    return className ? `the constructor of class '${className}'` : 'the constructor';
  }
  const isMember =
    (parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.MethodDefinition || parent.type === AST_NODE_TYPES.PropertyDefinition) &&
    parent.value === fn;
  if (isMember || fn.id) return ASTUtils.getFunctionNameWithKind(fn, sourceCode);

  const outer = outerNode(fn);
  const place = outer.parent;
  if (!place) return `an anonymous ${plainKind(fn)}`;
  switch (place.type) {
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      if (place.callee !== outer) return describeCall(place, outer, sourceCode);
      break;
    case AST_NODE_TYPES.VariableDeclarator:
      if (place.init === outer && place.id.type === AST_NODE_TYPES.Identifier) return `the ${plainKind(fn)} assigned to '${place.id.name}'`;
      break;
    case AST_NODE_TYPES.AssignmentExpression:
      if (place.right === outer) return `the ${plainKind(fn)} assigned to '${shorten(sourceCode.getText(place.left))}'`;
      break;
    case AST_NODE_TYPES.ExportDefaultDeclaration:
      return `the default-exported ${plainKind(fn)}`;
    case AST_NODE_TYPES.ReturnStatement:
    case AST_NODE_TYPES.ArrowFunctionExpression: {
      if (place.type === AST_NODE_TYPES.ArrowFunctionExpression && place.body !== outer) break;
      const owner = ownerName(outer);
      if (owner) return `the ${plainKind(fn)} returned by '${owner}'`;
      break;
    }
    default:
      break;
  }
  return `an anonymous ${plainKind(fn)}`;
}

/** Names a class member for a message: its function when it has one, else `field 'name'` for a field initializer. */
export function describeMember(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition, sourceCode: Readonly<TSESLint.SourceCode>): string {
  if (member.value && isFunctionNode(member.value)) return describeFunction(member.value, sourceCode);
  const key = staticKeyName(member);
  return key === null ? 'a field initializer' : `the initializer of field '${key}'`;
}
