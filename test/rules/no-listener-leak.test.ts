import rule, { type MessageIds, type Options } from '../../rules/no-listener-leak.js';
import { at } from '../support/location.js';
import { runRuleTests, type InvalidCase, type ValidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;

interface Expected {
  /** The registration's method token, counted from the start: `on`, 2 = the second `on`… */
  readonly method: string;
  readonly occurrence?: number;
  readonly emitter: string;
  readonly event: string;
  readonly fn: string;
}

/** The method of the registration is found as `.method(` so that `on` inside words is not matched. */
function invalid(code: string, expected: Expected, extra: Partial<Case> = {}): Case {
  const location = at(code, `.${expected.method}(`, expected.occurrence ?? 1);
  return {
    code,
    errors: [
      {
        messageId: 'listenerLeak',
        data: { emitter: expected.emitter, method: expected.method, event: expected.event, fn: expected.fn },
        line: location.line,
        column: location.column + 1,
        endLine: location.line,
        endColumn: location.column + 1 + expected.method.length,
      },
    ],
    ...extra,
  };
}

const invalidCases: Case[] = [
  // Server-sent events subscribing each response to a module-level bus.
  invalid(
    `import { bus } from './bus.js';
app.get('/events', (req, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  bus.on('order.updated', (order) => res.write(\`data: \${JSON.stringify(order)}\\n\\n\`));
});`,
    { method: 'on', occurrence: 1, emitter: 'bus', event: "'order.updated'", fn: 'the handler passed to app.get' },
  ),
  // A WebSocket handler listening to a shared pub/sub with a named listener that is never removed.
  invalid(
    `const pubsub = new EventEmitter();
wss.on('connection', (socket) => {
  const forward = (message) => socket.send(message);
  pubsub.on('broadcast', forward);
});`,
    { method: 'on', occurrence: 2, emitter: 'pubsub', event: "'broadcast'", fn: "the callback passed to wss.on('connection')" },
  ),
  // A per-job listener on a long-lived queue client.
  invalid(
    `const events = new QueueEvents('orders');
export async function processJob(job) {
  events.addListener('failed', ({ jobId }) => {
    if (jobId === job.id) metrics.increment('order.failed');
  });
  await handle(job);
}`,
    { method: 'addListener', emitter: 'events', event: "'failed'", fn: "async function 'processJob'" },
  ),
  // Signal handlers installed by a request handler, and by a factory called per instance.
  invalid(
    `router.get('/stream', (req, res) => {
  process.on('SIGTERM', () => res.end());
});`,
    { method: 'on', occurrence: 1, emitter: 'process', event: "'SIGTERM'", fn: 'the handler passed to router.get' },
  ),
  invalid(
    `export function createServer(handler) {
  const server = http.createServer(handler);
  process.on('SIGTERM', () => server.close());
  return server;
}`,
    { method: 'on', emitter: 'process', event: "'SIGTERM'", fn: "function 'createServer'" },
  ),
  // prependListener and addEventListener count too.
  invalid(
    `const controller = new AbortController();
export function track(request) {
  controller.signal.addEventListener('abort', () => request.cancel());
}`,
    { method: 'addEventListener', emitter: 'controller.signal', event: "'abort'", fn: "function 'track'" },
    { options: [{}] },
  ),
  invalid(
    `const emitter = new EventEmitter();
export const watch = (id) => {
  emitter.prependListener('change', () => refresh(id));
};`,
    { method: 'prependListener', emitter: 'emitter', event: "'change'", fn: "the arrow function assigned to 'watch'" },
  ),
  // A factory's emitter, subscribed from the function it returns.
  invalid(
    `export function createStore() {
  const changes = new EventEmitter();
  return {
    subscribeLogger() {
      changes.on('change', (entry) => log.info(entry));
    },
  };
}`,
    { method: 'on', emitter: 'changes', event: "'change'", fn: "method 'subscribeLogger'" },
  ),
  // A field of a singleton service, subscribed per call.
  invalid(
    `class OrderService {
  constructor(bus) {
    this.bus = bus;
  }
  async place(order) {
    this.bus.on('payment.failed', () => this.cancel(order.id));
    await this.repo.insert(order);
  }
}
export const orders = new OrderService(bus);`,
    { method: 'on', emitter: 'this.bus', event: "'payment.failed'", fn: "async method 'place'" },
  ),
  // A removal of another listener does not remove this one.
  invalid(
    `import { bus } from './bus.js';
export function handle(socket) {
  const onUpdate = (u) => socket.send(u);
  bus.on('update', onUpdate);
  bus.off('update', somethingElse);
}`,
    { method: 'on', emitter: 'bus', event: "'update'", fn: "function 'handle'" },
  ),
  // once() per call, in strict mode.
  invalid(
    `import { bus } from './bus.js';
export function request(id) {
  bus.once(\`reply:\${id}\`, (reply) => resolveReply(id, reply));
}`,
    { method: 'once', emitter: 'bus', event: '`reply:${id}`', fn: "function 'request'" },
    { options: [{ checkOnce: true }] },
  ),
  {
    ...invalid(
      `import { EventEmitter } from 'node:events';
const bus = new EventEmitter();
export function subscribe(res: { write(s: string): void }): void {
  bus.on('tick', (n: number) => res.write(String(n)));
}`,
      { method: 'on', occurrence: 1, emitter: 'bus', event: "'tick'", fn: "function 'subscribe'" },
    ),
    ts: true,
  },
];

const valid: (string | ValidCase<Options>)[] = [
  // Registrations at module level and in start-up code.
  `process.on('SIGTERM', () => server.close());\nserver.on('error', (err) => log.error(err));`,
  `import { bus } from './bus.js';\nexport function start() {\n  bus.on('order.created', notify);\n}`,
  `import { pool } from './db.js';\nfunction init() {\n  pool.on('error', (err) => log.error(err));\n}\ninit();`,
  `server.once('listening', () => {\n  process.on('SIGINT', () => server.close());\n});`,
  `export default function main() {\n  process.on('unhandledRejection', (err) => log.fatal(err));\n}`,
  // Listeners on objects made in the same call.
  `app.get('/x', (req, res) => {\n  req.on('close', () => log.debug('closed'));\n  res.on('finish', () => metrics.observe(res.statusCode));\n});`,
  `export function upload(path) {\n  const stream = fs.createReadStream(path);\n  stream.on('error', (err) => log.warn(err));\n  return stream;\n}`,
  `wss.on('connection', (socket) => {\n  socket.on('message', (data) => handle(socket, data));\n});`,
  `export function query(sql) {\n  const stream = client.query(new QueryStream(sql));\n  stream.on('pipe', (source) => {\n    stream.on('close', () => source.destroy());\n  });\n  return stream;\n}`,
  // Removed on the way out: by reference, in a close handler, in finally, by the listener itself.
  `import { bus } from './bus.js';\napp.get('/events', (req, res) => {\n  const send = (e) => res.write(e);\n  bus.on('order', send);\n  res.on('close', () => bus.off('order', send));\n});`,
  `import { bus } from './bus.js';\nexport async function waitFor(id) {\n  const onDone = () => {};\n  bus.on('done', onDone);\n  try {\n    await work(id);\n  } finally {\n    bus.removeListener('done', onDone);\n  }\n}`,
  `import { bus } from './bus.js';\nexport function once(name, fn) {\n  bus.on(name, function handler(value) {\n    bus.off(name, handler);\n    fn(value);\n  });\n}`,
  `import { bus } from './bus.js';\nexport function subscribe() {\n  bus.on('x', onX);\n}\nexport function shutdown() {\n  bus.removeAllListeners('x');\n}`,
  // Removed for us: once, signal.
  `const target = new EventTarget();\nexport function watch(signal) {\n  target.addEventListener('change', refresh, { signal });\n}`,
  `const target = new EventTarget();\nexport function next() {\n  target.addEventListener('tick', resolveTick, { once: true });\n}`,
  `import { bus } from './bus.js';\nexport function request(id) {\n  bus.once(\`reply:\${id}\`, (reply) => resolveReply(id, reply));\n}`,
  // node:events helpers take the emitter as an argument.
  `import events from 'node:events';\nexport async function next(bus, signal) {\n  for await (const [e] of events.on(bus, 'tick', { signal })) return e;\n}`,
  `import { once } from 'node:events';\nexport async function ready(server) {\n  await once(server, 'listening');\n}`,
  // Subscription APIs: the caller's listener, or a handle returned to the caller.
  `const emitter = new EventEmitter();\nexport function subscribe(listener) {\n  emitter.on('change', listener);\n  return () => emitter.off('change', listener);\n}`,
  `const instrumentation = new InstrumentationEmitter();\nexport const on = (name, listener) => {\n  return instrumentation.addListener(name, (event) => listener(event));\n};`,
  // The result is handed back: for a custom emitter, an unsubscribe handle.
  `const emitter = new EventEmitter();\nexport const watch = (id) => emitter.prependListener('change', () => refresh(id));`,
  // Emitters we cannot see the lifetime of: parameters, values read from elsewhere.
  `export function attach(emitter, handler) {\n  emitter.on('data', (chunk) => handler(chunk));\n}`,
  `export function track(ctx) {\n  ctx.events.on('end', () => done(ctx));\n}`,
  // Class fields: constructor registration, classes not known to be long-lived.
  `class Worker {\n  constructor(queue) {\n    this.queue = queue;\n    this.queue.on('job', (job) => this.run(job));\n  }\n}\nexport const worker = new Worker(queue);`,
  `export class Connection {\n  constructor(socket) {\n    this.socket = socket;\n  }\n  write(data) {\n    this.socket.on('drain', () => this.flush());\n  }\n}`,
  // A constructor subscribing process events: how many instances there are is not known here.
  `export class Pool {\n  constructor() {\n    process.on('exit', () => this.close());\n  }\n}`,
  // Not an emitter call at all.
  `export function f(x) {\n  x.on;\n  on('x', handler);\n}`,
];

runRuleTests('no-listener-leak', rule, {
  valid: valid.map((test) => (typeof test === 'string' ? { code: test } : test)),
  invalid: invalidCases,
});
