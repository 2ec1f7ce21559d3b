import rule, { type MessageIds, type Options } from '../../rules/no-timer-in-loop.js';
import { at } from '../support/location.js';
import { SteadyStateRuleTester, type InvalidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;

/** One report at the `occurrence`-th appearance of `callee` (the timer function as written). */
function invalid(code: string, callee: string, loop: string, messageId: MessageIds = 'timerInLoop', extra: Partial<Case> = {}, occurrence = 1): Case {
  return {
    code,
    errors: [{ messageId, data: { loop }, ...at(code, `${callee}(`, occurrence), endColumn: at(code, `${callee}(`, occurrence).column + callee.length }],
    ...extra,
  };
}

/** The same report with the one suggestion it offers: waiting for the delay with `name`. */
function awaited(test: Case, name: string, output: string): Case {
  const [error] = test.errors;
  return { ...test, output: null, errors: [{ ...error, suggestions: [{ messageId: 'suggestAwaitDelay', data: { name }, output }] }] } as Case;
}

/** The same report with one suggestion of `messageId`, or none when `output` is omitted. */
function suggested(test: Case, messageId: MessageIds, data: Record<string, string> | undefined, output?: string): Case {
  const [error] = test.errors;
  const suggestions = output === undefined ? [] : [{ messageId, ...(data ? { data } : {}), output }];
  return { ...test, output: null, errors: [{ ...error, suggestions }] } as Case;
}

new SteadyStateRuleTester().run('no-timer-in-loop', rule, {
  valid: [
    // Sleeps in a retry loop.
    `export async function retry(fn) {\n  for (let attempt = 1; attempt <= 5; attempt++) {\n    try {\n      return await fn();\n    } catch {\n      await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 100));\n    }\n  }\n}`,
    `import { setTimeout as sleep } from 'node:timers/promises';\nexport async function poll(check) {\n  while (!(await check())) await sleep(1000);\n}`,
    `export async function poll(check) {\n  while (!(await check())) await delay(1000);\n}`,
    // Cleared within the iteration.
    `export async function consume(stream) {\n  for await (const event of stream) {\n    const watchdog = setTimeout(() => alarm(event), 30_000);\n    try {\n      await process(event);\n    } finally {\n      clearTimeout(watchdog);\n    }\n  }\n}`,
    // Kept per item where the rule cannot follow: a map of timers cleared elsewhere.
    `export function debounceAll(ids) {\n  for (const id of ids) {\n    pending.set(id, setTimeout(() => flush(id), 100));\n  }\n}`,
    // Literal small bounds.
    `for (let i = 0; i < 3; i++) {\n  setTimeout(() => ping(i), i * 1000);\n}`,
    `const PINGS = 3;\nfor (let i = 0; i < PINGS; i++) {\n  setTimeout(() => ping(i), i * 1000);\n}`,
    `for (const delay of [100, 500, 1000]) setTimeout(check, delay);`,
    // Timers outside loops, and loops in functions nested in the loop body that run later.
    `export function remind(user) {\n  setTimeout(() => send(user), 60_000);\n}`,
    `for (const route of routes) {\n  app.get(route.path, (req, res) => {\n    setTimeout(() => res.end(), 1000);\n  });\n}`,
    // The handles are collected (by map): kept where the rule cannot follow.
    `import { setTimeout as later } from 'node:timers';\nexport const schedule = (jobs) => jobs.map((job) => later(() => run(job), job.delay));`,
    // A short delay fires before timers can pile up: a grace period before disconnecting, a random stagger.
    `export function revoke(sockets, except) {\n  for (const s of sockets) {\n    if (s === except) continue;\n    s.emit('protocol_error', 'token revoked');\n    setTimeout(() => s.disconnect(true), 500);\n  }\n}`,
    `const STAGGER_MS = 1500;\nexport function spawnSenders(count) {\n  for (let i = 0; i < count; i++) {\n    setTimeout(() => senders.add(new Sender(i)), Math.random() * STAGGER_MS);\n  }\n}`,
    `export function flushLater(batches) {\n  batches.forEach((batch) => setTimeout(() => flush(batch)));\n}`,
    // The interval stored under the key before is cleared first: storing the new one replaces a stopped one.
    `const pollers = new Map();\nexport function pollAll(tenants) {\n  for (const tenant of tenants) {\n    clearInterval(pollers.get(tenant.id));\n    pollers.set(tenant.id, setInterval(() => void check(tenant.id), 10_000));\n  }\n}`,
    {
      code: `import { clearTimeout } from 'node:timers';\nexport class Feeds {\n  timers = new Map<string, NodeJS.Timeout>();\n  watch(feeds: { url: string }[]): void {\n    feeds.forEach((feed) => {\n      clearTimeout(this.timers.get(feed.url)!);\n      this.timers.set(feed.url, setInterval(() => refresh(feed), 60_000));\n    });\n  }\n}\ndeclare function refresh(feed: { url: string }): void;`,
      ts: true,
    },
    // Each handle kept and cleared when its item is done.
    `export class Poller {\n  start(session, entries) {\n    for (const entry of entries) {\n      const timer = setInterval(() => void session.read(entry.uuid), entry.intervalMs);\n      session.pollTimers.push(timer);\n    }\n  }\n  stop(session) {\n    for (const timer of session.pollTimers) clearInterval(timer);\n    session.pollTimers = [];\n  }\n}`,
    `export function listen(servers) {\n  return servers.map((server) => {\n    const heartbeat = setInterval(() => server.pingAll(), 30_000);\n    server.once('close', () => clearInterval(heartbeat));\n    return server;\n  });\n}`,
    `const timers = new Set();\nexport function watch(feeds) {\n  for (const feed of feeds) timers.add(setInterval(() => void refresh(feed), 60_000));\n}\nexport function stop() {\n  timers.forEach(clearInterval);\n  timers.clear();\n}`,
    // Not the real timers.
    `export function run(items, setTimeout) {\n  for (const item of items) setTimeout(() => handle(item), 10);\n}`,
    // A race timer in a loop is no-leaked-timer's concern.
    `export async function each(jobs) {\n  for (const job of jobs) {\n    await Promise.race([run(job), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000))]);\n  }\n}`,
    { code: `for (const id of ids as string[]) {\n  const t: NodeJS.Timeout = setTimeout(() => expire(id), 1000);\n  clearTimeout(t);\n}`, ts: true },
    // A promise-wrapped timer (a sleep) is awaited one at a time.
    `export async function scheduleAll(jobs) {\n  for (const job of jobs) await new Promise((resolve) => {\n    setTimeout(() => resolve(run(job)), 60_000);\n  });\n}`,
    // One slot for all items, looked at first: the previous timer is cleared before the next.
    `export class Notifier {\n  notifyAll(users) {\n    for (const user of users) {\n      clearTimeout(this.timer);\n      this.timer = setTimeout(() => notify(user), 60_000);\n    }\n  }\n  cancel() {\n    clearTimeout(this.timer);\n  }\n}`,
    `let retryTimer;\nexport function retryAll(jobs) {\n  jobs.forEach((job) => {\n    if (retryTimer) clearTimeout(retryTimer);\n    retryTimer = setTimeout(() => run(job), 30_000);\n  });\n}\nexport function stop() {\n  clearTimeout(retryTimer);\n}`,
    `let watchdog;\nexport async function drain(queue) {\n  for (const message of queue) {\n    watchdog = setTimeout(() => alarm(message), 30_000);\n    await handle(message);\n    clearTimeout(watchdog);\n  }\n}`,
  ],
  invalid: [
    // A queue consumer arming a "still running" warning per message, never cleared.
    awaited(
      invalid(
        `export async function drain(queue) {
  while (queue.length > 0) {
    const message = queue.shift();
    setTimeout(() => console.warn('slow message', message.id), 5000);
    await handle(message);
  }
}`,
        'setTimeout',
        'while loop',
      ),
      'setTimeout',
      `import { setTimeout } from 'node:timers/promises';

export async function drain(queue) {
  while (queue.length > 0) {
    const message = queue.shift();
    await setTimeout(5000);
    console.warn('slow message', message.id);
    await handle(message);
  }
}`,
    ),
    // Another \`setTimeout\` in the file keeps the global: the promise one gets a name of its own, after the imports.
    awaited(
      invalid(
        `import { handle } from './handle.js';\nexport async function notifyAll(users) {\n  for (const user of users) {\n    setTimeout(() => {\n      notify(user);\n    }, 3000);\n  }\n  setTimeout(done, 10);\n}`,
        'setTimeout',
        'for…of loop',
      ),
      'sleep',
      `import { handle } from './handle.js';\nimport { setTimeout as sleep } from 'node:timers/promises';\nexport async function notifyAll(users) {\n  for (const user of users) {\n    await sleep(3000);\n    notify(user);\n  }\n  setTimeout(done, 10);\n}`,
    ),
    // The file's own import is reused; CommonJS gets a require; no semicolons stay none.
    awaited(
      invalid(
        `import { setTimeout as wait } from 'node:timers/promises'\nexport async function sendAll(jobs) {\n  for (const job of jobs) {\n    setTimeout(() => ({ job }).job.send(), job.delay)\n    await wait(1)\n  }\n}`,
        'setTimeout',
        'for…of loop',
      ),
      'wait',
      `import { setTimeout as wait } from 'node:timers/promises'\nexport async function sendAll(jobs) {\n  for (const job of jobs) {\n    await wait(job.delay);\n    ({ job }).job.send()\n    await wait(1)\n  }\n}`,
    ),
    awaited(
      invalid(
        `const queue = require('./queue');\nmodule.exports = async function pump(items) {\n  for (const item of items) {\n    setTimeout(() => queue.push(item), 5000);\n  }\n  setTimeout(() => queue.flush(), 0);\n};`,
        'setTimeout',
        'for…of loop',
      ),
      'sleep',
      `const queue = require('./queue');\nconst { setTimeout: sleep } = require('node:timers/promises');\nmodule.exports = async function pump(items) {\n  for (const item of items) {\n    await sleep(5000);\n    queue.push(item);\n  }\n  setTimeout(() => queue.flush(), 0);\n};`,
    ),
    // No suggestion: a function that is not async, a callback of two statements, a comment that would be lost.
    {
      ...invalid(
        `export function arm(items) {\n  for (const item of items) {\n    setTimeout(() => item.expire(), 60_000);\n  }\n}`,
        'setTimeout',
        'for…of loop',
      ),
      output: null,
    },
    {
      ...invalid(
        `export async function arm(items) {\n  for (const item of items) {\n    setTimeout(() => {\n      item.expire();\n      log(item);\n    }, 60_000);\n  }\n}`,
        'setTimeout',
        'for…of loop',
      ),
      output: null,
    },
    {
      ...invalid(
        `export async function arm(items) {\n  for (const item of items) {\n    setTimeout(() => item.expire(), /* a minute */ 60_000);\n  }\n}`,
        'setTimeout',
        'for…of loop',
      ),
      output: null,
    },
    // A stagger of one timer per item, all created at once: one loop that waits between the items instead.
    suggested(
      invalid(
        `export function warmCaches(tenants) {
  tenants.forEach((tenant, index) => {
    setTimeout(() => void warm(tenant), index * 200);
  });
}`,
        'setTimeout',
        'forEach() callback',
      ),
      'suggestSequentialStagger',
      { name: 'setTimeout', delay: '200' },
      `import { setTimeout } from 'node:timers/promises';

export function warmCaches(tenants) {
  void (async () => {
    for (const tenant of tenants) {
      void warm(tenant);
      await setTimeout(200);
    }
  })();
}`,
    ),
    {
      ...suggested(
        invalid(
          `import { pool } from './db.js';

declare function syncTenant(id: string): Promise<void>;
const STAGGER_MS = 250;

/** After a deploy: warm every tenant, staggered. */
export function warmTenants(tenants: { id: string }[]): void {
  tenants.forEach((tenant: { id: string }, index: number) => {
    setTimeout(() => { // one tenant at a time
      syncTenant(tenant.id).catch((err: unknown) => console.error('warm-up failed', tenant.id, err));
    }, index * STAGGER_MS);
  });
  void pool;
}`,
          'setTimeout',
          'forEach() callback',
        ),
        'suggestSequentialStagger',
        { name: 'setTimeout', delay: 'STAGGER_MS' },
        `import { pool } from './db.js';
import { setTimeout } from 'node:timers/promises';

declare function syncTenant(id: string): Promise<void>;
const STAGGER_MS = 250;

/** After a deploy: warm every tenant, staggered. */
export function warmTenants(tenants: { id: string }[]): void {
  void (async () => {
    for (const tenant of tenants) { // one tenant at a time
      syncTenant(tenant.id).catch((err: unknown) => console.error('warm-up failed', tenant.id, err));
      await setTimeout(STAGGER_MS);
    }
  })();
  void pool;
}`,
      ),
      output: null,
      ts: true,
    },
    // Another `setTimeout` in the file: the promise one is required as `sleep`; a destructured item and the file's own import.
    suggested(
      invalid(
        `const { start } = require('./workers');
exports.startAll = function startAll(workers) {
  workers.forEach((worker, i) => {
    setTimeout(() => start(worker), STEP_MS * i);
  });
  setTimeout(report, 100);
};`,
        'setTimeout',
        'forEach() callback',
      ),
      'suggestSequentialStagger',
      { name: 'sleep', delay: 'STEP_MS' },
      `const { start } = require('./workers');
const { setTimeout: sleep } = require('node:timers/promises');
exports.startAll = function startAll(workers) {
  void (async () => {
    for (const worker of workers) {
      start(worker);
      await sleep(STEP_MS);
    }
  })();
  setTimeout(report, 100);
};`,
    ),
    suggested(
      invalid(
        `import { setTimeout as wait } from 'node:timers/promises'
export function greet(users) {
  users.forEach(({ id, name }, position) => {
    setTimeout(() => {
      // one greeting per user
      send(id, \`hello \${name}\`)
    }, position * 5000)
  })
  return wait
}`,
        'setTimeout',
        'forEach() callback',
      ),
      'suggestSequentialStagger',
      { name: 'wait', delay: '5000' },
      `import { setTimeout as wait } from 'node:timers/promises'
export function greet(users) {
  void (async () => {
    for (const { id, name } of users) {
      // one greeting per user
      send(id, \`hello \${name}\`)
      await wait(5000)
    }
  })()
  return wait
}`,
    ),
    // Not the mechanical shape: the index used in the work, a `return` in it, a comment outside it, another delay, a thisArg, awaited items.
    suggested(
      invalid(
        `export function warm(tenants) {
  tenants.forEach((tenant, index) => {
    setTimeout(() => load(tenant, index), index * 5000);
  });
}`,
        'setTimeout',
        'forEach() callback',
      ),
      'suggestSequentialStagger',
      undefined,
    ),
    suggested(
      invalid(
        `export function warm(tenants) {
  tenants.forEach((tenant, index) => {
    setTimeout(() => {
      if (!tenant.active) return;
      load(tenant);
    }, index * 5000);
  });
}`,
        'setTimeout',
        'forEach() callback',
      ),
      'suggestSequentialStagger',
      undefined,
    ),
    suggested(
      invalid(
        `export function warm(tenants) {
  tenants.forEach((tenant, index) => {
    setTimeout(() => load(tenant), /* stagger */ index * 5000);
  });
}`,
        'setTimeout',
        'forEach() callback',
      ),
      'suggestSequentialStagger',
      undefined,
    ),
    suggested(
      invalid(
        `export function warm(tenants) {
  tenants.forEach((tenant, index) => {
    setTimeout(() => load(tenant), (index + 1) * 5000);
  });
}`,
        'setTimeout',
        'forEach() callback',
      ),
      'suggestSequentialStagger',
      undefined,
    ),
    suggested(
      invalid(
        `export function warm(tenants, service) {
  tenants.forEach(function (tenant, index) {
    setTimeout(() => this.load(tenant), index * 5000);
  }, service);
}`,
        'setTimeout',
        'forEach() callback',
      ),
      'suggestSequentialStagger',
      undefined,
    ),
    suggested(
      invalid(
        `export function warm(tenant) {\n  tenant.children.forEach((tenant, index) => {\n    setTimeout(() => tenant.warm(), index * 5000);\n  });\n}`,
        'setTimeout',
        'forEach() callback',
      ),
      'suggestSequentialStagger',
      undefined,
    ),
    suggested(
      invalid(
        `export function warm(tenants) {\n  tenants.forEach((tenant, index) => {\n    setTimeout(() => {\n      const STEP = tenant.weight;\n      tenant.warm(STEP);\n    }, index * STEP);\n  });\n}`,
        'setTimeout',
        'forEach() callback',
      ),
      'suggestSequentialStagger',
      undefined,
    ),
    suggested(
      invalid(
        `export async function warm(load) {
  (await load()).forEach((tenant, index) => {
    setTimeout(() => tenant.warm(), index * 5000);
  });
}`,
        'setTimeout',
        'forEach() callback',
      ),
      'suggestSequentialStagger',
      undefined,
    ),
    // An interval stored under a key: clear the one stored there before.
    suggested(
      invalid(
        `const pollers = new Map();
export function pollAll(tenants) {
  for (const tenant of tenants) {
    pollers.set(tenant.id, setInterval(() => void check(tenant.id), 10_000));
  }
}`,
        'setInterval',
        'for…of loop',
        'intervalInLoop',
      ),
      'suggestClearStoredInterval',
      undefined,
      `const pollers = new Map();
export function pollAll(tenants) {
  for (const tenant of tenants) {
    clearInterval(pollers.get(tenant.id));
    pollers.set(tenant.id, setInterval(() => void check(tenant.id), 10_000));
  }
}`,
    ),
    // Another key cleared before is not the one replaced.
    {
      ...suggested(
        invalid(
          `export class Health {
  pollers = new Map<string, NodeJS.Timeout>();
  start(tenants: { id: string; name: string }[]): void {
    for (const tenant of tenants) {
      clearInterval(this.pollers.get(tenant.name));
      this.pollers.set(tenant.id, setInterval(() => check(tenant.id), 10_000).unref());
    }
  }
}
declare function check(id: string): void;`,
          'setInterval',
          'for…of loop',
          'intervalInLoop',
        ),
        'suggestClearStoredInterval',
        undefined,
        `export class Health {
  pollers = new Map<string, NodeJS.Timeout>();
  start(tenants: { id: string; name: string }[]): void {
    for (const tenant of tenants) {
      clearInterval(this.pollers.get(tenant.name));
      clearInterval(this.pollers.get(tenant.id));
      this.pollers.set(tenant.id, setInterval(() => check(tenant.id), 10_000).unref());
    }
  }
}
declare function check(id: string): void;`,
      ),
      output: null,
      ts: true,
    },
    // A key with side effects, a map that is not a plain reference, a local clearInterval: no suggestion.
    suggested(
      invalid(
        `const pollers = new Map();
export function pollAll(tenants) {
  for (const tenant of tenants) {
    pollers.set(nextId(), setInterval(() => void check(tenant), 10_000));
  }
}`,
        'setInterval',
        'for…of loop',
        'intervalInLoop',
      ),
      'suggestClearStoredInterval',
      undefined,
    ),
    suggested(
      invalid(
        `export function pollAll(tenants) {
  for (const tenant of tenants) {
    registry().set(tenant.id, setInterval(() => void check(tenant), 10_000));
  }
}`,
        'setInterval',
        'for…of loop',
        'intervalInLoop',
      ),
      'suggestClearStoredInterval',
      undefined,
    ),
    suggested(
      invalid(
        `const pollers = new Map();
export function pollAll(tenants, clearInterval) {
  for (const tenant of tenants) {
    pollers.set(tenant.id, setInterval(() => void check(tenant), 10_000));
  }
}`,
        'setInterval',
        'for…of loop',
        'intervalInLoop',
      ),
      'suggestClearStoredInterval',
      undefined,
    ),
    // An interval per item is reported even when it is kept, and even with a literal bound.
    invalid(
      `for (const name of ['orders', 'payments']) {\n  timers[name] = setInterval(() => flush(name), 1000);\n}`,
      'setInterval',
      'for…of loop',
      'intervalInLoop',
    ),
    invalid(
      `export async function consume(stream) {
  for await (const event of stream) {
    const watchdog = setTimeout(() => alarm(event), 30_000);
    await process(event);
  }
}`,
      'setTimeout',
      'for…of loop',
    ),
    invalid(
      `import { setTimeout as later } from 'node:timers';\nexport const schedule = (jobs) => jobs.forEach((job) => {\n  later(() => run(job), job.delay);\n});`,
      'later',
      'forEach() callback',
    ),
    invalid(`for (let i = 0; i < retries.length; i++) {\n  globalThis.setTimeout(() => attempt(i), i * 1000);\n}`, 'globalThis.setTimeout', 'for loop'),
    invalid(`for (let i = 0; i < 50; i++) {\n  setTimeout(() => attempt(i), i * 1000);\n}`, 'setTimeout', 'for loop', 'timerInLoop', {
      options: [{ maxLiteralIterations: 3 }],
    }),
    // A bound the file states through a const is decided by its value, as a literal is.
    invalid(
      `const ATTEMPTS = 50;\nfor (let i = 0; i < ATTEMPTS; i++) {\n  setTimeout(() => attempt(i), i * 1000);\n}`,
      'setTimeout',
      'for loop',
      'timerInLoop',
      { options: [{ maxLiteralIterations: 3 }] },
    ),
    // Handles kept under a key and cleared on stop: a second run with the same keys drops live intervals.
    suggested(
      invalid(
        `const pollers = new Map();
export function pollAll(tenants) {
  for (const tenant of tenants) pollers.set(tenant.id, setInterval(() => void check(tenant.id), 10_000));
}
export function stop() {
  for (const handle of pollers.values()) clearInterval(handle);
  pollers.clear();
}`,
        'setInterval',
        'for…of loop',
        'intervalInLoop',
      ),
      'suggestClearStoredInterval',
      undefined,
      `const pollers = new Map();
export function pollAll(tenants) {
  for (const tenant of tenants) { clearInterval(pollers.get(tenant.id)); pollers.set(tenant.id, setInterval(() => void check(tenant.id), 10_000)); }
}
export function stop() {
  for (const handle of pollers.values()) clearInterval(handle);
  pollers.clear();
}`,
    ),
    // Handles collected and cleared on stop but never emptied: each run adds more live intervals.
    invalid(
      `const timers = [];
export function watch(feeds) {
  for (const feed of feeds) timers.push(setInterval(() => void refresh(feed), 60_000));
}
export function stop() {
  timers.forEach((timer) => clearInterval(timer));
}`,
      'setInterval',
      'for…of loop',
      'intervalInLoop',
    ),
    // A stagger up to ten seconds, or a short delay when the option turns short delays off.
    invalid(`for (const node of nodes) {\n  setTimeout(() => node.start(), Math.random() * 10_000);\n}`, 'setTimeout', 'for…of loop'),
    invalid(
      `export function kick(sockets) {\n  for (const socket of sockets) setTimeout(() => socket.disconnect(true), 500);\n}`,
      'setTimeout',
      'for…of loop',
      'timerInLoop',
      { options: [{ shortDelayMs: 0 }] },
    ),
    {
      ...invalid(
        `export function remindAll(users: { id: string }[]): void {\n  for (const user of users) {\n    setTimeout(() => remind(user.id), 60_000);\n  }\n}`,
        'setTimeout',
        'for…of loop',
      ),
      output: null,
      ts: true,
    },
    // One slot for all items, cleared somewhere: each iteration overwrites a live handle, so only the
    // last timer can ever be cleared.
    invalid(
      `export class Notifier {\n  notifyAll(users) {\n    for (const user of users) {\n      this.timer = setTimeout(() => notify(user), 60_000);\n    }\n  }\n  cancel() {\n    clearTimeout(this.timer);\n  }\n}`,
      'setTimeout',
      'for…of loop',
    ),
    invalid(
      `let retryTimer;\nexport function retryAll(jobs) {\n  jobs.forEach((job) => {\n    retryTimer = setTimeout(() => run(job), 30_000);\n  });\n}\nexport function stop() {\n  clearTimeout(retryTimer);\n}`,
      'setTimeout',
      'forEach() callback',
    ),
  ],
});
