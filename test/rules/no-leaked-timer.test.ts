import rule, { type MessageIds, type Options } from '../../rules/no-leaked-timer.js';
import { at } from '../support/location.js';
import { runRuleTests, type InvalidCase, type ValidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;
type Error = Case['errors'][number];

/** A report on the callee `callee` (e.g. `setTimeout`) at its `occurrence`-th `callee(`. */
function at_(code: string, callee: string, occurrence = 1): Pick<Error, 'line' | 'column' | 'endLine' | 'endColumn'> {
  const location = at(code, `${callee}(`, occurrence);
  return { ...location, endColumn: location.column + callee.length };
}

/** One case, one report of `messageId` at the first `callee(` of the code. */
function reportAt(code: string, messageId: MessageIds, callee: string, data?: Record<string, string>, extra: Partial<Case> = {}): Case {
  return { code, errors: [{ messageId, ...(data ? { data } : {}), ...at_(code, callee) }], ...extra };
}

const race = (code: string, callee = 'setTimeout', extra: Partial<Case> = {}): Case => ({
  code,
  errors: [{ messageId: 'raceTimerNotCleared', ...at_(code, callee) }],
  ...extra,
});

/** Strict mode: code the file does not show to run once or to repeat is assumed to run per call. */
const assumeRepeats: Partial<Case> = { options: [{ assumeRepeats: true }] };

/** A race whose timer the file does not show to repeat, reported under `assumeRepeats`. */
const assumedRace = (code: string, callee = 'setTimeout'): Case => ({
  code,
  errors: [{ messageId: 'raceTimerNotClearedAssumed', ...at_(code, callee) }],
  ...assumeRepeats,
});

const invalidCases: Case[] = [
  // A route handler racing an upstream call against a timer it never clears.
  race(`app.get('/quote', async (req, res) => {
  const quote = await Promise.race([
    pricing.quote(req.query.sku),
    new Promise((_, reject) => setTimeout(() => reject(new Error('quote timed out')), 2000)),
  ]);
  res.json(quote);
});`),
  // One hop through the file's call graph: a deadline helper used by a queue consumer.
  race(`function withDeadline(work) {
  return Promise.race([work, new Promise((_, reject) => setTimeout(() => reject(new Error('deadline')), 30_000))]);
}
await channel.consume('orders', async (msg) => {
  await withDeadline(handle(msg));
  channel.ack(msg);
});`),
  // A worker loop racing each job against timers/promises' setTimeout, never aborted.
  race(
    `import { setTimeout as sleep } from 'node:timers/promises';
async function main() {
  while (true) {
    const job = await queue.next();
    await Promise.race([job.run(), sleep(60_000).then(() => job.fail('timeout'))]);
  }
}
main();`,
    'sleep',
  ),
  // An interval per request, and per connection in the constructor of a per-connection class.
  reportAt(
    `app.get('/events', (req, res) => {\n  setInterval(() => res.write(': ping\\n\\n'), 15_000).unref();\n});`,
    'intervalDiscarded',
    'setInterval',
    { fn: 'arrow function' },
  ),
  reportAt(
    `class Connection {
  constructor(socket) {
    setInterval(() => socket.ping(), 30_000);
  }
}
server.on('connection', (socket) => new Connection(socket));`,
    'intervalDiscarded',
    'setInterval',
    { fn: 'constructor' },
  ),
  // A class-based client whose keep-alive interval survives close().
  reportAt(
    `export class Client {
  constructor(socket) {
    this.socket = socket;
    this.keepAlive = setInterval(() => this.socket.ping(), 30_000);
  }
  close() {
    this.socket.end();
  }
}`,
    'intervalNotClearedOnClose',
    'setInterval',
    { target: 'this.keepAlive', method: 'close' },
  ),
  reportAt(
    `export class Metrics {
  private readonly flushTimer: NodeJS.Timeout;
  constructor() {
    this.flushTimer = setInterval(() => this.flush(), 1000);
  }
  flush(): void {}
  async shutdown(): Promise<void> {
    this.flush();
  }
}`,
    'intervalNotClearedOnClose',
    'setInterval',
    { target: 'this.flushTimer', method: 'shutdown' }, { ts: true },
  ),
  reportAt(
    `export class Cache {\n  sweeper = setInterval(() => this.sweep(), 60_000);\n  sweep() {}\n  destroy() {\n    this.entries = null;\n  }\n}`,
    'intervalNotClearedOnClose',
    'setInterval',
    { target: 'this.sweeper', method: 'destroy' },
  ),

  // Strict: no evidence either way in the file; assumed to run per call.
  // A request-scoped timeout helper that never clears its timer.
  assumedRace(`export function withTimeout(work, ms) {
  return Promise.race([
    work,
    new Promise((_, reject) => {
      setTimeout(() => reject(new Error(\`timed out after \${ms} ms\`)), ms);
    }),
  ]);
}`),
  // The same inline in a message handler, with an arrow-bodied executor.
  assumedRace(`export async function handle(message) {
  await Promise.race([process(message), new Promise((_, reject) => setTimeout(() => reject(new Error('deadline')), 30_000))]);
}`),
  // A timeout promise built by a helper and raced elsewhere in the file.
  assumedRace(`function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new TimeoutError()), ms));
}
export const fetchWithDeadline = (url) => Promise.race([fetch(url, { signal: AbortSignal.timeout(5000) }), timeout(5000)]);`),
  // Through a variable and a .then() chain; the handle kept but never cleared.
  assumedRace(`export async function call(work) {
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(resolve, 10_000);
  }).then(() => {
    throw new Error('deadline');
  });
  return Promise.race([work(), deadline]);
}`),
  // timers/promises without a signal.
  assumedRace(
    `import { setTimeout as sleep } from 'node:timers/promises';\nexport const bounded = (work) => Promise.race([work, sleep(5000).then(() => { throw new Error('timeout'); })]);`,
    'sleep',
  ),
  // A health-check poller per tenant that can never be stopped.
  reportAt(
    `export function watchTenant(tenant) {\n  setInterval(() => void check(tenant.id), 10_000);\n}`,
    'intervalDiscardedAssumed',
    'setInterval',
    { fn: "function 'watchTenant'" },
    assumeRepeats,
  ),
];

const valid: (string | ValidCase<Options>)[] = [
  // Cleared in finally, or after the race.
  `export async function withTimeout(work, ms) {\n  let timer;\n  try {\n    return await Promise.race([\n      work,\n      new Promise((_, reject) => {\n        timer = setTimeout(() => reject(new Error('timeout')), ms);\n      }),\n    ]);\n  } finally {\n    clearTimeout(timer);\n  }\n}`,
  `export async function call(work) {\n  let handle;\n  const timeout = new Promise((resolve) => (handle = setTimeout(resolve, 1000)));\n  const result = await Promise.race([work, timeout]);\n  clearTimeout(handle);\n  return result;\n}`,
  // AbortSignal.timeout instead of a race.
  `export const get = (url) => fetch(url, { signal: AbortSignal.timeout(5000) });`,
  // timers/promises with a signal aborted after the race.
  `import { setTimeout as sleep } from 'node:timers/promises';\nexport async function bounded(work) {\n  const ac = new AbortController();\n  try {\n    return await Promise.race([work, sleep(5000, undefined, { signal: ac.signal })]);\n  } finally {\n    ac.abort();\n  }\n}`,
  // A sleep that is not raced.
  `export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));`,
  // Module-level and start-up intervals.
  `setInterval(() => metrics.flush(), 10_000).unref();`,
  `export function start() {\n  setInterval(() => sweep(), 60_000);\n}`,
  `function init() {\n  setInterval(() => sweep(), 60_000);\n}\ninit();`,
  // Intervals stored and cleared in the owner's stop method.
  `let timer;\nexport function startPolling() {\n  timer = setInterval(poll, 1000);\n}\nexport function stopPolling() {\n  clearInterval(timer);\n}`,
  `export class Client {\n  constructor(socket) {\n    this.keepAlive = setInterval(() => socket.ping(), 30_000);\n  }\n  close() {\n    clearInterval(this.keepAlive);\n  }\n}`,
  `app.get('/events', (req, res) => {\n  const ping = setInterval(() => res.write(': ping\\n\\n'), 15_000);\n  req.on('close', () => clearInterval(ping));\n});`,
  // A class holding an interval without a close-like method: nothing to check it against.
  `export class Ticker {\n  constructor() {\n    this.timer = setInterval(() => this.tick(), 1000);\n  }\n}`,
  // One-shot timers whose handle is dropped, outside races and loops: firing once is fine.
  `export function remind(user) {\n  setTimeout(() => notify(user), 60_000);\n}`,
  // Not the real timers.
  `export function f(setInterval) {\n  setInterval(() => 1, 10);\n}`,
  {
    code: `export class Cache {\n  private readonly sweeper = setInterval(() => this.sweep(), 60_000);\n  sweep(): void {}\n  close(): void {\n    clearInterval(this.sweeper);\n  }\n}`,
    ts: true,
  },

  // Code the file does not show to repeat (an exported helper) is not reported unless the rule is
  // told to assume it repeats.
  `export function withTimeout(work, ms) {\n  return Promise.race([work, new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);\n}`,
  `export function watchTenant(tenant) {\n  setInterval(() => void check(tenant.id), 10_000);\n}`,
  // Code that runs once, even when unknown code is assumed to repeat: a shutdown path that races
  // a flush against a deadline and exits; a daemonise step; start-up functions by name.
  {
    code: `export async function gracefulExit(server) {\n  server.close();\n  await Promise.race([flushLogs(), new Promise((resolve) => setTimeout(resolve, 5000))]);\n  process.exit(0);\n}`,
    options: [{ assumeRepeats: true }],
  },
  {
    code: `process.on('SIGTERM', async () => {\n  await Promise.race([queue.drain(), new Promise((resolve) => setTimeout(resolve, 10_000))]);\n  process.exit(0);\n});`,
    options: [{ assumeRepeats: true }],
  },
  {
    code: `export async function daemonize(script) {\n  const child = spawn(process.execPath, [script], { detached: true, stdio: 'ignore' });\n  child.unref();\n  await Promise.race([once(child, 'spawn'), new Promise((_, reject) => setTimeout(() => reject(new Error('no start')), 5000))]);\n  process.exit(0);\n}`,
    options: [{ assumeRepeats: true }],
  },
  {
    code: `const God = {};\nGod.Worker = {};\nGod.Worker.start = function () {\n  setInterval(() => God.collectMetrics(), 1000);\n  setInterval(() => checkVersion(), 24 * 60 * 60_000);\n};`,
    options: [{ assumeRepeats: true }],
  },
  // A loop that waits for the end of something is not a loop that runs for as long as the process.
  {
    code: `import { setTimeout as sleep } from 'node:timers/promises';\nexport class Pool {\n  async terminateWorker(worker) {\n    const terminated = worker.terminate();\n    while (!worker.exited) await Promise.race([terminated, sleep(100)]);\n  }\n}`,
    options: [{ assumeRepeats: true }],
  },
  // Handles kept elsewhere: a per-item slot checked first, a set of handles cleared in close().
  {
    code: `app.post('/watch/:id', (req, res) => {\n  const watcher = watchers.get(req.params.id);\n  if (!watcher.timer) watcher.timer = setInterval(() => poll(watcher), 1000);\n  res.end();\n});`,
    options: [{ assumeRepeats: true }],
  },
  {
    code: `export class Scheduler {\n  timers = new Set();\n  every(ms, task) {\n    this.timers.add(setInterval(task, ms));\n  }\n  close() {\n    for (const timer of this.timers) clearInterval(timer);\n    this.timers.clear();\n  }\n}`,
    options: [{ assumeRepeats: true }],
  },
  // A close-like method that ends something else (one connection), or a disconnect() that connect() undoes.
  `export class Protocol {\n  constructor() {\n    this.clock = setInterval(() => (this.now = Date.now()), 1000);\n  }\n  disconnect(connectionId) {\n    this.connections.get(connectionId)?.close();\n  }\n}`,
  `export class Transport {\n  constructor() {\n    this.heartbeat = setInterval(() => this.ping(), 5000);\n  }\n  connect(url) {\n    this.ws = new WebSocket(url);\n  }\n  disconnect() {\n    this.ws?.close();\n  }\n}`,
];

runRuleTests('no-leaked-timer', rule, {
  valid: valid.map((test) => (typeof test === 'string' ? { code: test } : test)),
  invalid: invalidCases,
});
