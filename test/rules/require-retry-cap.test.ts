import rule, { type MessageIds, type Options } from '../../rules/require-retry-cap.js';
import { at } from '../support/location.js';
import { SteadyStateRuleTester, type InvalidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;

/** The suggestion a finding offers, by its output. */
type Suggestion = { messageId: MessageIds; data: { max: number }; output: string };
const suggestions = (messageId: MessageIds, output: string | undefined): { suggestions?: Suggestion[] } =>
  output === undefined ? {} : { suggestions: [{ messageId, data: { max: 5 }, output }] };

const loop = (code: string, keyword: 'while' | 'for' | 'do', suggestion?: string): Case => {
  // the keyword token that starts the loop: `for (`, `while (`, `do {`
  const location = at(code, `${keyword} `);
  return {
    code,
    output: null,
    errors: [
      { messageId: 'retryLoopWithoutCap', ...location, endColumn: location.column + keyword.length, ...suggestions('suggestAttemptCounter', suggestion) },
    ],
  };
};
const recursive = (
  code: string,
  callee: string,
  occurrence: number | 'last' = 'last',
  suggestion?: string,
  suggestionId: MessageIds = 'suggestAttemptParameter',
): Case => {
  const location = at(code, `${callee}(`, occurrence);
  return {
    code,
    output: null,
    errors: [
      {
        messageId: 'recursiveRetryWithoutCap',
        data: { name: callee },
        ...location,
        endColumn: location.column + callee.length,
        ...suggestions(suggestionId, suggestion),
      },
    ],
  };
};
const forever = (code: string, property: string, option: string, suggestion?: string): Case => ({
  code,
  output: null,
  errors: [{ messageId: 'retryForever', data: { option }, ...at(code, property), ...suggestions('suggestFiniteRetries', suggestion) }],
});

/** A retry wrapper of the team's own, named in options: `withRetry(fn, { tries, keepTrying })`. */
const acmeRetry: Options = [{ retryLibraries: [{ name: 'withRetry', from: '@acme/resilience', limits: ['tries'], forever: ['keepTrying'] }] }];

new SteadyStateRuleTester().run('require-retry-cap', rule, {
  valid: [
    // The same interceptor marking the request as retried, or counting its retries.
    `import axios from 'axios';
export const api = axios.create({ baseURL: API_URL, timeout: 10_000 });
api.interceptors.response.use(
  (response) => response,
  async (error) => {
    const original = error.config;
    if (error.response?.status === 401 && !original._retry) {
      original._retry = true;
      original.headers.Authorization = \`Bearer \${await refreshToken()}\`;
      return api(original);
    }
    return Promise.reject(error);
  },
);`,
    `async function onRejected(error) {\n  const { config } = error;\n  config.retryCount = (config.retryCount ?? 0) + 1;\n  if (config.retryCount > 3) throw error;\n  await sleep(1000);\n  return client.request({ ...config });\n}\nclient.interceptors.response.use(undefined, onRejected);`,
    // An interceptor that reports the failure without sending the request again.
    `api.interceptors.response.use(undefined, (error) => {\n  metrics.increment('upstream.errors', { url: error.config.url });\n  return Promise.reject(error);\n});`,
    // Defaults that callers' options override are not a setting.
    `const DEFAULT_RECOVERY = { initialDelay: 100, maxDelay: 30_000, maxRetries: Infinity };\nexport function recoveryOptions(options) {\n  return { ...DEFAULT_RECOVERY, ...options };\n}`,
    // A deadline read from any clock, and a labelled \`continue\` that goes round the outer loop, leaving this one.
    `export async function withTransaction(session, work, deadline) {\n  let committed = false;\n  retryTransaction: for (let attempt = 0; !committed; attempt++) {\n    await work(session);\n    while (!committed) {\n      try {\n        await session.commit();\n        committed = true;\n      } catch (err) {\n        if (err.transient) continue retryTransaction;\n        if (processTimeMS() >= deadline) throw err;\n      }\n    }\n  }\n}`,
    // The count raised here and compared in a helper the failure path asks.
    `export class TokenManager {
  shouldRetry() {
    return this.retryAttempt < this.config.maxAttempts;
  }
  async refresh() {
    try {
      await this.provider.requestToken();
      this.retryAttempt = 0;
    } catch (error) {
      if (!this.shouldRetry(error)) return this.stop();
      this.retryAttempt++;
      this.scheduleNextRefresh(1000 * this.retryAttempt);
    }
  }
  scheduleNextRefresh(delay) {
    this.timer = setTimeout(() => this.refresh(), delay);
  }
}`,
    // A scheduler called on success too: the next step of a state machine, not a retry.
    `export class Subchannel {
  startConnecting() {
    this.connector.connect(this.address).then(
      (transport) => this.transitionTo('READY', transport),
      (error) => this.transitionTo('TRANSIENT_FAILURE', error),
    );
  }
  transitionTo(state) {
    this.state = state;
    if (state === 'TRANSIENT_FAILURE') this.backoffTimer = setTimeout(() => this.startConnecting(), this.backoff.next());
  }
}`,
    // A periodic task restarted after a failure: a function it calls on success schedules it again, so the restart keeps the period.
    `export class Monitor {
  start() {
    const beat = async () => {
      await this.check();
      if (!this.isStop) this.heartbeat = setTimeout(safeBeat, this.interval * 1000);
    };
    const safeBeat = async () => {
      try {
        await beat();
      } catch (e) {
        log.error(e);
        this.heartbeat = setTimeout(safeBeat, this.interval * 1000);
      }
    };
    safeBeat();
  }
}`,
    // A background retry stopped by its owner's private flag, here in the scheduler.
    `export class Store {
  _autoFlush() {
    this._flushing = this._flushChain.then(() => this._drain()).then(() => {
      this._retryTimer = null;
    }, () => {
      this._scheduleRetry();
    });
  }
  _scheduleRetry() {
    if (this._retryTimer || this._closed) return;
    this._retryTimer = setTimeout(() => {
      this._retryTimer = null;
      this._autoFlush();
    }, this.options.flushInterval * 2);
  }
}`,
    // A catch that leaves on every path, decided on the code paths: both arms of an if/else throw, nested ifs, a return in one
    // arm and a throw in the other, every arm of a switch with a default.
    `export async function send(message) {\n  for (;;) {\n    try {\n      return await broker.publish(message);\n    } catch (err) {\n      if (err.fatal) {\n        throw err;\n      } else {\n        throw new Error('publish failed', { cause: err });\n      }\n    }\n  }\n}`,
    `export async function send(message) {\n  for (;;) {\n    try {\n      return await broker.publish(message);\n    } catch (err) {\n      if (err.fatal) {\n        if (err.code === 'EAUTH') throw new AuthError(err);\n        else throw err;\n      } else {\n        return null;\n      }\n    }\n  }\n}`,
    `export async function send(message) {\n  while (true) {\n    try {\n      return await broker.publish(message);\n    } catch (err) {\n      if (err.code === 'EAUTH') return null;\n      else throw err;\n    }\n  }\n}`,
    `export async function send(message) {\n  while (true) {\n    try {\n      return await broker.publish(message);\n    } catch (err) {\n      switch (err.code) {\n        case 'EAUTH':\n          throw new AuthError(err);\n        case 'EINVAL':\n          return null;\n        default:\n          throw err;\n      }\n    }\n  }\n}`,
    `export async function send(message) {\n  outer: while (true) {\n    try {\n      return await broker.publish(message);\n    } catch (err) {\n      switch (err.code) {\n        case 'ECONNRESET':\n          break outer;\n        default:\n          throw err;\n      }\n    }\n  }\n  return null;\n}`,
    // A count compared on every path from the catch back round, here at the top of the loop.
    `export async function connect() {\n  let attempt = 0;\n  while (true) {\n    if (attempt++ >= 5) throw new Error('cannot connect');\n    try {\n      return await client.connect();\n    } catch (err) {\n      log.warn(err);\n      await sleep(1000);\n    }\n  }\n}`,
    `const FOREVER = true;\nexport async function connect() {\n  let attempt = 0;\n  while (FOREVER) {\n    try {\n      return await client.connect();\n    } catch (err) {\n      if (err.code === 'ECONNREFUSED') await sleep(1000);\n      if (++attempt > 5) throw err;\n    }\n  }\n}`,
    // Retry options that are finite by value, or not retry counts at all.
    `import pRetry from 'p-retry';\nconst MAX_RETRIES = 5;\nawait pRetry(() => sync(id), { retries: MAX_RETRIES });`,
    `import pRetry from 'p-retry';\nconst options = { retries: 3, minTimeout: 500 };\nexport const sync = (id) => pRetry(() => push(id), options);`,
    `import { Queue } from 'bullmq';\nexport const emails = new Queue('emails', { defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1000 } } });`,
    `export const billing = createClient({ baseUrl: BILLING_URL, maxRetries: config.maxRetries });`,
    `import ky from 'ky';\nexport const api = ky.create({ prefixUrl: API_URL, retry: { limit: 2 }, timeout: Infinity });`,
    `export function withRetry(fn, { retries = Infinity } = {}) {\n  return run(fn, retries);\n}`,
    // \`-1\` only where the library documents it as unlimited; \`forever\` alone is not a retry option (request keeps sockets alive).
    `import { connect } from 'nats';\nexport const nc = await connect({ servers: NATS_URL, maxReconnectAttempts: 10 });`,
    `export const billing = createClient({ baseUrl: BILLING_URL, maxRetries: -1 });`,
    `import request from 'request';\nrequest({ url: STATUS_URL, forever: true, timeout: 5000 }, onStatus);`,
    `const pRetry = (fn, options) => fn(options);\npRetry(work, { forever: true });`,
    // A refresh that happens once: a flag, an option, or an attempt parameter compared.
    `export class ApiClient {
  async send(message, retried = false) {
    const res = await fetch(this.url, { method: 'POST', body: JSON.stringify(message), headers: { authorization: this.token } });
    if (res.status === 401 && !retried) {
      this.token = await this.refreshToken();
      return this.send(message, true);
    }
    return res.json();
  }
}`,
    `export class ApiClient {
  async send(message, options = {}) {
    const res = await fetch(this.url, { method: 'POST', body: JSON.stringify(message), headers: { authorization: this.token } });
    if (res.status === 401 && !options.isRetry) {
      this.token = await this.refreshToken();
      return this.send(message, { ...options, isRetry: true });
    }
    return res.json();
  }
}`,
    // The same through node's statusCode, counted.
    `export async function getPage(client, page, attempt = 0) {
  const response = await client.request(\`/items?page=\${page}\`);
  if (response.statusCode >= 500 && attempt < 3) {
    await sleep(1000);
    return getPage(client, page, attempt + 1);
  }
  return response.body;
}`,
    `export async function getOrders(client, page, attempt = 0) {
  const response = await client.get(\`/orders?page=\${page}\`);
  if ([502, 503, 504].includes(response.status) && attempt < 3) {
    await sleep(1000);
    return getOrders(client, page, attempt + 1);
  }
  return response.data;
}`,
    `export class Webhooks {
  async deliver(event, attempt = 1) {
    const res = await fetch(event.url, { method: 'POST', body: event.body, signal: AbortSignal.timeout(5000) });
    switch (res.status) {
      case 429:
        if (attempt >= MAX_ATTEMPTS) throw new Error('rate limited');
        await sleep(Number(res.headers.get('retry-after')) * 1000);
        return this.deliver(event, attempt + 1);
      default:
        return res.ok;
    }
  }
}`,
    // Calling itself on a success status is polling or paging, not a retry.
    `export async function waitForExport(id) {
  const res = await fetch(\`\${API}/exports/\${id}\`);
  if (res.status === 202) {
    await sleep(1000);
    return waitForExport(id);
  }
  return res.json();
}`,
    // A reconnect whose count is compared with a maximum, here or in its scheduler.
    `export class Feed {
  connect(attempt = 0) {
    const socket = new WebSocket(this.url);
    socket.on('open', () => this.subscribe(socket));
    socket.on('close', () => {
      if (attempt >= MAX_RECONNECTS) return this.emit('failed');
      setTimeout(() => this.connect(attempt + 1), Math.min(1000 * 2 ** attempt, 30_000));
    });
  }
}`,
    `export class Feed {
  connect(attempt = 0) {
    const socket = new WebSocket(this.url);
    socket.on('error', () => this.scheduleReconnect(attempt + 1));
  }
  scheduleReconnect(attempt) {
    if (attempt > this.maxReconnects) return this.emit('error', new Error('gave up reconnecting'));
    this.timer = setTimeout(() => this.connect(attempt), Math.min(500 * attempt, 10_000));
  }
}`,
    `function connect(attempt) {
  const client = net.connect(PORT, HOST);
  client.on('error', () => retryLater(attempt + 1));
}
function retryLater(attempt) {
  if (attempt > 5) throw new Error('cannot reach the server');
  setTimeout(() => connect(attempt), 1000 * attempt);
}
connect(0);`,
    // \`.catch()\`-driven retries with a count that runs out.
    `export function start(attempt = 0) {\n  consumer.run().catch((err) => {\n    if (attempt >= 5) return fail(err);\n    setTimeout(() => start(attempt + 1), 1000);\n  });\n}`,
    `export const subscribe = (topic, left = 5) => broker.subscribe(topic).catch((err) => (left > 0 ? delay(1000).then(() => subscribe(topic, left - 1)) : Promise.reject(err)));`,
    // Handed on as the success step: a loop of work, not a retry.
    `export function pump() {\n  return source.read().then(pump);\n}`,
    // Capped loops: in the condition, in the catch, a deadline, a signal.
    `export async function fetchWithRetry(url) {\n  for (let attempt = 1; attempt <= 5; attempt++) {\n    try {\n      return await fetch(url, { signal: AbortSignal.timeout(5000) });\n    } catch {\n      await sleep(2 ** attempt * 100);\n    }\n  }\n  throw new Error('gave up');\n}`,
    `export async function connect() {\n  let attempt = 0;\n  while (true) {\n    try {\n      return await client.connect();\n    } catch (err) {\n      if (++attempt >= 10) throw err;\n      await sleep(1000 * attempt);\n    }\n  }\n}`,
    `export async function waitUntilReady(deadline) {\n  while (true) {\n    try {\n      await ping();\n      return;\n    } catch (err) {\n      if (Date.now() > deadline) throw err;\n    }\n  }\n}`,
    `export async function poll(signal) {\n  while (true) {\n    try {\n      return await check();\n    } catch {\n      if (signal.aborted) return;\n    }\n  }\n}`,
    // A catch that gives up.
    `export async function once() {\n  while (true) {\n    try {\n      return await work();\n    } catch (err) {\n      throw new Error('failed', { cause: err });\n    }\n  }\n}`,
    // A message consumer: success goes round again too; the catch handles one message's failure.
    `export async function consume(queue) {\n  while (true) {\n    const message = await queue.next();\n    if (!message) break;\n    try {\n      await handle(message);\n    } catch (err) {\n      log.error('message failed', err);\n      await queue.deadLetter(message);\n    }\n  }\n}`,
    `export async function run(worker) {\n  for (;;) {\n    try {\n      await worker.tick();\n    } catch (err) {\n      log.error(err);\n    }\n  }\n}`,
    // Going round only after a recovery step that gives up when it fails (a change stream resuming).
    `export async function next(stream) {\n  while (true) {\n    try {\n      return await stream.cursor.next();\n    } catch (error) {\n      try {\n        await stream.resume(error);\n      } catch (resumeError) {\n        await stream.close();\n        throw resumeError;\n      }\n    }\n  }\n}`,
    // An exit decided after the try.
    `export async function read(reader) {\n  while (true) {\n    let failed = false;\n    try {\n      const { done } = await reader.read();\n      if (done) return;\n    } catch {\n      failed = true;\n    }\n    if (failed) return;\n  }\n}`,
    // Recursive retries with an attempt argument.
    `export async function upload(file, attempt = 1) {\n  try {\n    return await put(file);\n  } catch (err) {\n    if (attempt >= 3) throw err;\n    return upload(file, attempt + 1);\n  }\n}`,
    `function connect(retries) {\n  client.connect().catch(() => {\n    if (retries > 0) setTimeout(() => connect(retries - 1), 1000);\n  });\n}\nconnect(5);`,
    // A flag argument that sends the recursive call down a branch that does not recurse.
    `export class Repos {\n  async setup(id, { forceCreate = false } = {}) {\n    if (forceCreate) return this.create(id);\n    try {\n      return await this.open(id);\n    } catch (err) {\n      return this.setup(id, { forceCreate: true });\n    }\n  }\n}`,
    `export class Monitor {\n  async request(options, finalCall = false) {\n    try {\n      return await axios.request(options);\n    } catch (e) {\n      if (!finalCall && isTruncated(e)) {\n        options.headers['Accept-Encoding'] = 'gzip';\n        return this.request(options, true);\n      }\n      throw e;\n    }\n  }\n}`,
    `export async function load(id, options = {}) {\n  try {\n    return await (options.fromReplica ? replica : primary).get(id);\n  } catch (err) {\n    if (options.fromReplica) throw err;\n    return load(id, { fromReplica: true });\n  }\n}`,
    // An attempt counter kept on an object: raised here or by the queue, compared against a bound.
    `export async function runJob(job) {\n  try {\n    return await execute(job);\n  } catch (err) {\n    if (job.attemptsMade >= MAX_ATTEMPTS) throw err;\n    return runJob(job);\n  }\n}`,
    `export class Connector {\n  async connect() {\n    while (true) {\n      try {\n        return await this.client.connect();\n      } catch (err) {\n        this.attempts++;\n        if (this.attempts > this.maxAttempts) throw err;\n        await sleep(1000);\n      }\n    }\n  }\n}`,
    `export function deliver(message, state) {\n  transport.send(message, (err) => {\n    if (err && state.retries++ < MAX_RETRIES) return deliver(message, state);\n    state.done(err);\n  });\n}`,
    // A drain that moves on to the next item on failure too.
    `export function flush() {\n  const batch = pending.shift();\n  if (!batch) return Promise.resolve();\n  return upload(batch).then(flush, (err) => {\n    log.warn('batch failed', err);\n    return flush();\n  });\n}`,
    `export function sendNext(done) {\n  const message = outbox.shift();\n  if (!message) return done();\n  transport.send(message, (err) => {\n    if (err) {\n      log.warn('dropping message', err);\n      return sendNext(done);\n    }\n    return done();\n  });\n}`,
    `function next() {\n  while ((resource = stack.pop())) {\n    try {\n      const result = resource.dispose();\n      if (resource.async) return Promise.resolve(result).then(next, (e) => { fail(e); return next(); });\n    } catch (e) {\n      fail(e);\n    }\n  }\n}`,
    // Retrying only a conflict, which means another writer got there first.
    `export class Tokens {\n  async rotate(id) {\n    try {\n      return await this.db.transaction((tx) => swapToken(tx, id));\n    } catch (err) {\n      if (err instanceof ConcurrentRefreshError) return this.rotate(id);\n      throw err;\n    }\n  }\n}`,
    // Asking the user again.
    `export function login(cb) {\n  const retry = () => {\n    promptly.prompt('Username: ', (err, username) => {\n      if (err) return retry();\n      authenticate(username, (err, token) => {\n        if (err) return retry();\n        cb(null, token);\n      });\n    });\n  };\n  retry();\n}`,
    // A reconnect that stops when its owner is closed, backing off between attempts.
    `export function watch(session) {\n  const reconnect = (attempt) => {\n    session.timer = setTimeout(async () => {\n      try {\n        await session.device.connect();\n      } catch (err) {\n        if (!session.closed) reconnect(attempt + 1);\n      }\n    }, Math.min(1000 * 2 ** attempt, 60_000));\n  };\n  reconnect(1);\n}`,
    // Walking up to a root it tests for: recursion on a new value, not a retry.
    `import fs from 'node:fs';\nimport path from 'node:path';\nexport function projectName(dir) {\n  try {\n    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name;\n  } catch (error) {\n    const parent = path.dirname(dir);\n    if (parent === dir) return null;\n    return projectName(parent);\n  }\n}`,
    // The failure path empties the state the function tests first, so the next call takes a branch that does not recurse.
    `export class TokenWorkflow {
  async execute(connection) {
    if (this.cache.hasAccessToken) {
      try {
        return await this.authenticate(connection, this.cache.getAccessToken());
      } catch (err) {
        if (!isAuthError(err)) throw err;
        this.cache.removeAccessToken();
        return await this.execute(connection);
      }
    }
    const token = await this.fetchToken();
    this.cache.put(token);
    return this.authenticate(connection, token);
  }
}`,
    `let useCache = true;
export async function loadSettings() {
  if (useCache) {
    try {
      return await readCachedSettings();
    } catch (err) {
      log.warn('settings cache unreadable', err);
      useCache = false;
      return loadSettings();
    }
  }
  return fetchSettings();
}`,
    `export class Session {
  async send(message) {
    if (!this.token) return this.post(message, await this.login());
    try {
      return await this.post(message, this.token);
    } catch (err) {
      this.token = null;
      return this.send(message);
    }
  }
}`,
    `const sessions = new Map();
export function query(host, sql, done) {
  if (!sessions.has(host)) return openAndRun(host, sql, done);
  sessions.get(host).run(sql, (err, rows) => {
    if (err) {
      sessions.delete(host);
      return query(host, sql, done);
    }
    done(null, rows);
  });
}`,
    {
      code: `export class Client {
  private token: string | null = null;
  async call(path: string): Promise<Response> {
    if (this.token !== null) {
      try {
        return await this.get(path, this.token);
      } catch (err: unknown) {
        delete (this as { token?: string | null }).token;
        this.token = null;
        return this.call(path);
      }
    }
    return this.get(path, await this.login());
  }
}`,
      ts: true,
    },
    // Calling itself on success too: a poller, not a retry.
    `function report() {\n  send().then(() => setTimeout(report, 60000)).catch(() => setTimeout(report, 5000));\n}\nreport();`,
    // Without `errorNames`, a first parameter of another name is not an error the callback tests.
    `export function deliver(message, done) {\n  transport.send(message, (failure) => {\n    if (failure) return deliver(message, done);\n    done();\n  });\n}`,
    // Paging from the success branch of an error-first callback.
    `function fetchRows(rs, done) {\n  rs.getRows(100, (err, rows) => {\n    if (err) return done(err);\n    else if (rows.length) fetchRows(rs, done);\n    else done();\n  });\n}`,
    // Finite library configs and defaults.
    `import pRetry from 'p-retry';\nawait pRetry(() => fetchSettings(id), { retries: 5 });`,
    `import pRetry from 'p-retry';\nawait pRetry(() => fetchSettings(id));`,
    `import got from 'got';\nawait got(url, { retry: { limit: 2 } });`,
    `const retry = require('retry');\nconst operation = retry.operation({ retries: 5, forever: false });`,
    // A retry function named in `retryLibraries`: finite, its flag off, or another module's function of that name.
    {
      code: `import { withRetry } from '@acme/resilience';\nexport const send = (message) => withRetry(() => broker.send(message), { tries: 3 });`,
      options: acmeRetry,
    },
    {
      code: `import { withRetry } from '@acme/resilience';\nexport const send = (message) => withRetry(() => broker.send(message), { keepTrying: false, tries: 3 });`,
      options: acmeRetry,
    },
    {
      code: `import { withRetry } from './retry';\nexport const send = (message) => withRetry(() => broker.send(message), { tries: Infinity });`,
      options: acmeRetry,
    },
    // Its options only where `optionsAt` says they are.
    {
      code: `import { withRetry } from '@acme/resilience';\nexport const send = (message) => withRetry({ tries: Infinity }, () => broker.send(message));`,
      options: [{ retryLibraries: [{ name: 'withRetry', from: '@acme/resilience', optionsAt: [1], limits: ['tries'] }] }],
    },
    // Without the option, a count the rule does not know by name is not a retry cap.
    `import { withRetry } from '@acme/resilience';\nexport const send = (message) => withRetry(() => broker.send(message), { tries: Infinity });`,
    // Not the retry libraries.
    {
      code: `export async function connect(): Promise<void> {\n  for (let i = 0; i < 3; i++) {\n    try {\n      await client.connect();\n      return;\n    } catch (err: unknown) {\n      console.warn(err);\n    }\n  }\n}`,
      ts: true,
    },
  ],
  invalid: [
    // A DB reconnect loop that never gives up.
    loop(
      `export async function waitForDatabase(pool) {
  for (;;) {
    try {
      await pool.query('SELECT 1');
      return;
    } catch (err) {
      console.warn('database not ready, retrying', err);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}`,
      'for',
      `export async function waitForDatabase(pool) {
  let attempt = 0;
  for (;;) {
    try {
      await pool.query('SELECT 1');
      return;
    } catch (err) {
      if (++attempt > 5) throw err;
      console.warn('database not ready, retrying', err);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}`,
    ),
    loop(
      `export async function createInvoice(order) {
  while (true) {
    try {
      const { data } = await billing.post('/invoices', order);
      return data;
    } catch {
      await sleep(1000);
    }
  }
}`,
      'while',
      `export async function createInvoice(order) {
  let attempt = 0;
  while (true) {
    try {
      const { data } = await billing.post('/invoices', order);
      return data;
    } catch (error) {
      if (++attempt > 5) throw error;
      await sleep(1000);
    }
  }
}`,
    ),
    loop(
      `export async function connect() {
  let connected = false;
  while (!connected) {
    try {
      await client.connect();
      connected = true;
    } catch (err) {
      log.warn(err);
    }
  }
}`,
      'while',
      `export async function connect() {
  let connected = false;
  let attempt = 0;
  while (!connected) {
    try {
      await client.connect();
      connected = true;
    } catch (err) {
      if (++attempt > 5) throw err;
      log.warn(err);
    }
  }
}`,
    ),
    loop(
      `do {\n  try {\n    await publish(entry);\n    break;\n  } catch {}\n} while (true);`,
      'do',
      `let attempt = 0;
do {
  try {
    await publish(entry);
    break;
  } catch (error) { if (++attempt > 5) throw error; }
} while (true);`,
    ),
    // Giving up on some errors still retries the others forever.
    loop(
      `export async function send(message) {\n  for (;;) {\n    try {\n      return await broker.publish(message);\n    } catch (err) {\n      if (!isRetryable(err)) throw err;\n      await sleep(500);\n    }\n  }\n}`,
      'for',
      `export async function send(message) {
  let attempt = 0;
  for (;;) {
    try {
      return await broker.publish(message);
    } catch (err) {
      if (++attempt > 5) throw err;
      if (!isRetryable(err)) throw err;
      await sleep(500);
    }
  }
}`,
    ),
    // An error-first callback whose error parameter has a name given in `errorNames`.
    {
      ...recursive(
        `export function deliver(message, done) {\n  transport.send(message, (failure) => {\n    if (failure) return deliver(message, done);\n    done();\n  });\n}`,
        'deliver',
      ),
      output: null,
      options: [{ errorNames: ['failure'] }],
    },
    // Recursive retries: from catch, from .catch() through a timer, from an error-first callback.
    recursive(
      `export class Client {
  async getAccount(id) {
    try {
      return await this.get(\`/accounts/\${id}\`);
    } catch (err) {
      return this.getAccount(id);
    }
  }
}`,
      'this.getAccount',
      'last',
      `export class Client {
  async getAccount(id, attempt = 0) {
    try {
      return await this.get(\`/accounts/\${id}\`);
    } catch (err) {
      if (attempt >= 5) throw err;
      return this.getAccount(id, attempt + 1);
    }
  }
}`,
    ),
    // From the handler of a promise nobody holds: giving up there is an unhandled rejection.
    recursive(
      `function connect() {
  amqp.connect(URL).then(onChannel).catch((err) => {
    log.error(err);
    setTimeout(() => connect(), 5000);
  });
}
connect();`,
      'connect',
      3,
      `function connect(attempt = 0) {
  amqp.connect(URL).then(onChannel).catch((err) => {
    if (attempt >= 5) throw err;
    log.error(err);
    setTimeout(() => connect(attempt + 1), 5000);
  });
}
connect();`,
      'suggestAttemptParameterRejection',
    ),
    {
      ...recursive(
        `import amqp from 'amqplib';

const AMQP_URL = process.env.AMQP_URL ?? 'amqp://localhost';

function connect(): void {
  amqp
    .connect(AMQP_URL)
    .then(async (connection) => {
      await connection.createChannel();
    })
    .catch((err: unknown) => {
      console.error('broker connection failed, reconnecting', err);
      setTimeout(() => connect(), 5_000);
    });
}

export function start(): void {
  connect();
}`,
        'connect',
        3,
        `import amqp from 'amqplib';

const AMQP_URL = process.env.AMQP_URL ?? 'amqp://localhost';

function connect(attempt = 0): void {
  amqp
    .connect(AMQP_URL)
    .then(async (connection) => {
      await connection.createChannel();
    })
    .catch((err: unknown) => {
      if (attempt >= 5) throw err;
      console.error('broker connection failed, reconnecting', err);
      setTimeout(() => connect(attempt + 1), 5_000);
    });
}

export function start(): void {
  connect();
}`,
        'suggestAttemptParameterRejection',
      ),
      output: null,
      ts: true,
    },
    // A handler with no parameter gets one (`unknown` in TypeScript); no semicolons; the rejection handler of `.then()`.
    {
      ...recursive(
        `export function subscribe(topic: string) {
  void broker.subscribe(topic).catch(() => {
    setTimeout(() => subscribe(topic), 1000)
  })
}`,
        'subscribe',
        'last',
        `export function subscribe(topic: string, attempt = 0) {
  void broker.subscribe(topic).catch((error: unknown) => {
    if (attempt >= 5) throw error
    setTimeout(() => subscribe(topic, attempt + 1), 1000)
  })
}`,
        'suggestAttemptParameterRejection',
      ),
      output: null,
      ts: true,
    },
    recursive(
      `export function watch(path) {
  store.watch(path).then(onChange, (err) => {
    log.warn(err);
    watch(path);
  });
}`,
      'watch',
      'last',
      `export function watch(path, attempt = 0) {
  store.watch(path).then(onChange, (err) => {
    if (attempt >= 5) throw err;
    log.warn(err);
    watch(path, attempt + 1);
  });
}`,
      'suggestAttemptParameterRejection',
    ),
    // Not the mechanical shape: the chain returned, awaited or caught again, a handler without a block, the function handed on as a listener.
    recursive(
      `function connect() {
  return client.connect().catch((err) => {
    setTimeout(() => connect(), 1000);
  });
}
connect();`,
      'connect',
      3,
    ),
    recursive(
      `async function connect() {
  await client.connect().catch((err) => {
    setTimeout(() => connect(), 1000);
  });
}
connect();`,
      'connect',
      3,
    ),
    recursive(
      `function connect() {
  client.connect().catch((err) => {
    setTimeout(() => connect(), 1000);
  }).catch(report);
}
connect();`,
      'connect',
      3,
    ),
    recursive(
      `function connect() {
  client.connect().catch((err) => setTimeout(() => connect(), 1000));
}
connect();`,
      'connect',
      3,
    ),
    recursive(
      `function connect() {
  client.connect().catch((err) => {
    setTimeout(() => connect(), 1000);
  });
}
client.on('close', connect);`,
      'connect',
      3,
    ),
    recursive(
      `export function send(message, done) {
  transport.send(message, (err) => {
    if (err) return send(message, done);
    done();
  });
}`,
      'send',
    ),
    // A flag that the function never tests does not end the recursion.
    recursive(
      `export class Catalog {
  async load(id, fresh = false) {
    try {
      return await this.http.get(\`/items/\${id}\`, { cache: fresh ? 'no-cache' : 'default' });
    } catch (err) {
      return this.load(id, true);
    }
  }
}`,
      'this.load',
      'last',
      `export class Catalog {
  async load(id, fresh = false, attempt = 0) {
    try {
      return await this.http.get(\`/items/\${id}\`, { cache: fresh ? 'no-cache' : 'default' });
    } catch (err) {
      if (attempt >= 5) throw err;
      return this.load(id, true, attempt + 1);
    }
  }
}`,
    ),
    // A flag set to the value that takes the recursive branch again.
    recursive(
      `export async function publish(event, useFallback = false) {
  try {
    return await (useFallback ? fallback : primary).send(event);
  } catch (err) {
    if (!useFallback) log.warn('primary broker failed', err);
    return publish(event, false);
  }
}`,
      'publish',
      'last',
      `export async function publish(event, useFallback = false, attempt = 0) {
  try {
    return await (useFallback ? fallback : primary).send(event);
  } catch (err) {
    if (attempt >= 5) throw err;
    if (!useFallback) log.warn('primary broker failed', err);
    return publish(event, false, attempt + 1);
  }
}`,
    ),
    // Retrying every error, not only conflicts, and reconnecting with no owner to stop it.
    recursive(
      `export class Tokens {
  async rotate(id) {
    try {
      return await this.store.swap(id);
    } catch (err) {
      if (err.code !== 'ECONFLICT') log.warn(err);
      return this.rotate(id);
    }
  }
}`,
      'this.rotate',
      'last',
      `export class Tokens {
  async rotate(id, attempt = 0) {
    try {
      return await this.store.swap(id);
    } catch (err) {
      if (attempt >= 5) throw err;
      if (err.code !== 'ECONFLICT') log.warn(err);
      return this.rotate(id, attempt + 1);
    }
  }
}`,
    ),
    // Emptying state the function does not test: the cached access token still sends it down the same branch.
    recursive(
      `export class TokenWorkflow {
  async execute(connection) {
    if (this.cache.hasAccessToken) {
      try {
        return await this.authenticate(connection, this.cache.getAccessToken());
      } catch (err) {
        this.cache.removeRefreshToken();
        return this.execute(connection);
      }
    }
    return this.authenticate(connection, await this.fetchToken());
  }
}`,
      'this.execute',
      'last',
      `export class TokenWorkflow {
  async execute(connection, attempt = 0) {
    if (this.cache.hasAccessToken) {
      try {
        return await this.authenticate(connection, this.cache.getAccessToken());
      } catch (err) {
        if (attempt >= 5) throw err;
        this.cache.removeRefreshToken();
        return this.execute(connection, attempt + 1);
      }
    }
    return this.authenticate(connection, await this.fetchToken());
  }
}`,
    ),
    // Emptying the cache only after the call: the call retries with the same token.
    recursive(
      `export class TokenWorkflow {
  async execute(connection) {
    if (this.cache.hasAccessToken) {
      try {
        return await this.authenticate(connection, this.cache.getAccessToken());
      } catch (err) {
        const result = await this.execute(connection);
        this.cache.removeAccessToken();
        return result;
      }
    }
    return this.authenticate(connection, await this.fetchToken());
  }
}`,
      'this.execute',
      'last',
      `export class TokenWorkflow {
  async execute(connection, attempt = 0) {
    if (this.cache.hasAccessToken) {
      try {
        return await this.authenticate(connection, this.cache.getAccessToken());
      } catch (err) {
        if (attempt >= 5) throw err;
        const result = await this.execute(connection, attempt + 1);
        this.cache.removeAccessToken();
        return result;
      }
    }
    return this.authenticate(connection, await this.fetchToken());
  }
}`,
    ),
    // Filling the cache again before the call: the next call tests a fresh token, and may fail again.
    recursive(
      `export class TokenWorkflow {
  async execute(connection) {
    if (this.cache.hasAccessToken) {
      try {
        return await this.authenticate(connection, this.cache.getAccessToken());
      } catch (err) {
        this.cache.removeAccessToken();
        this.cache.put(await this.fetchToken());
        return this.execute(connection);
      }
    }
    return this.authenticate(connection, await this.fetchToken());
  }
}`,
      'this.execute',
      'last',
      `export class TokenWorkflow {
  async execute(connection, attempt = 0) {
    if (this.cache.hasAccessToken) {
      try {
        return await this.authenticate(connection, this.cache.getAccessToken());
      } catch (err) {
        if (attempt >= 5) throw err;
        this.cache.removeAccessToken();
        this.cache.put(await this.fetchToken());
        return this.execute(connection, attempt + 1);
      }
    }
    return this.authenticate(connection, await this.fetchToken());
  }
}`,
    ),
    // The same with a module-level flag: a different flag reset, reset after the call, set again before it.
    recursive(
      `let useCache = true;
let usePrimary = true;
export async function loadSettings() {
  if (useCache) {
    try {
      return await readCachedSettings();
    } catch (err) {
      usePrimary = false;
      return loadSettings();
    }
  }
  return fetchSettings();
}`,
      'loadSettings',
      'last',
      `let useCache = true;
let usePrimary = true;
export async function loadSettings(attempt = 0) {
  if (useCache) {
    try {
      return await readCachedSettings();
    } catch (err) {
      if (attempt >= 5) throw err;
      usePrimary = false;
      return loadSettings(attempt + 1);
    }
  }
  return fetchSettings();
}`,
    ),
    recursive(
      `let useCache = true;
export async function loadSettings() {
  if (!useCache) return fetchSettings();
  try {
    return await readCachedSettings();
  } catch (err) {
    const settings = await loadSettings();
    useCache = false;
    return settings;
  }
}`,
      'loadSettings',
      'last',
      `let useCache = true;
export async function loadSettings(attempt = 0) {
  if (!useCache) return fetchSettings();
  try {
    return await readCachedSettings();
  } catch (err) {
    if (attempt >= 5) throw err;
    const settings = await loadSettings(attempt + 1);
    useCache = false;
    return settings;
  }
}`,
    ),
    recursive(
      `let useCache = true;
export async function loadSettings() {
  if (useCache) {
    try {
      return await readCachedSettings();
    } catch (err) {
      useCache = false;
      await warmCache();
      useCache = true;
      return loadSettings();
    }
  }
  return fetchSettings();
}`,
      'loadSettings',
      'last',
      `let useCache = true;
export async function loadSettings(attempt = 0) {
  if (useCache) {
    try {
      return await readCachedSettings();
    } catch (err) {
      if (attempt >= 5) throw err;
      useCache = false;
      await warmCache();
      useCache = true;
      return loadSettings(attempt + 1);
    }
  }
  return fetchSettings();
}`,
    ),
    // A flag local to the call is fresh on the next call: resetting it changes nothing.
    recursive(
      `export async function loadSettings() {
  let useCache = true;
  if (useCache) {
    try {
      return await readCachedSettings();
    } catch (err) {
      useCache = false;
      return loadSettings();
    }
  }
  return fetchSettings();
}`,
      'loadSettings',
      'last',
      `export async function loadSettings(attempt = 0) {
  let useCache = true;
  if (useCache) {
    try {
      return await readCachedSettings();
    } catch (err) {
      if (attempt >= 5) throw err;
      useCache = false;
      return loadSettings(attempt + 1);
    }
  }
  return fetchSettings();
}`,
    ),
    // A token fetched again at the top of every call, before the test.
    recursive(
      `export class Session {
  async send(message) {
    this.token = await this.login();
    if (this.token) {
      try {
        return await this.post(message, this.token);
      } catch (err) {
        this.token = null;
        return this.send(message);
      }
    }
    throw new Error('not logged in');
  }
}`,
      'this.send',
      'last',
      `export class Session {
  async send(message, attempt = 0) {
    this.token = await this.login();
    if (this.token) {
      try {
        return await this.post(message, this.token);
      } catch (err) {
        if (attempt >= 5) throw err;
        this.token = null;
        return this.send(message, attempt + 1);
      }
    }
    throw new Error('not logged in');
  }
}`,
    ),
    // The method called through a type assertion is still the method calling itself.
    ((code: string, name: string): Case => ({
      code,
      output: null,
      errors: [{ messageId: 'recursiveRetryWithoutCap', data: { name }, ...at(code, name), endColumn: at(code, name).column + name.length }],
      ts: true,
    }))(
      `export class Outbox {
  async deliver(message: string): Promise<void> {
    try {
      await this.post(message);
    } catch {
      await (this.deliver as (message: string) => Promise<void>)(message);
    }
  }
}`,
      'this.deliver as (message: string) => Promise<void>',
    ),
    // Retry libraries told to retry forever.
    forever(
      `import pRetry from 'p-retry';\nawait pRetry(() => fetchSettings(id), { retries: Infinity, minTimeout: 500 });`,
      'retries: Infinity',
      'retries',
      `import pRetry from 'p-retry';
await pRetry(() => fetchSettings(id), { retries: 5, minTimeout: 500 });`,
    ),
    forever(
      `import retry from 'async-retry';\nawait retry(async () => sync(), { retries: Number.MAX_SAFE_INTEGER });`,
      'retries: Number.MAX_SAFE_INTEGER',
      'retries',
      `import retry from 'async-retry';
await retry(async () => sync(), { retries: 5 });`,
    ),
    forever(
      `const retry = require('retry');\nconst operation = retry.operation({ forever: true, factor: 2 });`,
      'forever: true',
      'forever',
      `const retry = require('retry');
const operation = retry.operation({ retries: 5, factor: 2 });`,
    ),
    forever(
      `import axiosRetry from 'axios-retry';\naxiosRetry(client, { retries: Infinity });`,
      'retries: Infinity',
      'retries',
      `import axiosRetry from 'axios-retry';
axiosRetry(client, { retries: 5 });`,
    ),
    forever(
      `import got from 'got';\nexport const api = got.extend({ retry: { limit: Infinity } });`,
      'limit: Infinity',
      'retry.limit',
      `import got from 'got';
export const api = got.extend({ retry: { limit: 5 } });`,
    ),
    // A retry function named in `retryLibraries`, told to retry forever: by an endless count, by a
    // value it documents as unlimited, or by its flag (whose fix writes the count in its place, or
    // turns it off beside one).
    {
      ...forever(
        `import { withRetry } from '@acme/resilience';\nexport const send = (message) => withRetry(() => broker.send(message), { tries: Infinity });`,
        'tries: Infinity',
        'tries',
        `import { withRetry } from '@acme/resilience';\nexport const send = (message) => withRetry(() => broker.send(message), { tries: 5 });`,
      ),
      output: null,
      options: acmeRetry,
    },
    {
      ...forever(
        `const { withRetry } = require('@acme/resilience');\nexports.send = (message) => withRetry(() => broker.send(message), { keepTrying: true });`,
        'keepTrying: true',
        'keepTrying',
        `const { withRetry } = require('@acme/resilience');\nexports.send = (message) => withRetry(() => broker.send(message), { tries: 5 });`,
      ),
      output: null,
      options: acmeRetry,
    },
    {
      ...forever(
        `import { withRetry } from '@acme/resilience';\nexport const send = (message) => withRetry(() => broker.send(message), { tries: 3, keepTrying: true });`,
        'keepTrying: true',
        'keepTrying',
        `import { withRetry } from '@acme/resilience';\nexport const send = (message) => withRetry(() => broker.send(message), { tries: 3, keepTrying: false });`,
      ),
      output: null,
      options: acmeRetry,
    },
    {
      ...forever(
        `import retry from '@acme/retry';\nconst policy = { backoff: 'exponential', attempts: { max: -1 } };\nexport const sync = (id) => retry(policy, () => push(id));`,
        'max: -1',
        'attempts.max',
        `import retry from '@acme/retry';\nconst policy = { backoff: 'exponential', attempts: { max: 5 } };\nexport const sync = (id) => retry(policy, () => push(id));`,
      ),
      output: null,
      options: [{ retryLibraries: [{ name: 'default', from: '@acme/retry', optionsAt: [0], limits: ['attempts.max'], unlimited: [-1] }] }],
    },
    // A flag whose library has no plain count to write: reported, with no fix to offer.
    {
      code: `import { withRetry } from '@acme/resilience';\nexport const send = (message) => withRetry(() => broker.send(message), { keepTrying: true });`,
      output: null,
      options: [{ retryLibraries: [{ name: 'withRetry', from: '@acme/resilience', limits: ['policy.tries'], forever: ['keepTrying'] }] }],
      errors: [
        {
          messageId: 'retryForever',
          data: { option: 'keepTrying' },
          ...at(
            `import { withRetry } from '@acme/resilience';\nexport const send = (message) => withRetry(() => broker.send(message), { keepTrying: true });`,
            'keepTrying: true',
          ),
          suggestions: [],
        },
      ],
    },
    forever(
      `import { retry, handleAll } from 'cockatiel';\nexport const policy = retry(handleAll, { maxAttempts: Number.POSITIVE_INFINITY });`,
      'maxAttempts: Number.POSITIVE_INFINITY',
      'maxAttempts',
      `import { retry, handleAll } from 'cockatiel';
export const policy = retry(handleAll, { maxAttempts: 5 });`,
    ),
    {
      ...loop(
        `export async function ack(id: string): Promise<void> {\n  for (;;) {\n    try {\n      await broker.ack(id);\n      return;\n    } catch (err: unknown) {\n      console.warn(err);\n    }\n  }\n}`,
        'for',
        `export async function ack(id: string): Promise<void> {
  let attempt = 0;
  for (;;) {
    try {
      await broker.ack(id);
      return;
    } catch (err: unknown) {
      if (++attempt > 5) throw err;
      console.warn(err);
    }
  }
}`,
      ),
      output: null,
      ts: true,
    },
    // With the team's cap in the options, --fix writes it.
    {
      code: `import pRetry from 'p-retry';\nawait pRetry(() => sync(id), { retries: Infinity });`,
      output: `import pRetry from 'p-retry';\nawait pRetry(() => sync(id), { retries: 3 });`,
      options: [{ fix: 'autofix', maxRetries: 3 }],
      errors: [
        {
          messageId: 'retryForever',
          data: { option: 'retries' },
          ...at(`import pRetry from 'p-retry';\nawait pRetry(() => sync(id), { retries: Infinity });`, 'retries: Infinity'),
        },
      ],
    },
    // `forever` next to a finite `retries`: turning it off leaves that cap.
    forever(
      `const retry = require('retry');\nconst operation = retry.operation({ retries: 3, forever: true });`,
      'forever: true',
      'forever',
      `const retry = require('retry');\nconst operation = retry.operation({ retries: 3, forever: false });`,
    ),
    // No fix when a comment sits in the option: it would be lost.
    {
      code: `import pRetry from 'p-retry';\nawait pRetry(work, { retries: /* until it works */ Infinity });`,
      output: null,
      options: [{ fix: 'autofix' }],
      errors: [
        {
          messageId: 'retryForever',
          data: { option: 'retries' },
          ...at(`import pRetry from 'p-retry';\nawait pRetry(work, { retries: /* until it works */ Infinity });`, 'retries: /* until it works */ Infinity'),
        },
      ],
    },
    // A name the file already uses is not taken for the counter.
    loop(
      `export async function connect(attempt) {\n  while (true) {\n    try {\n      return await client.connect(attempt);\n    } catch (err) {\n      await sleep(1000);\n    }\n  }\n}`,
      'while',
      `export async function connect(attempt) {\n  let attempts = 0;\n  while (true) {\n    try {\n      return await client.connect(attempt);\n    } catch (err) {\n      if (++attempts > 5) throw err;\n      await sleep(1000);\n    }\n  }\n}`,
    ),
    // A loop that is not a statement of its own block gets no suggestion.
    {
      ...loop(
        `export async function connect(ready) {\n  if (ready) while (true) {\n    try {\n      return await client.connect();\n    } catch {\n      await sleep(1000);\n    }\n  }\n}`,
        'while',
      ),
      output: null,
      errors: [{ messageId: 'retryLoopWithoutCap', ...at(`export async function connect(ready) {\n  if (ready) while (true) {`, 'while'), suggestions: [] }],
    },
    // Without semicolons, and with optional parameters: the missing one is passed as `undefined`.
    {
      ...recursive(
        `export async function upload(file: string, key?: string): Promise<void> {\n  try {\n    await put(file, key)\n  } catch {\n    (await log()).warn('retrying')\n    return upload(file)\n  }\n}`,
        'upload',
        'last',
        `export async function upload(file: string, key?: string, attempt = 0): Promise<void> {\n  try {\n    await put(file, key)\n  } catch (error) {\n    if (attempt >= 5) throw error;\n    (await log()).warn('retrying')\n    return upload(file, undefined, attempt + 1)\n  }\n}`,
      ),
      output: null,
      ts: true,
    },
    // The function handed on as a callback (`ids.map(load)` passes an index): no new parameter.
    {
      ...recursive(
        `export async function load(id) {\n  try {\n    return await get(id);\n  } catch (err) {\n    return load(id);\n  }\n}\nids.map(load);`,
        'load',
        1,
      ),
      output: null,
      errors: [
        {
          messageId: 'recursiveRetryWithoutCap',
          data: { name: 'load' },
          ...at(`export async function load(id) {\n  try {\n    return await get(id);\n  } catch (err) {\n    return load(id);`, 'load', 'last'),
          suggestions: [],
        },
      ],
    },
    // `arguments` counts the parameters; an arrow with a bare parameter has no parentheses to extend.
    {
      ...recursive(
        `export async function load(id) {\n  try {\n    return await get(id, arguments.length);\n  } catch (err) {\n    return load(id);\n  }\n}`,
        'load',
      ),
      output: null,
      errors: [
        {
          messageId: 'recursiveRetryWithoutCap',
          data: { name: 'load' },
          ...at(
            `export async function load(id) {\n  try {\n    return await get(id, arguments.length);\n  } catch (err) {\n    return load(id);`,
            'load',
            'last',
          ),
          suggestions: [],
        },
      ],
    },
    {
      ...recursive(`export const load = async id => {\n  try {\n    return await get(id);\n  } catch (err) {\n    return load(id);\n  }\n};`, 'load'),
      output: null,
      errors: [
        {
          messageId: 'recursiveRetryWithoutCap',
          data: { name: 'load' },
          ...at(`export const load = async id => {\n  try {\n    return await get(id);\n  } catch (err) {\n    return load(id);`, 'load', 'last'),
          suggestions: [],
        },
      ],
    },
    // TypeScript overloads would not take the new argument.
    {
      ...recursive(
        `export async function load(id: string): Promise<string>;\nexport async function load(id: string): Promise<string> {\n  try {\n    return await get(id);\n  } catch (err) {\n    return load(id);\n  }\n}`,
        'load',
      ),
      output: null,
      errors: [
        {
          messageId: 'recursiveRetryWithoutCap',
          data: { name: 'load' },
          ...at(
            `export async function load(id: string): Promise<string>;\nexport async function load(id: string): Promise<string> {\n  try {\n    return await get(id);\n  } catch (err) {\n    return load(id);`,
            'load',
            'last',
          ),
          suggestions: [],
        },
      ],
      ts: true,
    },
    // Retry counts set to forever by value, through a `const`, in any options object.
    forever(
      `import pRetry from 'p-retry';\nconst FOREVER = Infinity;\nawait pRetry(() => sync(id), { retries: FOREVER });`,
      'retries: FOREVER',
      'retries',
      `import pRetry from 'p-retry';\nconst FOREVER = Infinity;\nawait pRetry(() => sync(id), { retries: 5 });`,
    ),
    forever(
      `import pRetry from 'p-retry';\nconst options = { retries: Number.POSITIVE_INFINITY, minTimeout: 500 };\nexport const sync = (id) => pRetry(() => push(id), options);`,
      'retries: Number.POSITIVE_INFINITY',
      'retries',
      `import pRetry from 'p-retry';\nconst options = { retries: 5, minTimeout: 500 };\nexport const sync = (id) => pRetry(() => push(id), options);`,
    ),
    forever(
      `import { Queue } from 'bullmq';\nexport const emails = new Queue('emails', { defaultJobOptions: { attempts: Infinity, backoff: { type: 'exponential', delay: 1000 } } });`,
      'attempts: Infinity',
      'attempts',
      `import { Queue } from 'bullmq';\nexport const emails = new Queue('emails', { defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1000 } } });`,
    ),
    forever(
      `const UNLIMITED = 1 / 0;\nexport const billing = createClient({ baseUrl: BILLING_URL, maxRetries: UNLIMITED });`,
      'maxRetries: UNLIMITED',
      'maxRetries',
      `const UNLIMITED = 1 / 0;\nexport const billing = createClient({ baseUrl: BILLING_URL, maxRetries: 5 });`,
    ),
    forever(
      `export const boss = new PgBoss({ connectionString, retryLimit: Number.MAX_SAFE_INTEGER });`,
      'retryLimit: Number.MAX_SAFE_INTEGER',
      'retryLimit',
      `export const boss = new PgBoss({ connectionString, retryLimit: 5 });`,
    ),
    forever(
      `import ky from 'ky';\nexport const api = ky.create({ prefixUrl: API_URL, retry: { limit: Infinity, methods: ['get'] } });`,
      'limit: Infinity',
      'retry.limit',
      `import ky from 'ky';\nexport const api = ky.create({ prefixUrl: API_URL, retry: { limit: 5, methods: ['get'] } });`,
    ),
    forever(
      `export const queue = new WorkQueue({ maxAttempts: Infinity });`,
      'maxAttempts: Infinity',
      'maxAttempts',
      `export const queue = new WorkQueue({ maxAttempts: 5 });`,
    ),
    // `-1` where the library documents it as "never give up".
    forever(
      `import { connect } from 'nats';\nexport const nc = await connect({ servers: NATS_URL, maxReconnectAttempts: -1 });`,
      'maxReconnectAttempts: -1',
      'maxReconnectAttempts',
      `import { connect } from 'nats';\nexport const nc = await connect({ servers: NATS_URL, maxReconnectAttempts: 5 });`,
    ),
    // `forever: true` next to node-retry's options, whichever function reads them.
    forever(
      `export const send = (message) => withRetry(() => broker.send(message), { forever: true, factor: 2, minTimeout: 1000 });`,
      'forever: true',
      'forever',
      `export const send = (message) => withRetry(() => broker.send(message), { retries: 5, factor: 2, minTimeout: 1000 });`,
    ),
    forever(
      `import promiseRetry from 'promise-retry';\nexport const load = () => promiseRetry({ forever: true }, (retry) => fetchConfig().catch(retry));`,
      'forever: true',
      'forever',
      `import promiseRetry from 'promise-retry';\nexport const load = () => promiseRetry({ retries: 5 }, (retry) => fetchConfig().catch(retry));`,
    ),
    // Recursion through an auth refresh with nothing that says it happens once.
    recursive(
      `export class ApiClient {
  async send(message) {
    const res = await fetch(this.url, { method: 'POST', body: JSON.stringify(message), headers: { authorization: this.token } });
    if (res.status === 401) {
      this.token = await this.refreshToken();
      return this.send(message);
    }
    return res.json();
  }
}`,
      'this.send',
      'last',
      `export class ApiClient {
  async send(message, attempt = 0) {
    const res = await fetch(this.url, { method: 'POST', body: JSON.stringify(message), headers: { authorization: this.token } });
    if (res.status === 401 && attempt < 5) {
      this.token = await this.refreshToken();
      return this.send(message, attempt + 1);
    }
    return res.json();
  }
}`,
      'suggestAttemptParameterStatus',
    ),
    recursive(
      `export async function getOrders(client, page) {
  const response = await client.get(\`/orders?page=\${page}\`);
  if ([502, 503, 504].includes(response.status)) {
    await sleep(1000);
    return getOrders(client, page);
  }
  return response.data;
}`,
      'getOrders',
      'last',
      `export async function getOrders(client, page, attempt = 0) {
  const response = await client.get(\`/orders?page=\${page}\`);
  if ([502, 503, 504].includes(response.status) && attempt < 5) {
    await sleep(1000);
    return getOrders(client, page, attempt + 1);
  }
  return response.data;
}`,
      'suggestAttemptParameterStatus',
    ),
    // `statusCode` (node's http) is a status read too, with no other status word in the file.
    recursive(
      `export async function getPage(client, page) {
  const response = await client.request(\`/items?page=\${page}\`);
  if (response.statusCode >= 500) {
    await sleep(1000);
    return getPage(client, page);
  }
  return response.body;
}`,
      'getPage',
      'last',
      `export async function getPage(client, page, attempt = 0) {
  const response = await client.request(\`/items?page=\${page}\`);
  if (response.statusCode >= 500 && attempt < 5) {
    await sleep(1000);
    return getPage(client, page, attempt + 1);
  }
  return response.body;
}`,
      'suggestAttemptParameterStatus',
    ),
    recursive(
      `export class Webhooks {
  async deliver(event) {
    const res = await fetch(event.url, { method: 'POST', body: event.body, signal: AbortSignal.timeout(5000) });
    switch (res.status) {
      case 429:
        await sleep(Number(res.headers.get('retry-after')) * 1000);
        return this.deliver(event);
      default:
        return res.ok;
    }
  }
}`,
      'this.deliver',
      'last',
    ),
    recursive(
      `export async function publish(payload) {
  const res = await fetch(HOOK_URL, { method: 'POST', body: payload });
  if (!res.ok) {
    await sleep(2000);
    return publish(payload);
  }
}`,
      'publish',
      'last',
      `export async function publish(payload, attempt = 0) {
  const res = await fetch(HOOK_URL, { method: 'POST', body: payload });
  if (!res.ok && attempt < 5) {
    await sleep(2000);
    return publish(payload, attempt + 1);
  }
}`,
      'suggestAttemptParameterStatus',
    ),
    // A reconnect that counts its attempts and never compares the count with a maximum.
    recursive(
      `export class Feed {
  connect(attempt = 0) {
    const socket = new WebSocket(this.url);
    socket.on('open', () => this.subscribe(socket));
    socket.on('close', () => {
      setTimeout(() => this.connect(attempt + 1), Math.min(1000 * 2 ** attempt, 30_000));
    });
  }
}`,
      'this.connect',
      'last',
    ),
    // Through a scheduler that calls back: connect → scheduleReconnect(attempt + 1) → connect.
    {
      code: `export class Feed {
  connect(attempt = 0) {
    const socket = new WebSocket(this.url);
    socket.on('error', () => this.scheduleReconnect(attempt + 1));
  }
  scheduleReconnect(attempt) {
    this.timer = setTimeout(() => this.connect(attempt), Math.min(500 * attempt, 10_000));
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'recursiveRetryWithoutCap',
          data: { name: 'this.scheduleReconnect' },
          ...at(
            `export class Feed {
  connect(attempt = 0) {
    const socket = new WebSocket(this.url);
    socket.on('error', () => this.scheduleReconnect(attempt + 1));`,
            'this.scheduleReconnect',
          ),
          suggestions: [],
        },
      ],
    },
    {
      code: `function connect(attempt) {
  const client = net.connect(PORT, HOST);
  client.on('error', () => retryLater(attempt + 1));
}
function retryLater(attempt) {
  setTimeout(() => connect(attempt), 1000 * attempt);
}
connect(0);`,
      output: null,
      errors: [
        {
          messageId: 'recursiveRetryWithoutCap',
          data: { name: 'retryLater' },
          ...at(
            `function connect(attempt) {
  const client = net.connect(PORT, HOST);
  client.on('error', () => retryLater(`,
            'retryLater',
          ),
          suggestions: [],
        },
      ],
    },
    // Retries driven by \`.catch()\`: the function handed on, through a timer, or after a delay promise.
    {
      code: `export function start() {\n  consumer.run().catch(start);\n}`,
      output: null,
      errors: [
        {
          messageId: 'recursiveRetryWithoutCap',
          data: { name: 'start' },
          ...at(`export function start() {\n  consumer.run().catch(start`, 'start', 'last'),
          suggestions: [],
        },
      ],
    },
    {
      code: `export function start() {\n  consumer.run().catch((err) => {\n    log.error(err);\n    setTimeout(start, 1000);\n  });\n}`,
      output: null,
      errors: [
        {
          messageId: 'recursiveRetryWithoutCap',
          data: { name: 'start' },
          ...at(`export function start() {\n  consumer.run().catch((err) => {\n    log.error(err);\n    setTimeout(start`, 'start', 'last'),
          suggestions: [],
        },
      ],
    },
    recursive(`export const subscribe = (topic) => broker.subscribe(topic).catch(() => delay(1000).then(() => subscribe(topic)));`, 'subscribe', 'last'),
    recursive(
      `export class Sync {
  async run(batch) {
    try {
      return await this.push(batch);
    } catch (err) {
      return sleep(1000).then(() => this.run(batch));
    }
  }
}`,
      'this.run',
      'last',
    ),
    // A catch that leaves on some paths only, decided on the code paths: an arm that falls through, a switch with no default,
    // a `break` that ends the switch and not the loop, a throw that a nested try catches.
    loop(
      `export async function send(message) {\n  for (;;) {\n    try {\n      return await broker.publish(message);\n    } catch (err) {\n      if (err.fatal) {\n        throw err;\n      } else if (err.code === 'EAUTH') {\n        return null;\n      } else {\n        log.warn(err);\n      }\n    }\n  }\n}`,
      'for',
      `export async function send(message) {
  let attempt = 0;
  for (;;) {
    try {
      return await broker.publish(message);
    } catch (err) {
      if (++attempt > 5) throw err;
      if (err.fatal) {
        throw err;
      } else if (err.code === 'EAUTH') {
        return null;
      } else {
        log.warn(err);
      }
    }
  }
}`,
    ),
    loop(
      `export async function send(message) {\n  while (true) {\n    try {\n      return await broker.publish(message);\n    } catch (err) {\n      switch (err.code) {\n        case 'EAUTH':\n          throw err;\n        case 'EINVAL':\n          return null;\n      }\n    }\n  }\n}`,
      'while',
      `export async function send(message) {
  let attempt = 0;
  while (true) {
    try {
      return await broker.publish(message);
    } catch (err) {
      if (++attempt > 5) throw err;
      switch (err.code) {
        case 'EAUTH':
          throw err;
        case 'EINVAL':
          return null;
      }
    }
  }
}`,
    ),
    loop(
      `export async function send(message) {\n  while (true) {\n    try {\n      return await broker.publish(message);\n    } catch (err) {\n      switch (err.code) {\n        case 'ECONNRESET':\n          break;\n        default:\n          throw err;\n      }\n    }\n  }\n}`,
      'while',
      `export async function send(message) {
  let attempt = 0;
  while (true) {
    try {
      return await broker.publish(message);
    } catch (err) {
      if (++attempt > 5) throw err;
      switch (err.code) {
        case 'ECONNRESET':
          break;
        default:
          throw err;
      }
    }
  }
}`,
    ),
    loop(
      `export async function send(message) {\n  while (true) {\n    try {\n      return await broker.publish(message);\n    } catch (err) {\n      try {\n        throw new Error('publish failed', { cause: err });\n      } catch (wrapped) {\n        log.warn(wrapped);\n      }\n    }\n  }\n}`,
      'while',
      `export async function send(message) {
  let attempt = 0;
  while (true) {
    try {
      return await broker.publish(message);
    } catch (err) {
      if (++attempt > 5) throw err;
      try {
        throw new Error('publish failed', { cause: err });
      } catch (wrapped) {
        log.warn(wrapped);
      }
    }
  }
}`,
    ),
    // A loop that never ends by its test, by value; a count compared on one path from the catch only.
    loop(
      `const FOREVER = true;\nexport async function connect() {\n  while (FOREVER) {\n    try {\n      return await client.connect();\n    } catch {\n      await sleep(1000);\n    }\n  }\n}`,
      'while',
      `const FOREVER = true;
export async function connect() {
  let attempt = 0;
  while (FOREVER) {
    try {
      return await client.connect();
    } catch (error) {
      if (++attempt > 5) throw error;
      await sleep(1000);
    }
  }
}`,
    ),
    loop(
      `export async function connect() {\n  let attempt = 0;\n  while (true) {\n    try {\n      return await client.connect();\n    } catch (err) {\n      if (err.code === 'ECONNREFUSED') {\n        if (++attempt > 5) throw err;\n      }\n      await sleep(1000);\n    }\n  }\n}`,
      'while',
      `export async function connect() {
  let attempt = 0;
  let attempts = 0;
  while (true) {
    try {
      return await client.connect();
    } catch (err) {
      if (++attempts > 5) throw err;
      if (err.code === 'ECONNREFUSED') {
        if (++attempt > 5) throw err;
      }
      await sleep(1000);
    }
  }
}`,
    ),
    // The same restart when nothing it calls schedules it again: a retry every second, forever.
    {
      code: `export class Monitor {
  start() {
    const beat = async () => {
      await this.check();
    };
    const safeBeat = async () => {
      try {
        await beat();
      } catch (e) {
        log.error(e);
        this.heartbeat = setTimeout(safeBeat, 1000);
      }
    };
    safeBeat();
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'recursiveRetryWithoutCap',
          data: { name: 'safeBeat' },
          ...at(
            `export class Monitor {
  start() {
    const beat = async () => {
      await this.check();
    };
    const safeBeat = async () => {
      try {
        await beat();
      } catch (e) {
        log.error(e);
        this.heartbeat = setTimeout(safeBeat`,
            'safeBeat',
            'last',
          ),
          suggestions: [],
        },
      ],
    },
    {
      code: `export class Store {
  _autoFlush() {
    this._flushing = this._flushChain.then(() => this._drain()).then(() => {
      this._retryTimer = null;
    }, () => {
      this._scheduleRetry();
    });
  }
  _scheduleRetry() {
    if (this._retryTimer) return;
    this._retryTimer = setTimeout(() => {
      this._retryTimer = null;
      this._autoFlush();
    }, this.options.flushInterval * 2);
  }
}`,
      output: null,
      errors: [
        {
          messageId: 'recursiveRetryWithoutCap',
          data: { name: 'this._scheduleRetry' },
          ...at(
            `export class Store {
  _autoFlush() {
    this._flushing = this._flushChain.then(() => this._drain()).then(() => {
      this._retryTimer = null;
    }, () => {
      this._scheduleRetry`,
            'this._scheduleRetry',
            'last',
          ),
          suggestions: [],
        },
      ],
    },
    // A retry option that is a setting of this client, even named for defaults of its jobs; a continue that goes round this loop.
    forever(
      `export const queue = new Queue('mail', { defaultJobOptions: { retries: Infinity } });`,
      'retries: Infinity',
      'retries',
      `export const queue = new Queue('mail', { defaultJobOptions: { retries: 5 } });`,
    ),
    loop(
      `export async function commit(session) {\n  retryCommit: while (true) {\n    try {\n      return await session.commit();\n    } catch (err) {\n      if (err.transient) continue retryCommit;\n      throw err;\n    }\n  }\n}`,
      'while',
      `export async function commit(session) {\n  let attempt = 0;\n  retryCommit: while (true) {\n    try {\n      return await session.commit();\n    } catch (err) {\n      if (++attempt > 5) throw err;\n      if (err.transient) continue retryCommit;\n      throw err;\n    }\n  }\n}`,
    ),
    // An axios interceptor that refreshes the token and sends the failed request again, through the client it runs on.
    {
      code: `import axios from 'axios';
export const api = axios.create({ baseURL: API_URL, timeout: 10_000 });
api.interceptors.response.use(
  (response) => response,
  async (error) => {
    const original = error.config;
    if (error.response?.status === 401) {
      original.headers.Authorization = \`Bearer \${await refreshToken()}\`;
      return api(original);
    }
    return Promise.reject(error);
  },
);`,
      output: null,
      errors: [
        {
          messageId: 'interceptorRetryWithoutCap',
          data: { name: 'api' },
          ...at(
            `import axios from 'axios';
export const api = axios.create({ baseURL: API_URL, timeout: 10_000 });
api.interceptors.response.use(
  (response) => response,
  async (error) => {
    const original = error.config;
    if (error.response?.status === 401) {
      original.headers.Authorization = \`Bearer \${await refreshToken()}\`;
      return api(`,
            'api',
            'last',
          ),
        },
      ],
    },
    {
      code: `async function onRejected(error) {\n  await sleep(1000);\n  return client.request({ ...error.config });\n}\nclient.interceptors.response.use(undefined, onRejected);`,
      output: null,
      errors: [
        {
          messageId: 'interceptorRetryWithoutCap',
          data: { name: 'client.request' },
          ...at(`async function onRejected(error) {\n  await sleep(1000);\n  return client.request`, 'client.request'),
        },
      ],
    },
    // A clock read in a helper the function calls (a cache's freshness) does not bound its retries.
    recursive(
      `export class Accounts {
  async getJson(path, maxAgeMs = 30_000) {
    const cached = this.cache.get(path);
    if (cached && Date.now() - cached.fetchedAt < maxAgeMs) return cached.body;
    return this.http.get(path);
  }
  async getAccount(id) {
    try {
      return await this.getJson(\`/v1/accounts/\${id}\`);
    } catch (err) {
      return this.getAccount(id);
    }
  }
}`,
      'this.getAccount',
      'last',
      `export class Accounts {
  async getJson(path, maxAgeMs = 30_000) {
    const cached = this.cache.get(path);
    if (cached && Date.now() - cached.fetchedAt < maxAgeMs) return cached.body;
    return this.http.get(path);
  }
  async getAccount(id, attempt = 0) {
    try {
      return await this.getJson(\`/v1/accounts/\${id}\`);
    } catch (err) {
      if (attempt >= 5) throw err;
      return this.getAccount(id, attempt + 1);
    }
  }
}`,
    ),
  ],
});
