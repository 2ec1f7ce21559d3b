import { RuleTester } from '@typescript-eslint/rule-tester';
import * as espree from 'espree';

import rule, { type MessageIds, type Options } from '../../rules/no-leaked-timer.js';
import { at } from '../support/location.js';
import { SteadyStateRuleTester, type InvalidCase } from '../support/rule-tests.js';

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
  errors: [{ messageId: 'raceTimerNotCleared', ...at_(code, callee), suggestions: [] }],
  ...extra,
});

/** Strict mode: code the file does not show to run once or to repeat is assumed to run per call. */
const assumeRepeats: Partial<Case> = { options: [{ assumeRepeats: true }] };

/** A race whose timer the file does not show to repeat, reported under `assumeRepeats`. */
const assumedRace = (code: string, callee = 'setTimeout'): Case => ({
  code,
  errors: [{ messageId: 'raceTimerNotClearedAssumed', ...at_(code, callee), suggestions: [] }],
  ...assumeRepeats,
});

/** An interval report with the one suggestion it offers. */
const interval = (
  code: string,
  messageId: MessageIds,
  data: Record<string, string>,
  suggestion: { messageId: MessageIds; data?: Record<string, string>; output: string } | null,
  extra: Partial<Case> = {},
): Case => ({
  code,
  errors: [{ messageId, data, ...at_(code, 'setInterval'), suggestions: suggestion ? [suggestion] : [] }],
  output: null,
  ...extra,
});

/** A manual deadline report, with the try/finally suggestion when `output` is given. */
const deadline = (code: string, output: string | null, extra: Partial<Case> = {}, messageId: MessageIds = 'deadlineNotCleared'): Case => ({
  code,
  errors: [{ messageId, ...at_(code, 'setTimeout'), suggestions: output === null ? [] : [{ messageId: 'suggestClearDeadline', output }] }],
  output: null,
  ...extra,
});

/** The handle's declaration the race fix adds in TypeScript: a `let` assigned in a callback needs a type. */
const tsTimer = 'let timer: ReturnType<typeof setTimeout> | undefined';

/**
 * The race fix in JavaScript files: the same rewrite with an untyped `let`. (The cases above run
 * as `file.ts`, where the handle gets a declared type.)
 */
const javascriptOutputCases: Case[] = [
  race(
    `app.get('/quote', async (req, res) => {
  const quote = await Promise.race([
    pricing.quote(req.query.sku),
    new Promise((_, reject) => setTimeout(() => reject(new Error('quote timed out')), 2000)),
  ]);
  res.json(quote);
});`,
    'setTimeout',
    {
      output: `app.get('/quote', async (req, res) => {
  let timer;
  const quote = await Promise.race([
    pricing.quote(req.query.sku),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('quote timed out')), 2000))),
  ]).finally(() => clearTimeout(timer));
  res.json(quote);
});`,
    },
  ),
  {
    ...assumedRace(`export function withTimeout(work, ms) {
  return Promise.race([
    work,
    new Promise((_, reject) => {
      setTimeout(() => reject(new Error(\`timed out after \${ms} ms\`)), ms);
    }),
  ]);
}`),
    output: `export function withTimeout(work, ms) {
  let timer;
  return Promise.race([
    work,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(\`timed out after \${ms} ms\`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}`,
  },
  // A class-based client whose keep-alive interval survives close().
  interval(
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
    { target: 'this.keepAlive', method: 'close' },
    {
      messageId: 'suggestClearInClose',
      data: { target: 'this.keepAlive', method: 'close' },
      output: `export class Client {
  constructor(socket) {
    this.socket = socket;
    this.keepAlive = setInterval(() => this.socket.ping(), 30_000);
  }
  close() {
    clearInterval(this.keepAlive);
    this.socket.end();
  }
}`,
    },
  ),
  // A name already in use: the handle gets the next one.
  {
    ...assumedRace(`export async function handle(message, timer) {
  await Promise.race([process(message, timer), new Promise((resolve) => setTimeout(resolve, 30_000))])
}`),
    output: `export async function handle(message, timer) {
  let raceTimer
  await Promise.race([process(message, timer), new Promise((resolve) => (raceTimer = setTimeout(resolve, 30_000)))]).finally(() => clearTimeout(raceTimer))
}`,
  },
];

new SteadyStateRuleTester().run('no-leaked-timer', rule, {
  valid: [
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
    // A Promise that is not the global one (a cancellable promise of the app, which may clear its
    // timers itself) does not make a timer in its executor a raced timeout.
    `import { Promise } from './cancellable.js';\napp.get('/quote', async (req, res) => {\n  res.json(await globalThis.Promise.race([quote(req), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]));\n});`,
    // Slots armed again, each the correct version of a case above.
    // The timer the slot holds is cleared first, or the slot is tested first.
    `class Batcher {\n  constructor(socket) {\n    socket.on('data', (chunk) => this.add(chunk));\n  }\n  add(chunk) {\n    clearTimeout(this.flushTimer);\n    this.flushTimer = setTimeout(() => this.flush(), 100);\n  }\n  flush() {}\n  close() {\n    clearTimeout(this.flushTimer);\n  }\n}`,
    `class Batcher {\n  constructor(socket) {\n    socket.on('data', (chunk) => this.add(chunk));\n  }\n  add(chunk) {\n    if (this.flushTimer) return;\n    this.flushTimer = setTimeout(() => {\n      this.flushTimer = null;\n      this.flush();\n    }, 100);\n  }\n  flush() {}\n  close() {\n    clearTimeout(this.flushTimer);\n  }\n}`,
    `class Batcher {\n  constructor(socket) {\n    socket.on('data', (chunk) => this.add(chunk));\n  }\n  add(chunk) {\n    this.flushTimer ??= setTimeout(() => this.flush(), 100);\n  }\n  flush() {\n    this.flushTimer = undefined;\n  }\n  close() {\n    clearTimeout(this.flushTimer);\n  }\n}`,
    // Tested by the caller, or cleared by a method called first.
    `class Batcher {\n  constructor(socket) {\n    socket.on('data', (chunk) => {\n      if (!this.flushTimer) this.schedule();\n    });\n  }\n  schedule() {\n    this.flushTimer = setTimeout(() => {\n      this.flushTimer = null;\n      this.flush();\n    }, 100);\n  }\n  flush() {}\n  close() {\n    clearTimeout(this.flushTimer);\n  }\n}`,
    `class Batcher {\n  constructor(socket) {\n    socket.on('data', () => this.restart());\n  }\n  cancel() {\n    clearTimeout(this.flushTimer);\n  }\n  restart() {\n    this.cancel();\n    this.flushTimer = setTimeout(() => this.flush(), 100);\n  }\n  flush() {}\n}`,
    `let flushTimer;\napp.post('/events', (req, res) => {\n  buffer.push(req.body);\n  clearTimeout(flushTimer);\n  flushTimer = setTimeout(flush, 1000);\n  res.sendStatus(202);\n});\nprocess.on('SIGTERM', () => clearTimeout(flushTimer));`,
    `let flushTimer;\napp.post('/events', (req, res) => {\n  buffer.push(req.body);\n  if (!flushTimer) flushTimer = setTimeout(() => { flushTimer = undefined; flush(); }, 1000);\n  res.sendStatus(202);\n});\nprocess.on('SIGTERM', () => clearTimeout(flushTimer));`,
    // Armed only when other state of the instance or module says no timer is pending (the first
    // entry of a batch), in the arming function itself or by an early return.
    {
      code: `export class HttpTransport {\n  constructor(stream) {\n    stream.on('log', (entry) => this.enqueue(entry));\n  }\n  enqueue(entry) {\n    this.batch.push(entry);\n    if (this.batch.length === 1) {\n      this.batchTimer = setTimeout(() => this.send(), this.batchInterval);\n    }\n    if (this.batch.length === this.batchCount) this.send();\n  }\n  send() {\n    clearTimeout(this.batchTimer);\n    this.batch = [];\n  }\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `let batch = [];\nlet batchTimer;\napp.post('/log', (req, res) => {\n  batch.push(req.body);\n  res.end();\n  if (batch.length > 1) return;\n  batchTimer = setTimeout(send, 1000);\n});\nfunction send() {\n  clearTimeout(batchTimer);\n  batch = [];\n}`,
      options: [{ assumeRepeats: true }],
    },
    // A self-rescheduling chain: the slot is re-armed only from its own timer's callback, once it has fired.
    {
      code: `export class Poller {\n  constructor(bus) {\n    bus.on('ready', () => this.tick());\n  }\n  tick() {\n    this.work();\n    this.timer = setTimeout(() => this.tick(), 1000);\n  }\n  work() {}\n  stop() {\n    clearTimeout(this.timer);\n  }\n}`,
      options: [{ assumeRepeats: true }],
    },
    // A reconnect chain: scheduled from the close of the connection that the timer's callback opened.
    {
      code: `export class Client {\n  connect() {\n    this.ws = new WebSocket(this.url);\n    this.ws.on('close', () => this.scheduleReconnect());\n  }\n  scheduleReconnect() {\n    this.reconnectTimer = setTimeout(() => this.connect(), 1000);\n  }\n  close() {\n    clearTimeout(this.reconnectTimer);\n    this.ws.close();\n  }\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `let timer;\nfunction loop() {\n  refresh();\n  timer = setTimeout(loop, 60_000);\n}\nexport function stop() {\n  clearTimeout(timer);\n}\nloop();`,
      options: [{ assumeRepeats: true }],
    },
    // A constructor arms a slot of its own instance, once; a `const` per call is a fresh slot.
    {
      code: `class Job {\n  constructor(timeoutMs) {\n    this.timer = setTimeout(() => this.fail(), timeoutMs);\n  }\n  fail() {}\n  done() {\n    clearTimeout(this.timer);\n  }\n}\napp.post('/jobs', (req, res) => {\n  const job = new Job(5000);\n  res.json(job);\n});`,
      options: [{ assumeRepeats: true }],
    },
    // A method of a class made per request runs on a new instance each time: that does not re-arm one slot.
    `class Job {\n  run() {\n    this.timer = setTimeout(() => this.fail(), 5000);\n  }\n  fail() {}\n  done() {\n    clearTimeout(this.timer);\n  }\n}\napp.post('/jobs', (req, res) => {\n  const job = new Job();\n  job.run();\n  res.end();\n});`,
    // An interval slot armed by a lifecycle method the file does not show to repeat: start-like
    // methods run once, so even assumeRepeats does not count it.
    {
      code: `export class Monitor {\n  async whenReady() {\n    this.logInterval = setInterval(() => this.log(), 15_000);\n  }\n  log() {}\n  async close() {\n    clearInterval(this.logInterval);\n  }\n}`,
      options: [{ assumeRepeats: true }],
    },
    // A timeout slot never cleared anywhere: a one-shot timer whose handle is only kept.
    `let lastPing;\napp.get('/ping', (req, res) => {\n  lastPing = setTimeout(() => log('idle'), 60_000);\n  res.end();\n});`,

    // Manual deadlines cleared when the work settles, or replaced by AbortSignal.timeout.
    `app.get('/proxy', async (req, res) => {\n  const controller = new AbortController();\n  const timeout = setTimeout(() => controller.abort(), 5000);\n  try {\n    const upstream = await fetch(req.query.url, { signal: controller.signal });\n    res.json(await upstream.json());\n  } finally {\n    clearTimeout(timeout);\n  }\n});`,
    `app.get('/proxy', async (req, res) => {\n  const controller = new AbortController();\n  const timeout = setTimeout(() => controller.abort(), 5000);\n  const upstream = await fetch(req.query.url, { signal: controller.signal }).finally(() => clearTimeout(timeout));\n  res.json(await upstream.json());\n});`,
    `app.get('/proxy', async (req, res) => {\n  const upstream = await fetch(req.query.url, { signal: AbortSignal.timeout(5000) });\n  res.json(await upstream.json());\n});`,
    // A controller of the process (a shutdown deadline), not of the call; a handle handed on.
    {
      code: `const shutdown = new AbortController();\nprocess.on('SIGTERM', () => {\n  setTimeout(() => shutdown.abort(), 10_000);\n});`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `export async function getJson(url, track) {\n  const controller = new AbortController();\n  track(setTimeout(() => controller.abort(), 5000));\n  return (await fetch(url, { signal: controller.signal })).json();\n}`,
      options: [{ assumeRepeats: true }],
    },
    // A local setTimeout is not the global one either.
    `function setTimeout(fn, ms) {\n  return scheduler.schedule(fn, ms);\n}\napp.get('/x', async (req, res) => {\n  const controller = new AbortController();\n  setTimeout(() => controller.abort(), 5000);\n  res.json(await (await fetch(req.query.url, { signal: controller.signal })).json());\n});`,
    // A local class named AbortController is not the global one.
    `class AbortController {\n  abort() {}\n}\napp.get('/x', (req, res) => {\n  const controller = new AbortController();\n  setTimeout(() => controller.abort(), 5000);\n  res.end();\n});`,

    // Timeout helpers that hand back a way to clear their timer, take a signal, or only sleep.
    {
      code: `export function timeout(ms) {\n  let timer;\n  const promise = new Promise((_, reject) => {\n    timer = setTimeout(() => reject(new Error('timeout')), ms);\n  });\n  return { promise, clear: () => clearTimeout(timer) };\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `export function timeout(ms, signal) {\n  return new Promise((_, reject) => {\n    const timer = setTimeout(() => reject(new Error('timeout')), ms);\n    signal.addEventListener('abort', () => clearTimeout(timer));\n  });\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `import { setTimeout as sleep } from 'node:timers/promises';\nexport async function deadline(ms, signal) {\n  await sleep(ms, undefined, { signal });\n  throw new Error('deadline exceeded');\n}`,
      options: [{ assumeRepeats: true }],
    },
    {
      code: `export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));\nexport async function pause(ms) {\n  await new Promise((resolve) => setTimeout(resolve, ms));\n  return ms;\n}`,
      options: [{ assumeRepeats: true }],
    },

    // Intervals of a closable class: kept and cleared on close, started in close itself, or
    // stopping themselves.
    `export class Reporter {\n  constructor(client) {\n    this.timer = setInterval(() => this.report(), 10_000).unref();\n  }\n  report() {}\n  close() {\n    clearInterval(this.timer);\n  }\n}`,
    // A closable class's discarded interval, with no evidence in the file that instances are made
    // and closed while the process runs: left to strict (assumeRepeats).
    `export class Reporter {\n  constructor(client) {\n    this.client = client;\n    setInterval(() => this.report(), 10_000).unref();\n  }\n  report() {}\n  close() {\n    this.client.end();\n  }\n}`,
    `export class Poller {\n  start() {\n    setInterval(() => this.poll(), 5000);\n  }\n  poll() {}\n  stop() {\n    this.stopped = true;\n  }\n}`,
    `export class Poller {\n  #interval;\n  start() {\n    this.#interval = setInterval(() => this.poll(), 5000);\n  }\n  poll() {}\n  stop() {\n    clearInterval(this.#interval);\n  }\n}`,
    `export class Drainer {\n  close() {\n    const wait = setInterval(() => {\n      if (this.idle) clearInterval(wait);\n    }, 100);\n  }\n}`,
    `export class Ticker {\n  start() {\n    setInterval(() => this.tick(), 1000);\n  }\n  tick() {}\n}`,
  ],
  invalid: [
    // A route handler racing an upstream call against a timer it never clears. The timer only
    // rejects the raced promise, so --fix keeps its handle and clears it when the race settles.
    race(
      `app.get('/quote', async (req, res) => {
  const quote = await Promise.race([
    pricing.quote(req.query.sku),
    new Promise((_, reject) => setTimeout(() => reject(new Error('quote timed out')), 2000)),
  ]);
  res.json(quote);
});`,
      'setTimeout',
      {
        ts: true,
        output: `app.get('/quote', async (req, res) => {
  ${tsTimer};
  const quote = await Promise.race([
    pricing.quote(req.query.sku),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('quote timed out')), 2000))),
  ]).finally(() => clearTimeout(timer));
  res.json(quote);
});`,
      },
    ),
    // One hop through the file's call graph: a deadline helper used by a queue consumer.
    race(
      `function withDeadline(work) {
  return Promise.race([work, new Promise((_, reject) => setTimeout(() => reject(new Error('deadline')), 30_000))]);
}
await channel.consume('orders', async (msg) => {
  await withDeadline(handle(msg));
  channel.ack(msg);
});`,
      'setTimeout',
      {
        ts: true,
        output: `function withDeadline(work) {
  ${tsTimer};
  return Promise.race([work, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('deadline')), 30_000)))]).finally(() => clearTimeout(timer));
}
await channel.consume('orders', async (msg) => {
  await withDeadline(handle(msg));
  channel.ack(msg);
});`,
      },
    ),
    // The same in TypeScript, with a block-bodied executor and a timer imported from node:timers.
    race(
      `import { setTimeout as delay } from 'node:timers';
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      delay(() => reject(new Error(\`deadline of \${ms} ms exceeded\`)), ms);
    }),
  ]);
}
channel.consume('orders', async (msg: { content: Buffer }) => {
  await withDeadline(handle(msg), 30_000);
});`,
      'delay',
      {
        ts: true,
        output: `import { setTimeout as delay } from 'node:timers';
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof delay> | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = delay(() => reject(new Error(\`deadline of \${ms} ms exceeded\`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
channel.consume('orders', async (msg: { content: Buffer }) => {
  await withDeadline(handle(msg), 30_000);
});`,
      },
    ),
    // A timer callback that does more than reject (it logs, and builds a user-defined error): clearing
    // it changes what happens after the race, so that is a suggestion, not a fix.
    race(
      `app.get('/report', async (req, res) => {
  res.json(await Promise.race([
    reports.build(req.query.id),
    new Promise((_, reject) => setTimeout(() => { log.warn('report slow'); reject(new TimeoutError()); }, 5000)),
  ]));
});`,
      'setTimeout',
      {
        ts: true,
        output: null,
        errors: [
          {
            messageId: 'raceTimerNotCleared',
            ...at_(
              `app.get('/report', async (req, res) => {
  res.json(await Promise.race([
    reports.build(req.query.id),
    new Promise((_, reject) => setTimeout(`,
              'setTimeout',
            ),
            suggestions: [
              {
                messageId: 'suggestClearTimer',
                output: `app.get('/report', async (req, res) => {
  ${tsTimer};
  res.json(await Promise.race([
    reports.build(req.query.id),
    new Promise((_, reject) => (timer = setTimeout(() => { log.warn('report slow'); reject(new TimeoutError()); }, 5000))),
  ]).finally(() => clearTimeout(timer)));
});`,
              },
            ],
          },
        ],
      },
    ),
    // Racing fetch against a timer: --fix clears the timer; a suggestion hands the deadline to fetch.
    {
      code: `app.get('/proxy', async (req, res) => {
  const upstream = await Promise.race([
    fetch(req.query.url, { headers: { accept: 'application/json' } }),
    new Promise((_, reject) => setTimeout(() => reject(new Error('upstream timed out')), UPSTREAM_TIMEOUT_MS)),
  ]);
  res.json(await upstream.json());
});`,
      output: `app.get('/proxy', async (req, res) => {
  ${tsTimer};
  const upstream = await Promise.race([
    fetch(req.query.url, { headers: { accept: 'application/json' } }),
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('upstream timed out')), UPSTREAM_TIMEOUT_MS))),
  ]).finally(() => clearTimeout(timer));
  res.json(await upstream.json());
});`,
      errors: [
        {
          messageId: 'raceTimerNotCleared',
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'suggestAbortSignal',
              output: `app.get('/proxy', async (req, res) => {
  const upstream = await fetch(req.query.url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(UPSTREAM_TIMEOUT_MS) });
  res.json(await upstream.json());
});`,
            },
          ],
        },
      ],
      ts: true,
    },
    // Without semicolons, a fetch with no options, and a timer that rejects directly.
    {
      code: `router.get('/health', async (req, res) => {
  const answer = await Promise.race([fetch(DEPENDENCY_URL), new Promise((resolve, reject) => { setTimeout(reject, 1000) })])
  res.status(answer.ok ? 200 : 503).end()
})`,
      output: `router.get('/health', async (req, res) => {
  ${tsTimer}
  const answer = await Promise.race([fetch(DEPENDENCY_URL), new Promise((resolve, reject) => { timer = setTimeout(reject, 1000) })]).finally(() => clearTimeout(timer))
  res.status(answer.ok ? 200 : 503).end()
})`,
      errors: [
        {
          messageId: 'raceTimerNotCleared',
          line: 2,
          column: 96,
          endLine: 2,
          endColumn: 106,
          suggestions: [
            {
              messageId: 'suggestAbortSignal',
              output: `router.get('/health', async (req, res) => {
  const answer = await fetch(DEPENDENCY_URL, { signal: AbortSignal.timeout(1000) })
  res.status(answer.ok ? 200 : 503).end()
})`,
            },
          ],
        },
      ],
      ts: true,
    },
    // A fetch with a signal of its own, or a comment the rewrite would drop: no AbortSignal suggestion.
    race(
      `app.get('/proxy', async (req, res) => {
  const upstream = await Promise.race([
    fetch(req.query.url),
    // the upstream's own deadline
    new Promise((_, reject) => setTimeout(() => reject(new Error('upstream timed out')), 5000)),
  ]);
  res.json(await upstream.json());
});`,
      'setTimeout',
      {
        ts: true,
        output: `app.get('/proxy', async (req, res) => {
  ${tsTimer};
  const upstream = await Promise.race([
    fetch(req.query.url),
    // the upstream's own deadline
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('upstream timed out')), 5000))),
  ]).finally(() => clearTimeout(timer));
  res.json(await upstream.json());
});`,
      },
    ),
    race(
      `app.get('/proxy', async (req, res) => {
  const upstream = await Promise.race([fetch(req.query.url, { signal: req.signal }), new Promise((_, reject) => setTimeout(reject, 5000))]);
  res.json(await upstream.json());
});`,
      'setTimeout',
      {
        ts: true,
        output: `app.get('/proxy', async (req, res) => {
  ${tsTimer};
  const upstream = await Promise.race([fetch(req.query.url, { signal: req.signal }), new Promise((_, reject) => (timer = setTimeout(reject, 5000)))]).finally(() => clearTimeout(timer));
  res.json(await upstream.json());
});`,
      },
    ),
    // A worker loop racing each job against timers/promises' setTimeout, never aborted: no remedy
    // that keeps the job's timeout handler (`job.fail`) as it is.
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
      { output: null },
    ),
    // An interval per request: clear it when the response closes.
    interval(
      `app.get('/events', (req, res) => {\n  setInterval(() => res.write(': ping\\n\\n'), 15_000).unref();\n});`,
      'intervalDiscarded',
      { fn: 'arrow function' },
      {
        messageId: 'suggestClearOnResponseClose',
        data: { emitter: 'res' },
        output: `app.get('/events', (req, res) => {\n  const interval = setInterval(() => res.write(': ping\\n\\n'), 15_000).unref();\n  res.on('close', () => clearInterval(interval));\n});`,
      },
    ),
    // Per connection in the constructor of a per-connection class with no close method: keep it on the
    // instance and add close().
    interval(
      `class Connection {
  constructor(socket) {
    setInterval(() => socket.ping(), 30_000);
  }
}
server.on('connection', (socket) => new Connection(socket));`,
      'intervalDiscarded',
      { fn: 'constructor' },
      {
        messageId: 'suggestAddClose',
        data: { field: 'this.#interval', method: 'close' },
        output: `class Connection {
  #interval;
  constructor(socket) {
    this.#interval = setInterval(() => socket.ping(), 30_000);
  }

  close() {
    clearInterval(this.#interval);
  }
}
server.on('connection', (socket) => new Connection(socket));`,
      },
    ),
    // The same class with a close method already, written without semicolons.
    interval(
      `class Session {
  constructor(ws) {
    this.ws = ws
    setInterval(() => ws.ping(), 30_000)
  }

  // Ends the session.
  close() {
    this.ws.close()
  }
}
wss.on('connection', (ws) => new Session(ws))`,
      'intervalDiscarded',
      { fn: 'constructor' },
      {
        messageId: 'suggestKeepOnInstance',
        data: { field: 'this.#interval', method: 'close' },
        output: `class Session {
  #interval
  constructor(ws) {
    this.ws = ws
    this.#interval = setInterval(() => ws.ping(), 30_000)
  }

  // Ends the session.
  close() {
    clearInterval(this.#interval)
    this.ws.close()
  }
}
wss.on('connection', (ws) => new Session(ws))`,
      },
    ),
    // A class-based client whose keep-alive interval survives close(). In TypeScript, where the class
    // does not declare `keepAlive` (already an error there), no suggestion; in JavaScript, see below.
    interval(
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
      { target: 'this.keepAlive', method: 'close' },
      null,
      { ts: true },
    ),
    interval(
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
      { target: 'this.flushTimer', method: 'shutdown' },
      {
        messageId: 'suggestClearInClose',
        data: { target: 'this.flushTimer', method: 'shutdown' },
        output: `export class Metrics {
  private readonly flushTimer: NodeJS.Timeout;
  constructor() {
    this.flushTimer = setInterval(() => this.flush(), 1000);
  }
  flush(): void {}
  async shutdown(): Promise<void> {
    clearInterval(this.flushTimer);
    this.flush();
  }
}`,
      },
      { ts: true },
    ),
    interval(
      `export class Cache {\n  sweeper = setInterval(() => this.sweep(), 60_000);\n  sweep() {}\n  destroy() {\n    this.entries = null;\n  }\n}`,
      'intervalNotClearedOnClose',
      { target: 'this.sweeper', method: 'destroy' },
      {
        messageId: 'suggestClearInClose',
        data: { target: 'this.sweeper', method: 'destroy' },
        output: `export class Cache {\n  sweeper = setInterval(() => this.sweep(), 60_000);\n  sweep() {}\n  destroy() {\n    clearInterval(this.sweeper);\n    this.entries = null;\n  }\n}`,
      },
    ),
    // An empty close method gets the call on a line of its own.
    interval(
      `export class Poller {\n  private timer?: NodeJS.Timeout;\n  constructor() {\n    this.timer = setInterval(() => this.poll(), 5000);\n  }\n  poll(): void {}\n  stop(): void {}\n}`,
      'intervalNotClearedOnClose',
      { target: 'this.timer', method: 'stop' },
      {
        messageId: 'suggestClearInClose',
        data: { target: 'this.timer', method: 'stop' },
        output: `export class Poller {\n  private timer?: NodeJS.Timeout;\n  constructor() {\n    this.timer = setInterval(() => this.poll(), 5000);\n  }\n  poll(): void {}\n  stop(): void {\n    clearInterval(this.timer);\n  }\n}`,
      },
      { ts: true },
    ),

    // Reported, but nothing --fix can write for sure.
    // The race is the body of an arrow: there is no statement to keep the handle in.
    race(
      `app.get('/quote', (req, res) => Promise.race([quote(req), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]).then((q) => res.json(q)));`,
      'setTimeout',
      { output: null },
    ),
    // Races in a loop without a block: one handle for many races would clear the wrong timer.
    race(
      `app.post('/batch', async (req, res) => {
  for (const item of req.body.items) await Promise.race([save(item), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]);
  res.end();
});`,
      'setTimeout',
      { output: null },
    ),
    // clearTimeout is not the global one here.
    race(
      `import { clearTimeout } from './fake-timers.js';
app.get('/quote', async (req, res) => {
  res.json(await Promise.race([quote(req), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]));
});`,
      'setTimeout',
      { output: null },
    ),
    // Intervals: a class that extends another (its parent may have a close() of its own), and an
    // interval started in a loop, cannot be fixed by keeping one handle.
    interval(
      `class Channel extends EventEmitter {
  constructor(socket) {
    super();
    setInterval(() => socket.ping(), 30_000);
  }
}
server.on('connection', (socket) => new Channel(socket));`,
      'intervalDiscarded',
      { fn: 'constructor' },
      null,
    ),
    interval(
      `class Fleet {
  constructor(hosts) {
    for (const host of hosts) setInterval(() => host.ping(), 30_000);
  }
  close() {}
}
app.post('/fleets', (req, res) => res.json(new Fleet(req.body.hosts)));`,
      'intervalDiscarded',
      { fn: 'constructor' },
      null,
    ),

    // Strict: no evidence either way in the file; assumed to run per call.
    // A request-scoped timeout helper that never clears its timer.
    {
      ...assumedRace(`export function withTimeout(work, ms) {
  return Promise.race([
    work,
    new Promise((_, reject) => {
      setTimeout(() => reject(new Error(\`timed out after \${ms} ms\`)), ms);
    }),
  ]);
}`),
      output: `export function withTimeout(work, ms) {
  ${tsTimer};
  return Promise.race([
    work,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(\`timed out after \${ms} ms\`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}`,
      ts: true,
    },
    // The same inline in a message handler, with an arrow-bodied executor.
    {
      ...assumedRace(`export async function handle(message) {
  await Promise.race([process(message), new Promise((_, reject) => setTimeout(() => reject(new Error('deadline')), 30_000))]);
}`),
      output: `export async function handle(message) {
  ${tsTimer};
  await Promise.race([process(message), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('deadline')), 30_000)))]).finally(() => clearTimeout(timer));
}`,
      ts: true,
    },
    // A timeout promise built by a helper and raced elsewhere in the file: the handle is out of reach.
    {
      ...assumedRace(`function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new TimeoutError()), ms));
}
export const fetchWithDeadline = (url) => Promise.race([fetch(url, { signal: AbortSignal.timeout(5000) }), timeout(5000)]);`),
      output: null,
    },
    // Through a variable and a .then() chain; the handle kept but never cleared.
    {
      ...assumedRace(`export async function call(work) {
  let timer;
  const deadline = new Promise((resolve) => {
    timer = setTimeout(resolve, 10_000);
  }).then(() => {
    throw new Error('deadline');
  });
  return Promise.race([work(), deadline]);
}`),
      output: null,
    },
    // timers/promises without a signal.
    {
      ...assumedRace(
        `import { setTimeout as sleep } from 'node:timers/promises';\nexport const bounded = (work) => Promise.race([work, sleep(5000).then(() => { throw new Error('timeout'); })]);`,
        'sleep',
      ),
      output: null,
    },
    // A health-check poller per tenant that can never be stopped: no owner to stop it.
    reportAt(
      `export function watchTenant(tenant) {\n  setInterval(() => void check(tenant.id), 10_000);\n}`,
      'intervalDiscardedAssumed',
      'setInterval',
      { fn: "function 'watchTenant'" },
      { ...assumeRepeats, output: null },
    ),

    // A slot armed again on a path that repeats, without clearing the timer it holds: each message
    // starts a flush timer, the earlier ones keep running and close() can only clear the last.
    {
      code: `class Batcher {
  flushTimer;
  constructor(socket) {
    this.socket = socket;
    this.pending = [];
    socket.on('data', (chunk) => this.add(chunk));
  }
  add(chunk) {
    this.pending.push(chunk);
    this.flushTimer = setTimeout(() => this.flush(), 100);
  }
  flush() {
    this.socket.write(this.pending.join(''));
    this.pending = [];
  }
  close() {
    clearTimeout(this.flushTimer);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'timerRearmed',
          data: { target: 'this.flushTimer', clear: 'clearTimeout' },
          ...at_(
            `class Batcher {
  flushTimer;
  constructor(socket) {
    this.socket = socket;
    this.pending = [];
    socket.on('data', (chunk) => this.add(chunk));
  }
  add(chunk) {
    this.pending.push(chunk);
    this.flushTimer = setTimeout(`,
            'setTimeout',
          ),
          suggestions: [
            {
              messageId: 'suggestClearBeforeRearm',
              data: { target: 'this.flushTimer', clear: 'clearTimeout' },
              output: `class Batcher {
  flushTimer;
  constructor(socket) {
    this.socket = socket;
    this.pending = [];
    socket.on('data', (chunk) => this.add(chunk));
  }
  add(chunk) {
    this.pending.push(chunk);
    clearTimeout(this.flushTimer);
    this.flushTimer = setTimeout(() => this.flush(), 100);
  }
  flush() {
    this.socket.write(this.pending.join(''));
    this.pending = [];
  }
  close() {
    clearTimeout(this.flushTimer);
  }
}`,
            },
          ],
        },
      ],
    },
    // In TypeScript, a slot declared `Timeout | null` is cleared as `slot ?? undefined`: Node's clear
    // functions do not take null.
    {
      code: `export class Batcher {
  private flushTimer: NodeJS.Timeout | null = null;
  constructor(private readonly socket: { on(event: string, fn: (chunk: string) => void): void; write(text: string): void }) {
    socket.on('data', (chunk) => this.add(chunk));
  }
  add(chunk: string): void {
    this.flushTimer = setTimeout(() => this.socket.write(chunk), 100);
  }
  close(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'timerRearmed',
          data: { target: 'this.flushTimer', clear: 'clearTimeout' },
          ...at_(
            `export class Batcher {
  private flushTimer: NodeJS.Timeout | null = null;
  constructor(private readonly socket: { on(event: string, fn: (chunk: string) => void): void; write(text: string): void }) {
    socket.on('data', (chunk) => this.add(chunk));
  }
  add(chunk: string): void {
    this.flushTimer = setTimeout(() => this.socket.write(chunk), 100);
  }
  close(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }
}`,
            'setTimeout',
          ),
          suggestions: [
            {
              messageId: 'suggestClearBeforeRearm',
              data: { target: 'this.flushTimer', clear: 'clearTimeout' },
              output: `export class Batcher {
  private flushTimer: NodeJS.Timeout | null = null;
  constructor(private readonly socket: { on(event: string, fn: (chunk: string) => void): void; write(text: string): void }) {
    socket.on('data', (chunk) => this.add(chunk));
  }
  add(chunk: string): void {
    clearTimeout(this.flushTimer ?? undefined);
    this.flushTimer = setTimeout(() => this.socket.write(chunk), 100);
  }
  close(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
  }
}`,
            },
          ],
        },
      ],
      ts: true,
    },
    // The same class made per connection: each instance is armed again per chunk on its own socket,
    // which is evidence for that instance's slot (being made per connection is not).
    reportAt(
      `class Batcher {
  constructor(socket) {
    this.socket = socket;
    socket.on('data', () => this.touch());
  }
  touch() {
    return (this.idle = setTimeout(() => this.socket.end(), 30_000));
  }
  close() {
    clearTimeout(this.idle);
  }
}
server.on('connection', (socket) => new Batcher(socket));`,
      'timerRearmed',
      'setTimeout',
      { target: 'this.idle', clear: 'clearTimeout' },
      {
        output: null,
        errors: [
          {
            messageId: 'timerRearmed',
            data: { target: 'this.idle', clear: 'clearTimeout' },
            ...at_(
              `class Batcher {
  constructor(socket) {
    this.socket = socket;
    socket.on('data', () => this.touch());
  }
  touch() {
    return (this.idle = setTimeout(`,
              'setTimeout',
            ),
            suggestions: [],
          },
        ],
      },
    ),
    // A module variable armed per request, cleared only at shutdown; written without semicolons.
    {
      code: `let flushTimer: NodeJS.Timeout | undefined
app.post('/events', (req, res) => {
  buffer.push(req.body)
  flushTimer = setTimeout(flush, 1000)
  res.sendStatus(202)
})
process.on('SIGTERM', () => clearTimeout(flushTimer))`,
      output: null,
      errors: [
        {
          messageId: 'timerRearmed',
          data: { target: 'flushTimer', clear: 'clearTimeout' },
          line: 4,
          column: 16,
          endLine: 4,
          endColumn: 26,
          suggestions: [
            {
              messageId: 'suggestClearBeforeRearm',
              data: { target: 'flushTimer', clear: 'clearTimeout' },
              output: `let flushTimer: NodeJS.Timeout | undefined
app.post('/events', (req, res) => {
  buffer.push(req.body)
  clearTimeout(flushTimer)
  flushTimer = setTimeout(flush, 1000)
  res.sendStatus(202)
})
process.on('SIGTERM', () => clearTimeout(flushTimer))`,
            },
          ],
        },
      ],
      ts: true,
    },
    // An interval slot armed again per subscription: the replaced interval runs forever, cleared or not.
    {
      code: `export class Feed {
  constructor(channel) {
    channel.on('subscribe', (topic) => this.startPolling(topic));
  }
  startPolling(topic) {
    this.#poller = setInterval(() => this.poll(topic), 5000);
  }
  #poller;
  poll(topic) {}
}`,
      output: null,
      errors: [
        {
          messageId: 'timerRearmed',
          data: { target: 'this.#poller', clear: 'clearInterval' },
          ...at_(
            `export class Feed {
  constructor(channel) {
    channel.on('subscribe', (topic) => this.startPolling(topic));
  }
  startPolling(topic) {
    this.#poller = setInterval(`,
            'setInterval',
          ),
          suggestions: [
            {
              messageId: 'suggestClearBeforeRearm',
              data: { target: 'this.#poller', clear: 'clearInterval' },
              output: `export class Feed {
  constructor(channel) {
    channel.on('subscribe', (topic) => this.startPolling(topic));
  }
  startPolling(topic) {
    clearInterval(this.#poller);
    this.#poller = setInterval(() => this.poll(topic), 5000);
  }
  #poller;
  poll(topic) {}
}`,
            },
          ],
        },
      ],
    },
    // Strict: a public method nobody in the file calls, assumed to run per call; the assignment is
    // not a statement of its own, so no suggestion.
    {
      code: `export class Session {
  touch() {
    return (this.idle = setTimeout(() => this.expire(), 60_000));
  }
  expire() {}
  close() {
    clearTimeout(this.idle);
  }
}`,
      ...assumeRepeats,
      output: null,
      errors: [
        {
          messageId: 'timerRearmedAssumed',
          data: { target: 'this.idle', clear: 'clearTimeout' },
          ...at_(
            `export class Session {
  touch() {
    return (this.idle = setTimeout(`,
            'setTimeout',
          ),
          suggestions: [],
        },
      ],
    },

    // A manual deadline for the request, never cleared: every request keeps the timer, the
    // controller and the closure alive for the full five seconds after the response.
    deadline(
      `app.get('/proxy', async (req, res) => {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), 5000);
  const upstream = await fetch(req.query.url, { signal: controller.signal });
  res.json(await upstream.json());
});`,
      `app.get('/proxy', async (req, res) => {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), 5000);
  try {
    const upstream = await fetch(req.query.url, { signal: controller.signal });
    res.json(await upstream.json());
  } finally {
    clearTimeout(timeout);
  }
});`,
    ),
    // The same with the handle dropped and `.unref()`ed (which frees nothing), without semicolons.
    deadline(
      `channel.consume('jobs', async (msg) => {
  const ac = new AbortController()
  setTimeout(() => ac.abort(), 30_000).unref()
  await runJob(msg, { signal: ac.signal })
  channel.ack(msg)
})`,
      `channel.consume('jobs', async (msg) => {
  const ac = new AbortController()
  const deadline = setTimeout(() => ac.abort(), 30_000).unref()
  try {
    await runJob(msg, { signal: ac.signal })
    channel.ack(msg)
  } finally {
    clearTimeout(deadline)
  }
})`,
    ),
    // \`abort.bind\`; a multi-line template after the timer would change if re-indented: no suggestion.
    deadline(
      `router.post('/render', async (req, res) => {
  const controller = new AbortController();
  const deadline = setTimeout(controller.abort.bind(controller), 10_000);
  deadline.unref();
  res.send(\`<pre>
\${await render(req.body, controller.signal)}
</pre>\`);
});`,
      null,
    ),
    // Strict: an exported helper, assumed to run per call.
    deadline(
      `export async function getJson(url) {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 5000);
  const response = await fetch(url, { signal: controller.signal });
  return response.json();
}`,
      `export async function getJson(url) {
  const controller = new AbortController();
  const deadline = setTimeout(() => controller.abort(), 5000);
  try {
    const response = await fetch(url, { signal: controller.signal });
    return response.json();
  } finally {
    clearTimeout(deadline);
  }
}`,
      { ...assumeRepeats },
      'deadlineNotClearedAssumed',
    ),

    // A timeout helper the file never calls: made to be raced, and nothing it returns can clear its
    // timer. Strict only: whether its callers repeat is in other files.
    {
      ...assumedRace(`export function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error(\`timed out after \${ms} ms\`)), ms));
}`),
      output: null,
    },
    { ...assumedRace(`export const rejectAfter = (ms) => new Promise((_, reject) => { setTimeout(reject, ms, new Error('timeout')); });`), output: null },
    // An async helper that waits and then throws, raced by a route: the helper's promise is the timeout.
    race(
      `import { setTimeout as sleep } from 'node:timers/promises';
async function deadline(ms) {
  await sleep(ms);
  throw new Error('deadline exceeded');
}
app.get('/quote', async (req, res) => {
  res.json(await Promise.race([quote(req.query.sku), deadline(2000)]));
});`,
      'sleep',
      { output: null },
    ),
    // bluebird's Promise is a Promise too.
    race(
      `const Promise = require('bluebird');
app.get('/quote', async (req, res) => {
  res.json(await Promise.race([quote(req), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000))]));
});`,
      'setTimeout',
      {
        ts: true,
        output: `const Promise = require('bluebird');
app.get('/quote', async (req, res) => {
  ${tsTimer};
  res.json(await Promise.race([quote(req), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000)))]).finally(() => clearTimeout(timer)));
});`,
      },
    ),

    // An interval started by a class that has a close method, with its handle discarded: close() can
    // never stop it, `.unref()` or not (consistent with an interval kept on the instance). Reported
    // where repetition is assumed (strict): whether instances are closed and made again while the
    // process runs is not in the file (a factory may make one per fixed key at start-up).
    interval(
      `export class Reporter {
  constructor(client) {
    this.client = client;
    setInterval(() => this.report(), 10_000).unref();
  }
  report() {}
  close() {
    this.client.end();
  }
}`,
      'intervalDiscardedOnClose',
      { method: 'close' },
      {
        messageId: 'suggestKeepOnInstance',
        data: { field: 'this.#interval', method: 'close' },
        output: `export class Reporter {
  #interval;
  constructor(client) {
    this.client = client;
    this.#interval = setInterval(() => this.report(), 10_000).unref();
  }
  report() {}
  close() {
    clearInterval(this.#interval);
    this.client.end();
  }
}`,
      },
      assumeRepeats,
    ),
    interval(
      `export class Poller {
  start() {
    setInterval(() => this.poll(), 5000);
  }
  poll() {}
  stop() {
    this.stopped = true;
  }
}`,
      'intervalDiscardedOnClose',
      { method: 'stop' },
      null,
      assumeRepeats,
    ),
  ],
});

new RuleTester({
  defaultFilenames: { ts: 'file.js', tsx: 'file.jsx' },
  languageOptions: { parser: espree, parserOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
}).run('no-leaked-timer (JavaScript output)', rule, { valid: [], invalid: javascriptOutputCases });
