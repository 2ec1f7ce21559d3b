// Runs every rule on inputs built to break analyses: thousands of nesting levels, a 50,000-line
// file, a 1 MB line, 20,000-deep member chains, 200,000-element arrays. The rules must finish
// without overflowing the stack or throwing, report what the inputs contain, and cost no more than
// a generous multiple of what ESLint itself spends on the same input.
//
// Both parsers (and ESLint's own scope analysis and traversal) recurse per nesting level and give
// up after a few thousand levels, before any rule runs. For each deep input the test therefore
// finds, by bisection, the deepest nesting the parser accepts and then the deepest ESLint lints
// with a rule that does nothing, and runs the plugin's rules at that depth: the plugin must
// handle any input ESLint can hand it.
import { Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import plugin from '../../src/index.js';
import { allRulesConfig, describeError, espreeSetup, isStackExhaustion, noopRuleId, rulesConfig, typescriptSetup, type ParserSetup } from '../support/fuzz.js';

const ruleIds = Object.keys(plugin.rules).map((name) => `steady-state/${name}`);

/** A rule may cost this many times what ESLint spends parsing and traversing with a no-op rule, plus a fixed allowance. */
const SLOWDOWN_FACTOR = 20;
const SLOWDOWN_ALLOWANCE_MS = 2_000;
/**
 * How many times a run that ESLint itself overflows is retried, each at a quarter less depth
 * (down to about a thirtieth): once the parser has overflowed, V8 may run it deoptimised, with
 * larger frames, so its limit can fall well below what the bisection found.
 */
const RETRIES = 12;
const RETRY_FACTOR = 0.75;

interface Input {
  readonly name: string;
  /** Builds the input with `depth` levels of nesting (fixed-size inputs ignore it). */
  readonly build: (depth: number) => string;
  /** The nesting asked for; the test lowers it to what the parser and ESLint accept. */
  readonly depth: number;
  /** Rules that must report on the input (a subset of what they report). */
  readonly reports: readonly string[];
}

const rule = (name: string): string => `steady-state/${name}`;
const times = (count: number, text: (index: number) => string): string => Array.from({ length: count }, (_, index) => text(index)).join('');

/** About fifty lines of service code with the shape of every rule in it; `index` keeps names apart. */
function serviceBlock(index: number): string {
  return `
const cache${index} = new Map();
const bus${index} = new EventEmitter();

export async function getUser${index}(req, res) {
  const hit = cache${index}.get(req.params.id);
  if (hit) return res.json(hit);
  const upstream = await fetch(\`\${USERS_URL}/users/\${req.params.id}\`);
  const user = await upstream.json();
  cache${index}.set(req.params.id, user);
  res.json(user);
}

export function subscribe${index}(socket) {
  bus${index}.on('update', (event) => socket.send(JSON.stringify(event)));
  setInterval(() => socket.ping(), 30_000);
}

export async function warm${index}(tenants) {
  for (const tenant of tenants) {
    setTimeout(() => refresh(tenant), 60_000);
  }
  await Promise.all(tenants.map((tenant) => refresh(tenant)));
}

export function withDeadline${index}(work, ms) {
  return Promise.race([work, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);
}

export async function transfer${index}(pool, from) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query('UPDATE accounts SET cents = cents - 1 WHERE id = $1', [from]);
  await client.query('COMMIT');
  client.release();
}

export const agent${index} = new https.Agent({ keepAlive: true });

export function listen${index}(app) {
  const server = http.createServer(app);
  server.requestTimeout = 0;
  process.on('SIGTERM', () => process.exit(0));
  return server.listen(8080);
}

export function track${index}(req, res, next) {
  requestsByPath.inc({ path: req.url });
  next();
}

export async function waitForDatabase${index}(pool) {
  for (;;) {
    try {
      await pool.query('SELECT 1');
      return;
    } catch (err) {
      console.warn('database not ready, retrying', err);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }
}
`;
}

const prelude = `import { EventEmitter } from 'node:events';\nimport http from 'node:http';\nimport https from 'node:https';\nimport client from 'prom-client';\nconst USERS_URL = process.env.USERS_URL;\nconst cache = new Map();\nconst bus = new EventEmitter();\nconst requestsByPath = new client.Counter({ name: 'requests', help: 'requests', labelNames: ['path'] });\n`;

const inputs: readonly Input[] = [
  {
    name: 'nested blocks',
    depth: 5_000,
    build: (depth) =>
      `${prelude}export async function handle(req) {\n  for (const item of req.body.items) {\n${'{'.repeat(depth)}\n    setTimeout(() => flush(item), 60_000);\n    await fetch(item.url);\n    cache.set(item.id, item);\n${'}'.repeat(depth)}\n  }\n}\n`,
    reports: [rule('no-timer-in-loop'), rule('require-fetch-timeout'), rule('no-unbounded-cache')],
  },
  {
    name: 'nested calls f(f(f(…)))',
    depth: 5_000,
    build: (depth) => `${prelude}export const load = (url) => ${'wrap('.repeat(depth)}fetch(url)${')'.repeat(depth)};\n`,
    reports: [rule('require-fetch-timeout')],
  },
  {
    name: 'nested ternaries (fetch in every branch, a ternary as a Map key)',
    depth: 5_000,
    build: (depth) =>
      `${prelude}export function pick(a, url, key) {\n  cache.set(${times(depth, (i) => `a === ${i} ? 'k${i}' : `)}key, a);\n  return ${times(depth, (i) => `a === ${i} ? fetch(url) : `)}null;\n}\n`,
    reports: [rule('require-fetch-timeout'), rule('no-unbounded-cache')],
  },
  {
    name: 'a 50,000-line file of service code',
    depth: 0,
    build: () => `${prelude}${times(1_000, serviceBlock)}`,
    reports: ruleIds,
  },
  {
    name: 'a file of one 1 MB line',
    depth: 0,
    build: () => {
      const head = `import { EventEmitter } from 'node:events';const c=new Map();`;
      const body = (i: number): string => `export async function h${i}(r){c.set(r.id,r);const u=await fetch(r.url);setInterval(()=>p(r),1e3);return u.json()}`;
      const count = Math.ceil((1024 * 1024 - head.length) / body(5000).length);
      return `${head}${times(count, body)}\n`;
    },
    reports: [rule('require-fetch-timeout'), rule('no-unbounded-cache'), rule('no-leaked-timer')],
  },
  {
    name: 'member chains a.b.b.… (emitter, Map key, fetch URL and init)',
    depth: 20_000,
    build: (depth) => {
      const chain = (root: string): string => `${root}${'.b'.repeat(depth)}`;
      return `${prelude}export function handle(req, opts) {\n  ${chain('bus')}.on('tick', () => req.done());\n  cache.set(${chain('req')}.id, req);\n  ${chain('req')}.cache.set(req.id, 1);\n  ${chain('req')}.cache.delete(req.id);\n  fetch(${chain('req')}.url);\n  return fetch(req.url, ${chain('opts')});\n}\n`;
    },
    reports: [rule('require-fetch-timeout'), rule('no-unbounded-cache')],
  },
  {
    name: 'method chains items.filter(…).filter(…).…map(…) under Promise.all',
    depth: 20_000,
    build: (depth) =>
      `${prelude}export async function all(req) {\n  await Promise.all(req.body.items${'.filter(Boolean)'.repeat(depth)}.map(async (item) => load(item)));\n}\n`,
    reports: [rule('no-unbounded-concurrency')],
  },
  {
    name: "a 20,000-term '+' chain as a fetch URL",
    depth: 20_000,
    build: (depth) => `${prelude}export const get = (id) => fetch('/users/'${' + id'.repeat(depth)});\n`,
    reports: [rule('require-fetch-timeout')],
  },
  {
    name: 'huge array literals (200,000 elements)',
    depth: 0,
    build: () =>
      `${prelude}const ids = [${times(200_000, (i) => `${i}, `)}];\nexport const loadAll = () => Promise.all(ids.map((id) => load(id)));\nexport const loadEach = () => Promise.all([${times(200_000, (i) => `load(${i}), `)}]);\n`,
    reports: [rule('no-unbounded-concurrency')],
  },
  {
    name: 'nested arrow functions with setTimeout, fetch and Map.set',
    depth: 5_000,
    build: (depth) =>
      `${prelude}export const f0 = ${times(depth, (i) => `(a${i}) => {\n  cache.set(a${i}.id, a${i});\n  setTimeout(() => g(a${i}), 10);\n  fetch(a${i}.url);\n  return `)}null${';\n}'.repeat(depth)};\n`,
    reports: [rule('require-fetch-timeout'), rule('no-unbounded-cache')],
  },
  {
    name: 'nested loops with setTimeout, fetch and Map.set',
    depth: 5_000,
    build: (depth) =>
      `${prelude}export async function processBatch(items) {\n${times(depth, (i) => `for (const a${i} of ${i === 0 ? 'items' : `a${i - 1}.children`}) {\n  setTimeout(() => p(a${i}), 60_000);\n  await fetch(a${i}.url);\n  cache.set(a${i}.id, a${i});\n`)}${'}\n'.repeat(depth)}}\n`,
    reports: [rule('no-timer-in-loop'), rule('require-fetch-timeout'), rule('no-unbounded-cache')],
  },
  {
    name: 'nested retry loops (while (true) { try … catch { while (true) …',
    depth: 5_000,
    build: (depth) =>
      `${prelude}export async function connect(client) {\n${times(depth, (i) => `while (true) {\n  try {\n    await client.connect(${i});\n    return;\n  } catch (e${i}) {\n    console.warn(e${i});\n`)}${'  }\n}\n'.repeat(depth)}}\n`,
    reports: [rule('require-retry-cap')],
  },
  {
    name: 'try/catch nested in catch blocks inside a retry loop',
    depth: 5_000,
    build: (depth) =>
      `${prelude}export async function connect(client) {\n  while (true) {\n${times(depth, (i) => `try {\n  await client.connect(${i});\n  return;\n} catch (e${i}) {\n`)}log.warn('giving up this round');\n${'}\n'.repeat(depth)}  }\n}\n`,
    reports: [rule('require-retry-cap')],
  },
  {
    name: 'nested Promise.race timeouts',
    depth: 5_000,
    build: (depth) =>
      `${prelude}export function bounded(work) {\n  return ${'Promise.race([work, '.repeat(depth)}new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))${'])'.repeat(depth)};\n}\n`,
    reports: [rule('no-leaked-timer')],
  },
  {
    name: 'nested listener registrations',
    depth: 5_000,
    build: (depth) =>
      `${prelude}export function attach(socket) {\n${times(depth, (i) => `bus.on('event${i}', (e${i}) => {\n  socket.send(e${i});\n`)}${'});\n'.repeat(depth)}}\n`,
    reports: [rule('no-listener-leak')],
  },
  // (tools/new-rule.js adds a new rule's nested input above this line)
];

const linter = new Linter({ configType: 'flat' });
const STACK_EXHAUSTION = /Maximum call stack|Not enough stack space/;

// Deep enough to show the plugin's frames under ESLint's in a crash report.
const stackTraceLimit = Error.stackTraceLimit;
beforeAll(() => {
  Error.stackTraceLimit = 40;
});
afterAll(() => {
  Error.stackTraceLimit = stackTraceLimit;
});

function filenameFor(parser: ParserSetup): string {
  return parser === espreeSetup ? 'file.js' : 'file.ts';
}

/** Whether the parser alone accepts the code; false when it runs out of stack, any other error is the input's fault. */
function parserAccepts(parser: ParserSetup, code: string): boolean {
  try {
    parser.parse(code, filenameFor(parser));
    return true;
  } catch (error) {
    if (isStackExhaustion(error)) return false;
    throw error;
  }
}

/** Lints with the no-op rule only: ESLint parses, analyses scopes and code paths and traverses every node. */
function floorLint(parser: ParserSetup, code: string): Linter.LintMessage[] {
  return linter.verify(code, rulesConfig(parser, [noopRuleId]), filenameFor(parser));
}

/** Whether ESLint itself (parser, scope analysis, traversal) gets through the code with the no-op rule. */
function eslintAccepts(parser: ParserSetup, code: string): boolean {
  try {
    const fatal = floorLint(parser, code).find((message) => message.fatal);
    if (!fatal) return true;
    if (STACK_EXHAUSTION.test(fatal.message)) return false;
    throw new Error(`the input does not parse: ${fatal.message}`);
  } catch (error) {
    if (isStackExhaustion(error)) return false;
    throw error;
  }
}

/**
 * The largest depth in [1, requested] that `accepts`, by bisection (accepting is monotone in depth),
 * to within `tolerance` of the depth found.
 */
function largestAccepted(requested: number, accepts: (depth: number) => boolean, tolerance = 0): number {
  if (accepts(requested)) return requested;
  if (!accepts(1)) throw new Error('rejected even at depth 1');
  let low = 1;
  let high = requested;
  while (high - low > Math.max(1, Math.floor(low * tolerance))) {
    const middle = Math.floor((low + high) / 2);
    if (accepts(middle)) low = middle;
    else high = middle;
  }
  return low;
}

/** One lint pass, no fixing, with ESLint's per-rule timing (read back with `linter.getTimes()`). */
function measured(parser: ParserSetup): Linter.FixOptions & { stats: boolean } {
  return { filename: filenameFor(parser), fix: false, stats: true };
}

/** The rule ESLint attributes an error to (it tags errors thrown from a rule's listeners), or null. */
function ruleOf(error: unknown): string | null {
  const ruleId = (error as { ruleId?: unknown } | null)?.ruleId;
  return typeof ruleId === 'string' ? ruleId : null;
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe.each(inputs)('$name', (input) => {
  it.each([espreeSetup, typescriptSetup])(
    'every rule finishes, reports, and stays within bounds of the no-op floor ($name)',
    (parser) => {
      // 1. The depth to lint at: exactly what the parser accepts, then (to within 1%) what ESLint
      // itself gets through with the no-op rule.
      let depth = input.depth;
      const limits: string[] = [];
      if (input.depth > 0) {
        const parserDepth = largestAccepted(input.depth, (candidate) => parserAccepts(parser, input.build(candidate)));
        if (parserDepth < input.depth) limits.push(`the parser overflows above ${parserDepth}`);
        depth = largestAccepted(parserDepth, (candidate) => eslintAccepts(parser, input.build(candidate)), 0.01);
        if (depth < parserDepth) limits.push(`ESLint itself overflows above ${depth}`);
      }

      // 2. Every rule at once, each rule's own time measured by ESLint. Near its limit, ESLint's own
      // recursion (parser, scope analysis, traversal) can still overflow: a few more frames on the
      // stack, or the parser's functions running in a less optimised tier (larger frames) than during
      // the bisection, move the limit from one run to the next. An overflow that ESLint does not
      // attribute to a rule (a thrown RangeError without a rule id, or a fatal parsing error) is not
      // the plugin's: it lowers the depth by a quarter and runs again, up to RETRIES times.
      let code = input.build(depth);
      let messages: Linter.LintMessage[] = [];
      let crash: unknown = null;
      let runMs = 0;
      for (let attempt = 0; ; attempt += 1) {
        crash = null;
        messages = [];
        runMs = timed(() => {
          try {
            messages = linter.verifyAndFix(code, allRulesConfig(parser), measured(parser)).messages;
          } catch (error) {
            crash = error;
          }
        }).ms;
        const eslintOwnOverflow =
          (isStackExhaustion(crash) && ruleOf(crash) === null) || messages.some((message) => message.fatal && STACK_EXHAUSTION.test(message.message));
        if (!eslintOwnOverflow || input.depth === 0 || attempt === RETRIES) break;
        depth = Math.floor(depth * RETRY_FACTOR);
        limits.push(`ESLint itself overflowed with every rule on, retried at ${depth}`);
        code = input.build(depth);
      }

      const ruleTimes = linter.getTimes().passes[0]?.rules ?? {};
      const perRule = ruleIds.map((id) => ({ id, ms: ruleTimes[id]?.total ?? 0 }));

      // 3. The floor: ESLint with a rule that does nothing (the better of two runs when it is quick).
      const first = timed(() => floorLint(parser, code)).ms;
      const floorMs = first < 1_000 ? Math.min(first, timed(() => floorLint(parser, code)).ms) : first;
      const reported = [...new Set(messages.flatMap((message) => (message.ruleId ? [message.ruleId] : [])))].sort();
      console.log(
        `${input.name} [${parser.name}]: ${input.depth > 0 ? `depth ${depth} of ${input.depth} requested${limits.length > 0 ? ` (${limits.join('; ')})` : ''}, ` : ''}` +
          `${code.length} chars, ${code.split('\n').length} lines; floor ${floorMs.toFixed(0)} ms, all rules ${runMs.toFixed(0)} ms ` +
          `(${perRule.map(({ id, ms }) => `${id.replace('steady-state/', '')} ${ms.toFixed(0)}`).join(', ')}); ${messages.length} findings`,
      );

      // A crash names every rule that throws on its own, with the stack (the plugin's frames marked).
      if (crash !== null) {
        const crashes = ruleIds.flatMap((id) => {
          try {
            linter.verify(code, rulesConfig(parser, [id]), filenameFor(parser));
            return [];
          } catch (error) {
            // ESLint's own overflow near its limit is not the rule's
            return isStackExhaustion(error) && ruleOf(error) === null ? [] : [`${id} at depth ${depth}: ${describeError(error)}`];
          }
        });
        expect(crashes.length > 0 ? crashes : [`all rules together: ${describeError(crash)}`]).toEqual([]);
      }
      expect(messages.filter((message) => message.fatal).map((message) => message.message)).toEqual([]);
      expect(reported).toEqual(expect.arrayContaining([...input.reports]));
      const limitMs = SLOWDOWN_FACTOR * floorMs + SLOWDOWN_ALLOWANCE_MS;
      expect(perRule.filter(({ ms }) => ms > limitMs).map(({ id, ms }) => `${id}: ${ms.toFixed(0)} ms > ${limitMs.toFixed(0)} ms`)).toEqual([]);
    },
    180_000,
  );
});
