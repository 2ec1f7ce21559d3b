import { ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { describeFunction, describeMember } from '../src/util/names.js';
import { isFunctionNode } from '../src/util/ast.js';
import { runProbeRule } from './support/lint.js';

/** How the function around each `probe()` call of `code` is named, one entry per probe. */
function names(code: string): string[] {
  const found: string[] = [];
  const rule = ESLintUtils.RuleCreator.withoutDocs({
    meta: { type: 'problem', schema: [], messages: { probe: '{{text}}' } },
    create(context) {
      return {
        'CallExpression[callee.name="probe"]'(node: TSESTree.CallExpression) {
          for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
            if (isFunctionNode(current)) {
              found.push(describeFunction(current, context.sourceCode));
              return;
            }
          }
          found.push('(module level)');
        },
      };
    },
  });
  expect(runProbeRule(code, rule)).toEqual([]);
  return found;
}

/** How each class member named `probed` in `code` is named. */
function memberNames(code: string): string[] {
  const found: string[] = [];
  const rule = ESLintUtils.RuleCreator.withoutDocs({
    meta: { type: 'problem', schema: [], messages: { probe: '{{text}}' } },
    create(context) {
      const record = (node: TSESTree.MethodDefinition | TSESTree.PropertyDefinition) => found.push(describeMember(node, context.sourceCode));
      return { 'MethodDefinition[key.name="probed"]': record, 'PropertyDefinition[key.name="probed"]': record };
    },
  });
  expect(runProbeRule(code, rule)).toEqual([]);
  return found;
}

describe('describeFunction', () => {
  it('names functions, methods and accessors by their own name', () => {
    expect(
      names(`function loadUser() { probe(); }
async function loadOrder() { probe(); }
const routes = { get() { probe(); }, async post() { probe(); }, list: () => probe() };
class Repo {
  find() { probe(); }
  static create() { probe(); }
  get size() { return probe(); }
  #evict() { probe(); }
  onClose = () => probe();
}
app.get('/x', function handleX() { probe(); });`),
    ).toEqual([
      "function 'loadUser'",
      "async function 'loadOrder'",
      "method 'get'",
      "async method 'post'",
      "method 'list'",
      "method 'find'",
      "static method 'create'",
      "getter 'size'",
      'private method #evict',
      "method 'onClose'",
      "function 'handleX'",
    ]);
  });

  it('names a constructor by its class', () => {
    expect(names(`class Connection { constructor() { probe(); } }\nconst Anonymous = class { constructor() { probe(); } };`)).toEqual([
      "the constructor of class 'Connection'",
      'the constructor',
    ]);
  });

  it('names an anonymous function passed to a call by the callee, and a listener by its event', () => {
    expect(
      names(`app.get('/users/:id', async (req, res) => { probe(); });
router.use((req, res, next) => probe());
queue.process(async (job) => { probe(); });
socket.on('data', (chunk) => probe());
process.once(\`SIGTERM\`, function () { probe(); });
bus.on(EVENTS.update, () => probe());
items.forEach((item) => probe());
new Promise((resolve) => probe());
app.get('/', wrap(async (req, res) => { probe(); }));
this.connections.get(tenant).subscriptions.on('message', () => probe());
(client as Emitter).on('error', (err) => probe());`),
    ).toEqual([
      'the handler passed to app.get',
      'the handler passed to router.use',
      'the handler passed to queue.process',
      "the callback passed to socket.on('data')",
      'the callback passed to process.once(`SIGTERM`)',
      'the callback passed to bus.on',
      'the callback passed to items.forEach',
      'the callback passed to new Promise',
      'the callback passed to wrap',
      "the callback passed to this.connections.get(tenant).subscrip...('message')",
      "the callback passed to (client as Emitter).on('error')",
    ]);
  });

  it('names an anonymous function by what it is assigned to, returned by or exported as', () => {
    expect(
      names(`const handler = (req, res) => { probe(); };
const load = async function () { probe(); };
let onMessage;
onMessage = (message) => probe();
exports.handler = async (event) => { probe(); };
module.exports.aVeryLongExportedHandlerNameForTesting = () => probe();
export function makeHandler() { return () => probe(); }
const middleware = (options) => (req, res, next) => probe();
const typed = ((req) => probe()) as Handler;`),
    ).toEqual([
      "the arrow function assigned to 'handler'",
      "the function assigned to 'load'",
      "the arrow function assigned to 'onMessage'",
      "the arrow function assigned to 'exports.handler'",
      "the arrow function assigned to 'module.exports.aVeryLongExp...'",
      "the arrow function returned by 'makeHandler'",
      "the arrow function returned by 'middleware'",
      "the arrow function assigned to 'typed'",
    ]);
  });

  it('falls back to a plain description', () => {
    expect(
      names(`export default () => { probe(); };
(() => { probe(); })();
const handlers = [() => probe()];
function f(callback = () => probe()) {}`),
    ).toEqual(['the default-exported arrow function', 'an anonymous arrow function', 'an anonymous arrow function', 'an anonymous arrow function']);
  });
});

describe('describeMember', () => {
  it('names a method by its function and a field by its initializer', () => {
    expect(memberNames(`class Cache { probed() {} }\nclass Store { probed = new Map(); }\nclass Handlers { probed = async () => {}; }`)).toEqual([
      "method 'probed'",
      "the initializer of field 'probed'",
      "async method 'probed'",
    ]);
  });
});
