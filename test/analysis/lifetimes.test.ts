import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { enclosingFunction, valueEscapes, type FunctionNode } from '../../src/analysis/lifetimes.js';
import { repetitionWithin, siteRepetition, type Repetition } from '../../src/analysis/repetition.js';
import { runProbeRule } from '../support/lint.js';

function show(repetition: Repetition): string {
  return repetition.kind === 'repeats' ? `repeats (${repetition.evidence})` : repetition.kind;
}

/**
 * Runs the repetition analysis at every `probe()` call of a snippet and returns one line per probe:
 * how often the site runs over the life of the process, and, when a binding named `owned` is
 * declared in a function, how often it runs while that binding lives.
 */
function probe(code: string): string[] {
  const lines: string[] = [];
  const rule = ESLintUtils.RuleCreator.withoutDocs({
    meta: { type: 'problem', schema: [], messages: { probe: '{{text}}' } },
    create(context) {
      let owner: FunctionNode | null = null;
      const probes: TSESTree.CallExpression[] = [];
      return {
        'VariableDeclarator[id.name="owned"]'(node: TSESTree.VariableDeclarator) {
          owner = enclosingFunction(node);
        },
        'CallExpression[callee.name="probe"]'(node: TSESTree.CallExpression) {
          probes.push(node);
        },
        'Program:exit'() {
          for (const node of probes) {
            const process = show(siteRepetition(context.sourceCode, node));
            const within = owner ? `, within the owner: ${show(repetitionWithin(context.sourceCode, node, owner))}` : '';
            lines.push(`line ${node.loc.start.line}: ${process}${within}`);
          }
        },
      };
    },
  });
  expect(runProbeRule(code, rule)).toEqual([]);
  return lines;
}

describe('siteRepetition: what the file shows runs once', () => {
  it('module level, IIFEs, functions only module level calls, and synchronous callbacks in them', () => {
    expect(
      probe(`probe();
(() => { probe(); })();
function wire() { probe(); [1, 2].forEach(() => probe()); }
wire();
new Promise(() => probe());`),
    ).toEqual(['line 1: once', 'line 2: once', 'line 3: once', 'line 3: once', 'line 5: once']);
  });

  it('entry, start-up and shutdown functions by name, what only they call, and functions that exit the process', () => {
    expect(
      probe(`export default function cli() { probe(); }
export async function startWorkers() { helper(); }
function helper() { probe(); }
const Server = {};
Server.setupHttpListeners = async () => { probe(); };
export function finish() { probe(); process.exit(0); }
process.on('SIGTERM', () => probe());`),
    ).toEqual(['line 1: once', 'line 3: once', 'line 5: once', 'line 6: once', 'line 7: once']);
  });

  it('constructors of classes made once, and the callbacks in them', () => {
    expect(
      probe(`class Indexer {
  constructor() { ['post', 'page'].forEach(() => probe()); }
}
export const indexer = new Indexer();
@Injectable()
export class Users { constructor() { probe(); } }`),
    ).toEqual(['line 2: once', 'line 6: once']);
  });

  it('a factory reached only through a memoising accessor', () => {
    expect(
      probe(`function createMetrics() { probe(); return {}; }
const cache = {};
const getMetrics = () => (cache.metrics ??= createMetrics());
app.get('/', (req, res) => getMetrics());`),
    ).toEqual(['line 1: once']);
  });
});

describe('siteRepetition: what the file shows repeats', () => {
  it('route, server, listener, consumer and interval callbacks', () => {
    expect(
      probe(`app.get('/x', () => probe());
router.use((ctx) => probe());
http.createServer(() => probe());
socket.on('data', () => probe());
wss.on('connection', () => probe());
new Worker('mail', async () => probe());
channel.consume('q', () => probe());
consumer.run({ eachMessage: async () => probe() });
fastify.route({ method: 'GET', url: '/x', handler: () => probe() });
setInterval(() => probe(), 1000);`),
    ).toEqual([
      'line 1: repeats (route)',
      'line 2: repeats (route)',
      'line 3: repeats (server)',
      'line 4: repeats (listener)',
      'line 5: repeats (listener)',
      'line 6: repeats (consumer)',
      'line 7: repeats (consumer)',
      'line 8: repeats (consumer)',
      'line 9: repeats (route)',
      'line 10: repeats (interval)',
    ]);
  });

  it('handlers by signature and by export, and GraphQL resolvers', () => {
    expect(
      probe(`export default function handler(req, res) { probe(); }
export async function GET(request) { probe(); }
const resolvers = { Query: { user() { probe(); } } };`),
    ).toEqual(['line 1: repeats (route)', 'line 2: repeats (route)', 'line 3: repeats (resolver)']);
  });

  it('loops that run as long as the process, recursion, and one hop through the call graph', () => {
    expect(
      probe(`async function main() { while (true) { probe(); } }
main();
function poll() { probe(); setTimeout(poll, 1000); }
poll();
function helper() { probe(); }
app.post('/x', () => helper());`),
    ).toEqual(['line 1: repeats (loop)', 'line 3: repeats (recursion)', 'line 5: repeats (route)']);
  });

  it('the methods of a class made per request', () => {
    expect(
      probe(`class Session {
  constructor() { probe(); }
  send() { probe(); }
}
wss.on('connection', () => new Session());`),
    ).toEqual(['line 2: repeats (per-item-class)', 'line 3: repeats (per-item-class)']);
  });

  it('a one-shot lifecycle event or a bounded loop runs as often as the code around it', () => {
    expect(
      probe(`server.on('listening', () => probe());
for (const x of items) probe();
app.get('/x', () => { for (const x of items) probe(); });`),
    ).toEqual(['line 1: once', 'line 2: once', 'line 3: repeats (route)']);
  });
});

describe('siteRepetition: no evidence either way', () => {
  it('exported helpers and public methods are unknown', () => {
    expect(
      probe(`export function helper() { probe(); }
class Client { get() { probe(); } }
export const client = new Client();
module.exports.send = function () { probe(); };`),
    ).toEqual(['line 1: unknown', 'line 2: unknown', 'line 4: unknown']);
  });
});

describe('repetitionWithin (a binding owned by a function)', () => {
  it('repeats only in nested functions that outlive the call and repeat', () => {
    expect(
      probe(`export function rateLimiter() {
  const owned = new Map();
  probe();
  [1].forEach(() => probe());
  return (req, res, next) => probe();
}`),
    ).toEqual([
      'line 3: unknown, within the owner: once',
      'line 4: unknown, within the owner: once',
      'line 5: repeats (route), within the owner: repeats (route)',
    ]);
  });

  it('a listener on an object of the same call, or a product dropped after one use, does not outlive it', () => {
    expect(
      probe(`app.post('/x', (req, res) => {
  const owned = [];
  req.on('data', () => probe());
});`),
    ).toEqual(['line 3: repeats (listener), within the owner: once']);
    expect(
      probe(`function makeMatcher() {
  const owned = new Set();
  return (item) => probe();
}
app.get('/x', (req, res) => req.body.items.filter(makeMatcher()));`),
    ).toEqual(['line 3: repeats (route), within the owner: once']);
  });
});

describe('valueEscapes', () => {
  function escapes(code: string): boolean[] {
    const results: boolean[] = [];
    const rule = ESLintUtils.RuleCreator.withoutDocs({
      meta: { type: 'problem', schema: [], messages: { x: 'x' } },
      create: () => ({
        'Identifier[name="value"]'(node: TSESTree.Identifier) {
          const parent = node.parent;
          if (parent.type === AST_NODE_TYPES.VariableDeclarator) return;
          // Only the references to the value: not the key of `{ value }` nor the exported name of `export { value }`.
          if (parent.type === AST_NODE_TYPES.Property && parent.key === node) return;
          if (parent.type === AST_NODE_TYPES.ExportSpecifier && parent.exported === node && parent.local !== node) return;
          results.push(valueEscapes(node));
        },
      }),
    });
    expect(runProbeRule(code, rule)).toEqual([]);
    return results;
  }

  it('members, iteration, size checks and read-only helpers keep the value here', () => {
    expect(
      escapes(`const value = new Map();
value.get(1); value.set(1, 2); if (value.size > 3) {}
for (const entry of value) {}
JSON.stringify([...value]); console.log(value); Object.keys(value);`),
    ).toEqual([false, false, false, false, false, false, false]);
  });

  it('returning, passing, storing and exporting it hand it on', () => {
    expect(
      escapes(`const value = new Map();
export function a() { return value; }
register(value);
const other = { value };
holder.map = value;
export { value };`),
    ).toEqual([true, true, true, true, true]);
  });
});
