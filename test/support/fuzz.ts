import { createRequire } from 'node:module';
import { sep } from 'node:path';

import * as tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import * as espree from 'espree';

import { configRules } from '../../src/configs.js';
import plugin from '../../src/index.js';
import { applyEdit } from './lint.js';
import { rootDir } from './paths.js';

// ---------------------------------------------------------------------------------------------
// Seeded randomness
// ---------------------------------------------------------------------------------------------

/** A small seeded PRNG (mulberry32): the same seed gives the same programs on every machine. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < count && pool.length > 0) {
      out.push(...pool.splice(Math.floor(this.next() * pool.length), 1));
    }
    return out;
  }
}

/** The seed of program `iteration` of a run started with `seed`: rerun it alone with FUZZ_SEED=<it> FUZZ_ITERATIONS=1. */
export function programSeed(seed: number, iteration: number): number {
  // a golden-ratio stride: campaigns started from nearby seeds do not share programs
  return (seed + Math.imul(iteration, 0x9e3779b9)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// eslump, made deterministic
// ---------------------------------------------------------------------------------------------

interface EslumpOptions {
  sourceType: 'module' | 'script';
  maxDepth: number;
  comments: boolean;
  whitespace: boolean;
}

// eslump is CommonJS and ships no type declarations; this is the one function of it used here.
const eslump = createRequire(import.meta.url)('eslump') as { generateRandomJS(options: EslumpOptions): string };

/**
 * Runs `run` with `Math.random` drawing from `random`. eslump (and shift-fuzzer under it) take
 * their randomness from `Math.random` at call time, so this makes their output a function of the seed.
 */
function withSeededMathRandom<T>(random: Random, run: () => T): T {
  const original = Object.getOwnPropertyDescriptor(Math, 'random');
  if (!original) throw new Error('Math.random has no descriptor');
  Object.defineProperty(Math, 'random', { ...original, value: () => random.next() });
  try {
    return run();
  } finally {
    Object.defineProperty(Math, 'random', original);
  }
}

/** A random ES module from eslump (shift-fuzzer's grammar-based generator), determined by `seed`. */
export function generateEslumpProgram(seed: number): string {
  const random = new Random(seed ^ 0x5bd1e995);
  const options: EslumpOptions = {
    sourceType: 'module',
    maxDepth: random.int(2, 6),
    comments: random.chance(0.5),
    whitespace: random.chance(0.5),
  };
  return withSeededMathRandom(random, () => eslump.generateRandomJS(options));
}

// ---------------------------------------------------------------------------------------------
// Shape mixing: real anti-patterns and idioms, recombined
// ---------------------------------------------------------------------------------------------

/** What the code around a snippet allows. */
interface Scope {
  readonly async: boolean;
  readonly inFunction: boolean;
  readonly inLoop: boolean;
  /** Collections a snippet may grow or evict (module-level, closure-local, `this.` fields). */
  readonly collections: readonly string[];
  readonly emitters: readonly string[];
}

interface Leaf {
  readonly text: string;
  /** Uses TypeScript syntax: only in programs linted as TypeScript. */
  readonly ts?: boolean;
  /** Self-contained (its `await` / `return` are inside its own functions), whatever the text says. */
  readonly standalone?: boolean;
}

// Placeholders: $V $W $X fresh variables, $F fresh function, $K fresh class (same name within a
// snippet); every other $NAME is drawn from `choices` each time it occurs.
const choices: Record<string, readonly string[]> = {
  URL: [
    'url',
    'url',
    '`${API}/users/${id}`',
    "'https://api.example.com/health'",
    'req',
    'request',
    'input',
    'upstreamRequest',
    'new URL(path, base)',
    'process.env.URL',
    '(url)',
    'url /* where */',
    '...args',
    '\n  url\n',
    '`${base}` + path',
  ],
  URLV: ['url', '`${API}/users/${id}`', "'https://api.example.com/health'", 'process.env.URL', '(url)', 'url /* where */'],
  INIT: [
    '',
    '',
    ', {}',
    ", { method: 'POST', body }",
    ", {\n  method: 'POST',\n  headers: { 'content-type': 'application/json' },\n  body,\n}",
    ", {\n  method: 'POST',\n  body\n}",
    ", { method: 'GET' }",
    ', { signal: AbortSignal.timeout($MS) }',
    ', { signal }',
    ', { signal: undefined }',
    ', { timeout: 5000 }',
    ', { timeout: 0 }',
    ', init',
    ", { ...defaults, method: 'GET' }",
    ',',
    ', { headers, }',
    ', { /* nothing yet */ }',
    ', buildInit(req)',
    ', { signal: AbortSignal.any([req.signal, AbortSignal.timeout($MS)]) }',
    // odd shapes for the fixer: spreads, computed and quoted keys, getters, comments, extra arguments
    ', ...rest',
    ', { ...a, ...b }',
    ', { signal: void 0 }',
    ", { 'signal': undefined }",
    ', { [key]: value }',
    ', { get signal() { return s; } }',
    ', { timeout: -0 }',
    ', { signal: undefined, signal: s }',
    ',\n  // a trailing comment\n',
    ", { method: 'GET' /* c */ } /* d */",
    ", { method: 'GET', // c\n}",
    ', {\n  // only a comment\n}',
    ', init, extra',
    ', undefined',
    ', null',
    ' /* a */, /* b */ { body } /* c */,',
  ],
  AXCFG: [
    '',
    '',
    ', ...rest',
    ', undefined',
    ', { ...defaults }',
    ', { timeout: -0 }',
    ', {\n  // a comment\n}',
    ' /* c */',
    ', { timeout: $MS }',
    ', { params: { page } }',
    ', { timeout: 0 }',
    ', { timeout: Infinity }',
    ', config',
    ', { signal: AbortSignal.timeout(1000) }',
    ', {\n  headers,\n}',
  ],
  GOTOPTS: [
    '',
    ', { json: event }',
    ', { timeout: { request: $MS } }',
    ', { retry: { limit: Infinity } }',
    ', options',
    ', { headers: { accept: "application/json" } }',
  ],
  MS: ['1000', '0', '5_000', 'ms', 'Infinity', '2 ** attempt * 100', 'index * 200', 'undefined', 'delay', '30_000'],
  ITEMS: [
    'ids',
    'req.body.ids',
    'rows',
    'urls',
    'tenants',
    '[a, b]',
    "['orders', 'payments']",
    'items.slice(0, 5)',
    'items.slice(0, 500)',
    'Object.keys(ENDPOINTS)',
    'this.plugins',
    'queue.splice(0, 10)',
    '$COLL',
    'String(req.query.ids).split(",")',
  ],
  N: ['3', '50', 'n', 'items.length', 'retries', '0'],
  KEY: ['req.params.id', 'id', "'hits'", 'key', 'Kind.A', 'token', 'message.id', '`${a}:${b}`', 'req.ip', 'ok ? 1 : 2'],
  EVENT: ["'tick'", "'order.updated'", "'SIGTERM'", "'close'", "'error'", '`reply:${id}`', 'name', "'connection'"],
  EXTRA_EMITTER: ['process', 'this.bus', 'req', 'socket', 'controller.signal', 'emitter', 'ctx.events', 'server'],
  CALL: ['work()', 'fn()', 'client.connect()', "pool.query('SELECT 1')", 'check(id)', 'handle(message)', 'load(id)', 'void refresh(id)'],
  RETRIES: ['Infinity', '5', 'Number.MAX_SAFE_INTEGER', 'Number.POSITIVE_INFINITY', '0', '-1'],
  ON: ['on', 'on', 'addListener', 'prependListener', 'once'],
  FETCH: ['fetch', 'fetch', 'fetch', 'globalThis.fetch', 'window.fetch', 'fetchJson'],
  ST: ['setTimeout', 'setTimeout', 'globalThis.setTimeout', 'later', 'setImmediate'],
  SI: ['setInterval', 'setInterval', 'globalThis.setInterval'],
  PROMISE: ['Promise', 'Promise', 'Promise', 'globalThis.Promise', 'Bluebird'],
  ALL: ['all', 'all', 'allSettled', 'any', 'race'],
  COND: ['queue.length > 0', 'true', '!done', 'running', 'i < 10'],
  EXPORT: ['', '', 'export '],
};

/** Snippets by the failure mode they belong to; a group is picked first, so every rule gets its share. */
const leafGroups: Readonly<Record<string, readonly Leaf[]>> = {
  // Outbound calls (require-fetch-timeout, require-close-on-error)
  outbound: [
    { text: 'const $V = await $FETCH($URL$INIT);' },
    { text: 'await $FETCH($URL$INIT);' },
    { text: '$FETCH($URL$INIT).then((r) => r.json()).catch(onError);' },
    { text: 'return $FETCH($URL$INIT);' },
    {
      text: 'const $V = await fetch($URL, { signal: AbortSignal.timeout($MS) });\nif (!$V.ok) {\n  throw new Error(`upstream answered ${$V.status}`);\n}\nreturn $V.json();',
    },
    { text: 'const $V = await fetch($URL, { signal: AbortSignal.timeout($MS) });\nif (!$V.ok) throw new Error(await $V.text());' },
    {
      text: 'const $V = await fetch($URL, { signal: AbortSignal.timeout($MS) });\nif (!$V.ok) {\n  await $V.body?.cancel();\n  throw new Error(String($V.status));\n}\nreturn $V.json();',
    },
    { text: "const $V = { method: 'DELETE' };\nawait fetch($URL, $V);" },
    { text: "const $V = { method: 'POST' };\n$V.signal = AbortSignal.timeout(1000);\nawait fetch($URL, $V);" },
    { text: 'await $PROMISE.race([fetch($URL$INIT), timeout($MS)]);' },
    { text: 'await Promise.race([fetch($URL)]);' },
    { text: 'await pTimeout(fetch($URL$INIT), { milliseconds: $MS });' },
    { text: 'await withTimeout(fetch($URL$INIT));' },
    { text: 'await fetch?.($URL$INIT);' },
    { text: 'await globalThis.fetch?.($URL$INIT);' },
    { text: 'await (0, fetch)($URL$INIT);' },
    { text: 'await (fetch)($URL$INIT);' },
    { text: 'const $V = fetch`${url}`;' },
    { text: 'await fetch(url, { ...{ signal } });' },
    { text: 'await axios.get(...args);' },
    { text: 'const $V = axios.create(...configs);' },
    { text: 'await got(...[url]);' },
    { text: 'http.get();' },
    { text: 'fetch();' },
    { text: 'https.request($URL, (res) => res.resume(), extra).end();' },
    { text: "http.get($URL, { timeout: 0 }, onResponse).on('error', onError);" },
    { text: 'await axios.get($URL, { timeout: 0, timeout: 5000 });' },
    { text: 'await axios.post($URL, payload /* body */ /* no config */);' },
    { text: 'const $V = new Request($URL, { signal: AbortSignal.timeout($MS) });\nawait fetch($V);' },
    { text: 'const { data: $V } = await axios.get($URL$AXCFG);' },
    { text: 'await axios.post($URL, payload$AXCFG);' },
    { text: 'await axios.post($URL);' },
    { text: "axios({ method: 'get', url: $URLV });" },
    { text: "await axios.request({ url: $URLV, method: 'PUT', data });" },
    { text: 'await axios($URL$AXCFG);' },
    { text: 'const $V = axios.create({ baseURL: $URLV });' },
    { text: "const $V = axios.create();\nawait $V.get('/users');" },
    { text: 'const $V = axios.create({ baseURL: $URLV, timeout: $MS });\n$V.defaults.timeout = 5000;' },
    { text: 'axios.interceptors.request.use((config) => {\n  config.timeout ??= 5000;\n  return config;\n});', standalone: true },
    { text: 'const $V = await got($URL$GOTOPTS).json();' },
    { text: 'await got.post($URL, { json: event });' },
    { text: 'const $V = got.extend({ prefixUrl: $URLV });' },
    { text: "https.get({ host: 'storage.internal', path: `/quota/${id}` }, (response) => response.resume()).on('error', onError);" },
    { text: 'http.get($URL, (res) => res.pipe(process.stdout));' },
    {
      text: "const $V = https.request({ host, path, method: 'POST' }, (res) => res.resume());\n$V.on('error', (err) => log.warn(err));\n$V.end(JSON.stringify(payload));",
    },
    { text: "const $V = http.request($URL, { method: 'POST' });\n$V.setTimeout($MS, () => $V.destroy(new Error('upstream timeout')));\n$V.end(body);" },
    { text: 'http.get($URL, onResponse).setTimeout($MS);' },
    { text: "const $V = http.get($URL, onResponse);\nconst $W = setTimeout(() => $V.destroy(new Error('timeout')), $MS);" },
    { text: 'const $V = new http.Agent({ keepAlive: true, timeout: $MS });\nhttp.get($URL, { agent: $V }, onResponse);' },
    { text: "const $V = request($URL, { method: 'POST' });\n$V.end(body);" },
  ],
  // Collections (no-unbounded-cache)
  collections: [
    { text: '$COLL.set($KEY, value);' },
    { text: '$COLL.set($KEY, value);' },
    { text: '$COLL.set(req.params.id, await loadProfile(req.params.id));' },
    { text: '$COLL.add(message.id);' },
    { text: '$COLL.add($KEY);' },
    { text: '$COLL.push({ at: Date.now(), body: req.body });' },
    { text: '$COLL[$KEY] = { user, at: Date.now() };' },
    { text: '($COLL[$KEY] ??= []).push(settings);' },
    { text: 'Object.assign($COLL, { [$KEY]: handler });' },
    { text: 'if (!$COLL.has($KEY)) $COLL.set($KEY, await load($KEY));\nreturn $COLL.get($KEY);' },
    { text: 'const $V = ($COLL.get($KEY) ?? []).filter((at) => now - at < windowMs);\n$V.push(now);\n$COLL.set($KEY, $V);' },
    { text: 'const $V = new Map();\nfor (const item of $ITEMS) $V.set(item.id, item);\nreturn $V;' },
    { text: '$COLL.set($KEY, setInterval(() => void check($KEY), $MS));' },
  ],
  // Evictions (no-unbounded-cache stays silent on what shrinks)
  evictions: [
    { text: '$COLL.delete($KEY);' },
    { text: '$COLL.clear();' },
    { text: 'if ($COLL.size >= 1000) $COLL.delete($COLL.keys().next().value);' },
    { text: 'if ($COLL.length > 100) $COLL.splice(0, $COLL.length - 100);' },
    { text: '$COLL.length = 0;' },
    { text: 'const $V = $COLL.shift();' },
    { text: '$COLL = [];' },
  ],
  // Resources (require-close-on-error)
  resources: [
    { text: "const $V = await pool.connect();\nawait $V.query('BEGIN');\nawait $V.query('COMMIT');\n$V.release();" },
    { text: "const $V = await pool.connect();\ntry {\n  await $V.query('BEGIN');\n} finally {\n  $V.release();\n}" },
    { text: "const $V = await open(file, 'r');\nconst { bytesRead: $W } = await $V.read(Buffer.alloc(64), 0, 64, 0);\nawait $V.close();" },
    { text: 'const $V = fs.createWriteStream(path);\n$V.write(line);\n$V.end();' },
    { text: "const $V = net.connect(6379, host);\n$V.write('PING');" },
    { text: 'createReadStream(file).pipe(res);' },
    { text: 'const $V = fs.createReadStream(src);\n$V.pipe(zlib.createGzip()).pipe(fs.createWriteStream(dest));' },
    { text: "const $V = await pool.getConnection();\nconst [$W] = await $V.query('SELECT 1');" },
    { text: 'const $V = await fetch($URL, { signal: AbortSignal.timeout($MS) });\nreturn $V.status === 200;' },
    { text: 'await pipeline(fs.createReadStream(src), res);' },
    { text: "const $V = fs.createReadStream(path);\n$V.on('error', () => res.destroy());\n$V.pipe(res);" },
    { text: "const $V = spawn(cmd);\n$V.on('exit', (code) => log.info(code));" },
    { text: 'const $V = fs.createReadStream(path);\nfor await (const chunk of $V) count += chunk.length;' },
    { text: 'await using $V = await open(file);', ts: true },
  ],
  // Timers (no-timer-in-loop, no-leaked-timer)
  timers: [
    { text: '$ST(() => $CALL, $MS);' },
    { text: '$SI(() => $CALL, $MS);' },
    { text: '$SI(() => metrics.flush(), $MS).unref();' },
    { text: 'const $V = $ST(() => alarm(event), $MS);\nclearTimeout($V);' },
    { text: 'const $V = setTimeout(() => alarm(event), $MS);\ntry {\n  await process(event);\n} finally {\n  clearTimeout($V);\n}' },
    { text: 'await new $PROMISE((resolve) => setTimeout(resolve, $MS));' },
    { text: 'await sleep($MS);' },
    { text: 'this.keepAlive = setInterval(() => this.ping(), $MS);' },
    { text: 'clearInterval(this.keepAlive);' },
    { text: 'timer = setInterval(poll, $MS);' },
    { text: 'clearInterval(timer);' },
    { text: "const $V = setInterval(() => res.write(': ping'), $MS);\nreq.on('close', () => clearInterval($V));" },
    { text: 'const $V = () => $ST(() => $CALL, $MS);' },
  ],
  // Races (no-leaked-timer)
  races: [
    { text: "await $PROMISE.race([work, new Promise((_, reject) => setTimeout(() => reject(new Error('deadline')), $MS))]);" },
    { text: "return Promise.race([\n  work,\n  new Promise((_, reject) => {\n    setTimeout(() => reject(new Error('timed out')), $MS);\n  }),\n]);" },
    { text: 'let $V;\nconst $W = new Promise((resolve) => {\n  $V = setTimeout(resolve, $MS);\n});\nawait Promise.race([work(), $W]);' },
    { text: 'let $V;\nconst $W = new Promise((resolve) => ($V = setTimeout(resolve, $MS)));\nconst $X = await Promise.race([work, $W]);\nclearTimeout($V);' },
    { text: "await Promise.race([work, sleep($MS).then(() => {\n  throw new Error('timeout');\n})]);" },
    {
      text: 'const $V = new AbortController();\ntry {\n  return await Promise.race([work, sleep($MS, undefined, { signal: $V.signal })]);\n} finally {\n  $V.abort();\n}',
    },
    {
      text: 'function $F(ms) {\n  return new Promise((_, reject) => setTimeout(() => reject(new TimeoutError()), ms));\n}\nconst $V = (u) => Promise.race([fetch(u, { signal: AbortSignal.timeout(5000) }), $F(5000)]);',
      standalone: true,
    },
  ],
  // Fan-out (no-unbounded-concurrency)
  fanOut: [
    { text: 'await $PROMISE.$ALL($ITEMS.map((x) => load(x)));' },
    { text: "await Promise.all($ITEMS.map(async (u) => {\n  await fetch(u, { method: 'POST', signal: AbortSignal.timeout(5000) });\n}));" },
    { text: 'const $V = [];\nfor (const x of $ITEMS) $V.push(sync(x));\nawait Promise.allSettled($V);' },
    { text: 'const $V = [];\nfor (let page = 1; page <= $N; page++) {\n  $V.push(fetchPage(page));\n}\nreturn Promise.all($V);' },
    { text: 'await Promise.all($ITEMS.map((id) => limit(() => load(id))));' },
    { text: 'await Promise.all(Array.from($ITEMS, async (f) => resize(f)));' },
    { text: 'const [$V, $W] = await Promise.all([loadUser(id), loadOrders(id)]);' },
    { text: 'await Promise.all($ITEMS.map((job) => job.done));' },
    { text: 'for (let i = 0; i < $ITEMS.length; i += 20) {\n  await Promise.all($ITEMS.slice(i, i + 20).map((t) => sync(t)));\n}' },
    { text: 'await pMap($ITEMS, load, { concurrency: 8 });' },
    { text: 'res.json(await Promise.all($ITEMS.map((id) => loadProfile(id))));' },
  ],
  // Retries (require-retry-cap)
  retries: [
    {
      text: "for (;;) {\n  try {\n    await $CALL;\n    break;\n  } catch (err) {\n    console.warn('not ready, retrying', err);\n    await new Promise((resolve) => setTimeout(resolve, $MS));\n  }\n}",
    },
    {
      text: "while (true) {\n  try {\n    const { data: $V } = await billing.post('/invoices', order);\n    return $V;\n  } catch {\n    await sleep($MS);\n  }\n}",
    },
    { text: 'let $V = false;\nwhile (!$V) {\n  try {\n    await client.connect();\n    $V = true;\n  } catch (err) {\n    log.warn(err);\n  }\n}' },
    { text: 'do {\n  try {\n    await publish(event);\n    break;\n  } catch {}\n} while (true);' },
    { text: 'for (let attempt = 1; attempt <= $N; attempt++) {\n  try {\n    return await fn();\n  } catch {\n    await sleep(2 ** attempt * 100);\n  }\n}' },
    {
      text: 'let $V = 0;\nwhile (true) {\n  try {\n    return await client.connect();\n  } catch (err) {\n    if (++$V >= 10) throw err;\n    await sleep(1000 * $V);\n  }\n}',
    },
    { text: 'while (true) {\n  try {\n    await ping();\n    return;\n  } catch (err) {\n    if (Date.now() > deadline) throw err;\n  }\n}' },
    {
      text: 'for (;;) {\n  try {\n    return await broker.publish(message);\n  } catch (err) {\n    if (!isRetryable(err)) throw err;\n    await sleep(500);\n  }\n}',
    },
    {
      text: "while (true) {\n  const $V = await queue.next();\n  if (!$V) break;\n  try {\n    await handle($V);\n  } catch (err) {\n    log.error('message failed', err);\n  }\n}",
    },
    {
      text: 'async function $F(x, attempt = 1) {\n  try {\n    return await work(x);\n  } catch (err) {\n    if (attempt >= 3) throw err;\n    return $F(x, attempt + 1);\n  }\n}',
      standalone: true,
    },
    {
      text: "async function $F(x) {\n  try {\n    return await work(x);\n  } catch (err) {\n    console.warn('failed, trying again', err);\n    return $F(x);\n  }\n}",
      standalone: true,
    },
    {
      text: 'function $F() {\n  amqp.connect(URL).then(onChannel).catch((err) => {\n    log.error(err);\n    setTimeout(() => $F(), $MS);\n  });\n}\n$F();',
      standalone: true,
    },
    {
      text: 'function $F(message, done) {\n  transport.send(message, (err) => {\n    if (err) return $F(message, done);\n    done();\n  });\n}',
      standalone: true,
    },
    {
      text: 'function $F(retries) {\n  client.connect().catch(() => {\n    if (retries > 0) setTimeout(() => $F(retries - 1), 1000);\n  });\n}\n$F(5);',
      standalone: true,
    },
    { text: 'function $F() {\n  send().then(() => setTimeout($F, 60000)).catch(() => setTimeout($F, 5000));\n}', standalone: true },
    { text: 'await pRetry(() => fetchSettings(id), { retries: $RETRIES, minTimeout: 500 });' },
    { text: 'await asyncRetry(async () => sync(), { retries: $RETRIES });' },
    { text: 'const $V = retry.operation({ forever: true, factor: 2 });' },
    { text: 'axiosRetry(client, { retries: $RETRIES });' },
    { text: 'const $V = got.extend({ retry: { limit: $RETRIES } });' },
    { text: 'const $V = cockatielRetry(handleAll, { maxAttempts: $RETRIES });' },
  ],
  // Listeners (no-listener-leak)
  listeners: [
    { text: '$EMITTER.$ON($EVENT, (x) => res.write(JSON.stringify(x)));' },
    { text: '$EMITTER.$ON($EVENT, (x) => res.write(JSON.stringify(x)));' },
    { text: "$EMITTER.on('order.updated', (order) => socket.send(JSON.stringify(order)));" },
    { text: "process.on('SIGTERM', () => res.end());" },
    { text: 'const $V = (message) => socket.send(message);\n$EMITTER.$ON($EVENT, $V);' },
    { text: "const $V = (u) => socket.send(u);\n$EMITTER.on($EVENT, $V);\nres.on('close', () => $EMITTER.off($EVENT, $V));" },
    { text: 'const $V = () => {};\n$EMITTER.on($EVENT, $V);\ntry {\n  await work(id);\n} finally {\n  $EMITTER.removeListener($EVENT, $V);\n}' },
    { text: '$EMITTER.on($EVENT, function $F(value) {\n  $EMITTER.off($EVENT, $F);\n  fn(value);\n});' },
    { text: '$EMITTER.removeAllListeners($EVENT);' },
    { text: "controller.signal.addEventListener('abort', () => request.cancel());" },
    { text: "$EMITTER.addEventListener('change', refresh, { signal });" },
    { text: "$EMITTER.addEventListener('tick', resolveTick, { once: true });" },
    { text: "process.on('SIGTERM', () => server.close());" },
    { text: "req.on('close', () => log.debug('closed'));" },
    { text: "socket.on('message', (data) => handle(socket, data));" },
    { text: 'return () => $EMITTER.off($EVENT, listener);' },
    { text: "for await (const [$V] of events.on($EMITTER, 'tick', { signal })) log.info($V);" },
    { text: "await once(server, 'listening');" },
  ],
  // Plain statements
  plain: [
    { text: 'return;' },
    { text: 'break;' },
    { text: 'continue;' },
    { text: 'throw err;' },
    { text: 'await work();' },
    { text: 'log.info(`done ${id}`);' },
    { text: ';' },
    { text: '// a comment between statements' },
  ],
  // Services: pools, server timeouts, shutdown, metrics (no-unbounded-pool, no-disabled-server-timeouts, no-abrupt-shutdown, no-unbounded-metric-labels)
  services: [
    { text: 'const $V = new http.Agent({ keepAlive: true });' },
    { text: 'const $V = new http.Agent({ keepAlive: true, maxSockets: $MS });' },
    { text: 'const $V = new https.Agent({ keepAlive: true, maxSockets: Infinity });' },
    { text: 'const $V = http.createServer(onRequest);\n$V.requestTimeout = 0;' },
    { text: 'const $V = http.createServer(onRequest);\n$V.keepAliveTimeout = 65_000;' },
    { text: 'const $V = http.createServer({ headersTimeout: 0 }, onRequest);' },
    { text: "process.on('SIGTERM', () => process.exit(0));" },
    { text: "process.once('SIGINT', () => {\n  server.close(() => process.exit(0));\n});" },
    { text: "process.on('SIGTERM', async () => {\n  await pool.end();\n  process.exit(0);\n});" },
    { text: 'requestCount?.inc({ path: req.url, method: req.method });' },
    { text: "requestCount?.inc({ route: req.route?.path ?? 'unmatched' });" },
  ],
  // (tools/new-rule.js adds a new rule's snippet group above this line)
  // TypeScript only
  typescript: [
    { text: 'const $V = (await fetch($URL$INIT)) as Response;', ts: true },
    { text: 'const $V: NodeJS.Timeout = setTimeout(() => expire(id), $MS);', ts: true },
    { text: '$COLL.set($KEY as string, value!);', ts: true },
    { text: 'await fetch($URL, { signal } as RequestInit);', ts: true },
    { text: 'const $V: RequestInit = { signal: AbortSignal.timeout(1000) };\nawait fetch($URL, $V);', ts: true },
    { text: 'const $V = <T,>(x: T): T => x;', ts: true },
    { text: 'const $V = new Map<string, Promise<number>>();\n$V.set(key, load(key)!);', ts: true },
    { text: 'await Promise.all($ITEMS.map(async (user: { email: string }) => mailer.send(user.email)));', ts: true },
    { text: 'const $V = pRetry(() => work(), { retries: Infinity } satisfies Options);', ts: true },
    { text: 'const $V = fetch<unknown>($URL$INIT);', ts: true },
  ],
};
// Collections and listeners need a long-lived owner and a per-call caller to line up: drawn twice as often.
const leafGroupNames = [...Object.keys(leafGroups), 'collections', 'listeners'];

/** Module-level statements: one choice per group, each group binding its own names. */
const importGroups: readonly (readonly string[])[] = [
  ['', "import axios from 'axios';", "const axios = require('axios');"],
  ['', "import got from 'got';"],
  ['', "import http from 'node:http';", "import * as http from 'http';", "const http = require('http');"],
  ['', "import https from 'node:https';"],
  [
    '',
    "import client from 'prom-client';\nconst requestCount = new client.Counter({ name: 'requests', help: 'requests', labelNames: ['path', 'method', 'route'] });",
  ],
  ['', "import { request } from 'node:https';", "const { request } = require('http');"],
  ['', "import fs, { createReadStream } from 'node:fs';", "import * as fs from 'node:fs';\nimport { createReadStream } from 'fs';"],
  ['', "import { open } from 'node:fs/promises';"],
  ['', "import { pipeline } from 'node:stream/promises';", "import { pipeline } from 'node:stream';"],
  ['', "import net from 'node:net';"],
  ['', "import zlib from 'node:zlib';"],
  ['', "import { spawn } from 'node:child_process';"],
  ['', "import pRetry from 'p-retry';"],
  ['', "import asyncRetry from 'async-retry';"],
  ['', "const retry = require('retry');"],
  ['', "import axiosRetry from 'axios-retry';"],
  ['', "import { retry as cockatielRetry, handleAll } from 'cockatiel';"],
  ['', "import pLimit from 'p-limit';\nconst limit = pLimit(8);"],
  ['', "import pMap from 'p-map';"],
  ['', "import pTimeout from 'p-timeout';"],
  ['', "import { withTimeout } from '@acme/http';", "import { withTimeout } from './local-timeouts.js';"],
  ['', "import { LRUCache } from 'lru-cache';"],
  ['', "import { EventEmitter, once } from 'node:events';", "import events, { once } from 'node:events';"],
  ['', "import { setTimeout as later } from 'node:timers';"],
  ['', "import { setTimeout as sleep } from 'node:timers/promises';", 'const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));'],
  [
    '',
    "import { fetch } from 'undici';",
    "import fetch from 'node-fetch';",
    "const fetch = require('node-fetch');",
    "import { fetch } from './instrumented-fetch.js';",
  ],
  ['', "import express from 'express';\nconst app = express();", "import { Router } from 'express';\nconst router = Router();\nconst app = router;"],
  ['', 'let timer;'],
  ['', 'axios.defaults.timeout = 10_000;'],
  ['', "const ENDPOINTS = { a: '/a', b: '/b' };"],
];

const collectionInits = [
  'new Map()',
  'new Map()',
  'new Map()',
  'new Set()',
  'new Set()',
  '[]',
  '[]',
  '{}',
  'Object.create(null)',
  'new WeakMap()',
  'new LRUCache({ max: 500 })',
  'new Array(64)',
];
const tsCollectionInits = ['new Map<string, number>()', 'new Set<string>()', '[] as string[]'];
const collectionNames = ['cache', 'hits', 'sessions', 'seen', 'auditLog', 'backlog', 'pending', 'registry', 'byTenant', 'inFlight', 'tokens', 'latencies'];
const emitterInits = ['new EventEmitter()', 'new EventEmitter()', "new QueueEvents('orders')", 'new EventTarget()', 'new AbortController().signal'];
const emitterNames = ['bus', 'pubsub', 'emitter', 'target', 'changes'];
const freshBases = ['client', 'response', 'handle', 'timer', 'stream', 'conn', 'out', 'deadline', 'watchdog', 'result', 'pending', 'data', 'entries', 'api'];
const functionBases = [
  'connect',
  'send',
  'upload',
  'getAccount',
  'poll',
  'refresh',
  'syncTenant',
  'handleMessage',
  'loadProfile',
  'warm',
  'deliver',
  'start',
  'init',
];
const classBases = ['Client', 'Cache', 'OrderService', 'Worker', 'Tracker', 'Metrics', 'Connection', 'Pool', 'UpstreamClient'];
const paramLists = [
  'req, res',
  'id',
  'message, done',
  'tenants',
  'url, init',
  'work, ms',
  'fetch, setTimeout',
  'items, Promise',
  'queue',
  '{ signal }',
  'x = 1, ...rest',
  '',
];
const tsParamLists = [
  'req: Request, res: Response',
  'id: string',
  'tenants: { id: string }[]',
  'url: string, init?: RequestInit',
  'work: Promise<unknown>, ms = 1000',
];

export interface ShapeProgram {
  readonly code: string;
  /** Uses TypeScript syntax: lint it with the TypeScript parser only. */
  readonly ts: boolean;
}

/** Builds one program from the catalogs, all decisions drawn from one seeded PRNG. */
class ShapeBuilder {
  readonly #random: Random;
  readonly #ts: boolean;
  readonly #maxDepth: number;
  #counter = 0;

  constructor(seed: number) {
    this.#random = new Random(seed);
    this.#ts = this.#random.chance(0.35);
    this.#maxDepth = this.#random.int(1, 4);
  }

  build(): ShapeProgram {
    const r = this.#random;
    const lines: string[] = [];
    for (const group of importGroups) {
      const choice = r.chance(0.4) ? r.pick(group) : '';
      if (choice) lines.push(choice);
    }
    const collections: string[] = [];
    for (let index = r.int(1, 4); index > 0; index -= 1) {
      const name = this.#fresh(r.pick(collectionNames));
      const init = this.#ts && r.chance(0.3) ? r.pick(tsCollectionInits) : r.pick(collectionInits);
      lines.push(`${r.pick(['const', 'const', 'const', 'let', 'export const'])} ${name} = ${init};`);
      collections.push(name);
    }
    const emitters: string[] = [];
    for (let index = r.int(0, 2) + (r.chance(0.5) ? 1 : 0); index > 0; index -= 1) {
      const name = this.#fresh(r.pick(emitterNames));
      lines.push(`${r.pick(['const', 'export const'])} ${name} = ${r.pick(emitterInits)};`);
      emitters.push(name);
    }
    if (this.#ts && r.chance(0.5))
      lines.push(
        r.pick([
          'enum Kind { A, B }',
          "type Outcome = 'ok' | 'error';",
          'interface Order { id: string }',
          'declare const bus: import("node:events").EventEmitter;',
        ]),
      );
    const scope: Scope = { async: true, inFunction: false, inLoop: false, collections, emitters };
    for (let index = r.int(1, 4); index > 0; index -= 1) {
      lines.push(r.chance(0.8) ? this.#wrapper(scope, 1) : this.#leaf(scope));
    }
    return { code: `${lines.join('\n')}\n`, ts: this.#ts };
  }

  #fresh(base: string): string {
    this.#counter += 1;
    return `${base}${this.#counter}`;
  }

  /** Fills the placeholders of one snippet. */
  #fill(text: string, scope: Scope): string {
    const fresh = new Map<string, string>();
    let out = text;
    for (let round = 0; round < 4 && /\$[A-Z]/.test(out); round += 1) {
      out = out.replace(/\$([A-Z][A-Z_]*)/g, (_match, name: string) => {
        switch (name) {
          case 'V':
          case 'W':
          case 'X':
          case 'F':
          case 'K': {
            let value = fresh.get(name);
            if (!value) {
              const bases = name === 'F' ? functionBases : name === 'K' ? classBases : freshBases;
              value = this.#fresh(this.#random.pick(bases));
              fresh.set(name, value);
            }
            return value;
          }
          case 'COLL':
            return scope.collections.length > 0 ? this.#random.pick(scope.collections) : 'cache';
          case 'EMITTER':
            return scope.emitters.length > 0 && this.#random.chance(0.6) ? this.#random.pick(scope.emitters) : this.#random.pick(choices.EXTRA_EMITTER ?? []);
          default: {
            const options = choices[name];
            if (!options) throw new Error(`unknown placeholder $${name}`);
            return this.#random.pick(options);
          }
        }
      });
    }
    return out;
  }

  #fits(leaf: Leaf, scope: Scope): boolean {
    if (leaf.ts && !this.#ts) return false;
    if (leaf.standalone) return true;
    if (/\bawait\b/.test(leaf.text) && !scope.async) return false;
    if (/\breturn\b/.test(leaf.text) && !scope.inFunction) return false;
    if (/\b(break|continue)\b/.test(leaf.text) && !scope.inLoop) return false;
    return true;
  }

  #leaf(scope: Scope): string {
    for (;;) {
      const leaf = this.#random.pick(leafGroups[this.#random.pick(leafGroupNames)] ?? []);
      if (this.#fits(leaf, scope)) return this.#fill(leaf.text, scope);
    }
  }

  #body(scope: Scope, depth: number): string {
    const parts: string[] = [];
    for (let index = this.#random.int(1, 3); index > 0; index -= 1) {
      parts.push(depth < this.#maxDepth && this.#random.chance(0.35) ? this.#wrapper(scope, depth + 1) : this.#leaf(scope));
    }
    return indent(parts.join('\n'));
  }

  /** A construct that nests a body: a function, a loop, a handler, a class, a try… */
  #wrapper(scope: Scope, depth: number): string {
    const r = this.#random;
    const fn = (async: boolean, extra: Partial<Scope> = {}): Scope => ({ ...scope, async, inFunction: true, inLoop: false, ...extra });
    const inner = (extra: Partial<Scope>): Scope => ({ ...scope, ...extra });
    const async = r.chance(0.6);
    const asyncKeyword = async ? 'async ' : '';
    const params = (): string => (this.#ts && r.chance(0.5) ? r.pick(tsParamLists) : r.pick(paramLists));
    // `export` only on module-level declarations
    const exported = (): string => (depth === 1 ? this.#fill('$EXPORT', scope) : '');
    const returnType = (): string => (this.#ts && r.chance(0.4) ? (async ? ': Promise<void>' : ': void') : '');
    const perCallFunction = (): string =>
      r.pick([
        () =>
          `${depth === 1 ? 'export ' : ''}${asyncKeyword}function ${this.#fresh(r.pick(functionBases))}(${params()})${returnType()} {\n${this.#body(fn(async), depth)}\n}`,
        () => `${r.pick(['app.get', 'app.post', 'router.get'])}('/orders/:id', ${asyncKeyword}(req, res) => {\n${this.#body(fn(async), depth)}\n});`,
      ])();
    const kinds: (() => string | null)[] = [
      perCallFunction,
      perCallFunction,
      perCallFunction,
      () => `${exported()}${asyncKeyword}function ${this.#fresh(r.pick(functionBases))}(${params()})${returnType()} {\n${this.#body(fn(async), depth)}\n}`,
      () => `${exported()}const ${this.#fresh(r.pick(functionBases))} = ${asyncKeyword}(${params()})${returnType()} => {\n${this.#body(fn(async), depth)}\n};`,
      () =>
        `${r.pick(['app.get', 'app.post', 'app.use', 'router.get', 'usersRouter.put'])}('/orders/:id', ${asyncKeyword}(req, res) => {\n${this.#body(fn(async), depth)}\n});`,
      () =>
        `${r.pick(["wss.on('connection', (socket, req) =>", "queue.on('completed', (job) =>", "server.once('listening', () =>", "bus.on('order.created', (order) =>"])} {\n${this.#body(fn(false), depth)}\n});`,
      () => `for (const item of ${this.#fill('$ITEMS', scope)}) {\n${this.#body(inner({ inLoop: true }), depth)}\n}`,
      () => (scope.async ? `for await (const event of stream) {\n${this.#body(inner({ inLoop: true }), depth)}\n}` : null),
      () => `while (${this.#fill('$COND', scope)}) {\n${this.#body(inner({ inLoop: true }), depth)}\n}`,
      () => `for (let i = 0; i < ${this.#fill('$N', scope)}; i++) {\n${this.#body(inner({ inLoop: true }), depth)}\n}`,
      () => `do {\n${this.#body(inner({ inLoop: true }), depth)}\n} while (!done);`,
      () => `${this.#fresh('outer')}: for (const [key, value] of Object.entries(config)) {\n${this.#body(inner({ inLoop: true }), depth)}\n}`,
      () => `${this.#fill('$ITEMS', scope)}.forEach((item, index) => {\n${this.#body(fn(false), depth)}\n});`,
      () =>
        `${scope.async && r.chance(0.5) ? 'await Promise.all(' : '('}${this.#fill('$ITEMS', scope)}.map(async (item) => {\n${this.#body(fn(true), depth)}\n}));`,
      () => `try {\n${this.#body(scope, depth)}\n} catch (err) {\n${this.#body(scope, depth)}\n}`,
      () => `try {\n${this.#body(scope, depth)}\n} finally {\n${this.#body(scope, depth)}\n}`,
      () => `try {\n${this.#body(scope, depth)}\n} catch {\n${this.#body(scope, depth)}\n} finally {\n${this.#body(scope, depth)}\n}`,
      () => `if (${this.#fill('$COND', scope)}) {\n${this.#body(scope, depth)}\n} else {\n${this.#body(scope, depth)}\n}`,
      () => `{\n${this.#body(scope, depth)}\n}`,
      () => `switch (kind) {\n  case 'a': {\n${this.#body(scope, depth)}\n    break;\n  }\n  default:\n${this.#body(scope, depth)}\n}`,
      () => `const ${this.#fresh('pending')} = new Promise((resolve, reject) => {\n${this.#body(fn(false), depth)}\n});`,
      () => `work().then(${asyncKeyword}(value) => {\n${this.#body(fn(async), depth)}\n}).catch((err) => {\n${this.#body(fn(false), depth)}\n});`,
      () => `${r.pick(['setInterval', 'setTimeout'])}(${asyncKeyword}() => {\n${this.#body(fn(async), depth)}\n}, ${this.#fill('$MS', scope)});`,
      () => `(async () => {\n${this.#body(fn(true), depth)}\n})();`,
      () => `function* ${this.#fresh(r.pick(functionBases))}() {\n${this.#body(fn(false), depth)}\n}`,
      () => this.#classWrapper(scope, depth),
      () => {
        const local = this.#fresh(r.pick(collectionNames));
        const closure = fn(false, { collections: [...scope.collections, local] });
        return `${exported()}function ${this.#fresh('createCache')}(load) {\n  const ${local} = ${r.pick(collectionInits)};\n  return {\n    async get(key) {\n${indent(indent(this.#body({ ...closure, async: true }, depth)))}\n    },\n    close() {\n${indent(indent(this.#body(closure, depth)))}\n    },\n  };\n}`;
      },
      () => {
        const local = this.#fresh(r.pick(collectionNames));
        const closure = fn(async, { collections: [...scope.collections, local] });
        return `${exported()}function ${this.#fresh('rateLimiter')}({ windowMs, max }) {\n  const ${local} = new Map();\n  return ${asyncKeyword}(req, res, next) => {\n${indent(this.#body(closure, depth))}\n  };\n}`;
      },
    ];
    for (;;) {
      const built = r.pick(kinds)();
      if (built !== null) return built;
    }
  }

  #classWrapper(scope: Scope, depth: number): string {
    const r = this.#random;
    const name = this.#fresh(r.pick(classBases));
    const fieldChoices = [
      'cache = new Map();',
      'static open = new Set();',
      'sweeper = setInterval(() => this.sweep(), 60_000);',
      'events = [];',
      '#byRoute = new Map();',
      'keepAlive;',
      ...(this.#ts
        ? ['private readonly responseCache = new Map<string, { body: unknown }>();', 'declare timer: NodeJS.Timeout;', 'protected seen = new Set<string>();']
        : []),
    ];
    const fields = r.sample(fieldChoices, r.int(0, 3));
    const fieldNames = fields.map((field) => /^(?:(?:static|private|readonly|protected|declare)\s+)*(#?\w+)/.exec(field)?.[1] ?? 'cache');
    const collections = [
      ...scope.collections,
      ...fieldNames.map((field) => `this.${field}`),
      ...(fields.includes('static open = new Set();') ? [`${name}.open`] : []),
    ];
    const methodNames = r.sample(['constructor', 'place', 'get', 'close', 'destroy', 'shutdown', 'sweep', 'ping', 'track'], r.int(1, 4));
    const methods = methodNames.map((method) => {
      const async = method !== 'constructor' && r.chance(0.6);
      const body = this.#body({ ...scope, async, inFunction: true, inLoop: false, collections, emitters: [...scope.emitters, 'this.bus'] }, depth);
      const params = method === 'constructor' ? 'bus, socket' : r.pick(['key, value', 'order', '', 'message']);
      const setup = method === 'constructor' ? '    this.bus = bus;\n' : '';
      return `  ${async ? 'async ' : ''}${method}(${params}) {\n${setup}${indent(body)}\n  }`;
    });
    const decorator = this.#ts && r.chance(0.2) ? '@Injectable()\n' : '';
    const exported = depth === 1 ? this.#fill('$EXPORT', scope) : '';
    const header = `${decorator}${exported}class ${name}${r.chance(0.2) ? ' extends Base' : ''} {`;
    const instance = r.chance(0.5) ? `\n${depth === 1 ? r.pick(['export const', 'const']) : 'const'} ${this.#fresh('instance')} = new ${name}(bus);` : '';
    return `${header}\n${fields.map((field) => `  ${field}`).join('\n')}\n${methods.join('\n')}\n}${instance}`;
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');
}

/** A program made of real service snippets, recombined at random; determined by `seed`. */
export function generateShapeProgram(seed: number): ShapeProgram {
  return new ShapeBuilder(seed).build();
}

// ---------------------------------------------------------------------------------------------
// Linting
// ---------------------------------------------------------------------------------------------

export type ParserName = 'espree' | 'typescript-eslint';

export interface ParserSetup {
  readonly name: ParserName;
  readonly languageOptions: Linter.LanguageOptions;
  /** Parses `code` as ESLint would with this parser; throws what the parser throws. */
  parse(code: string, filename: string): void;
}

export const espreeSetup: ParserSetup = {
  name: 'espree',
  languageOptions: { parser: espree, ecmaVersion: 'latest', sourceType: 'module' },
  parse(code) {
    espree.parse(code, { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: true, tokens: true, comment: true });
  },
};

export const typescriptSetup: ParserSetup = {
  name: 'typescript-eslint',
  languageOptions: { parser: tsParser, sourceType: 'module' },
  parse(code, filename) {
    tsParser.parseForESLint(code, { filePath: filename, sourceType: 'module', ecmaVersion: 'latest', range: true, loc: true, tokens: true, comment: true });
  },
};

export const parserSetups: readonly ParserSetup[] = [espreeSetup, typescriptSetup];

type PluginObject = NonNullable<Linter.Config['plugins']>[string];

/** How the rules offer their remedies: `--fix` output (with each rule's `fixOptions`) or editor suggestions. */
export type FixMode = 'autofix' | 'suggest';

/**
 * Every rule of the plugin (configs.all) under `parser`; with `fixMode` `autofix`, each rule also
 * gets the options that turn its suggestions into autofixes (`meta.docs.fixOptions`).
 */
export function allRulesConfig(parser: ParserSetup, fixMode: FixMode = 'autofix'): Linter.Config[] {
  const [rules] = plugin.configs.all;
  const settings: Linter.RulesRecord = { ...configRules(plugin.configs.all) };
  if (fixMode === 'autofix') {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      const fixOptions = (rule.meta?.docs as { fixOptions?: Record<string, unknown> } | undefined)?.fixOptions;
      const id = `steady-state/${name}`;
      const current = settings[id];
      if (!fixOptions || current === undefined) continue;
      const options = Array.isArray(current) && typeof current[1] === 'object' ? (current[1] as object) : {};
      settings[id] = ['error', { ...options, ...fixOptions }];
    }
  }
  return [
    {
      ...rules,
      languageOptions: parser.languageOptions,
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      rules: settings,
    },
  ];
}

/**
 * A rule that does nothing but listen to every node, so ESLint parses, analyses scopes and code
 * paths and traverses the whole tree: the floor the plugin's rules are measured against.
 */
export const noopRuleId = 'floor/noop';
const noopPlugin: PluginObject = {
  rules: {
    noop: {
      meta: { type: 'problem', schema: [] },
      create: () => ({ '*'() {} }),
    },
  },
};

/** Only the floor rule, or only `ruleIds` of the plugin (with the floor rule registered but off). */
export function rulesConfig(parser: ParserSetup, ruleIds: readonly string[]): Linter.Config[] {
  const [all] = allRulesConfig(parser);
  if (!all) throw new Error('no config');
  return [
    {
      ...all,
      plugins: { ...all.plugins, floor: noopPlugin },
      rules: Object.fromEntries(ruleIds.map((id) => [id, id === noopRuleId ? 'error' : (all.rules?.[id] ?? 'error')])),
    },
  ];
}

/** Whether an error is the JavaScript engine running out of stack (espree reports it as a SyntaxError). */
export function isStackExhaustion(error: unknown): boolean {
  return error instanceof RangeError || (error instanceof Error && /Maximum call stack|Not enough stack space/.test(error.message));
}

/**
 * An error's message and the top of its stack, the plugin's own frames (src/, rules/) marked with
 * `>`; when none is near the top, the plugin frames further down are listed after it.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const ours = [`${rootDir}${sep}src${sep}`, `${rootDir}${sep}rules${sep}`];
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .map((line) => (ours.some((dir) => line.includes(dir)) ? `> ${line.trim()}` : `  ${line.trim()}`));
  const top = frames.slice(0, 12);
  const deeper = top.some((line) => line.startsWith('>')) ? [] : frames.filter((line) => line.startsWith('>')).slice(0, 12);
  return [`${error.name}: ${error.message}`, ...top, ...(deeper.length > 0 ? ['plugin frames further down:', ...deeper] : [])].join('\n');
}

export interface FuzzFailure {
  readonly source: string;
  readonly seed: number;
  readonly parser: ParserName;
  readonly check:
    | 'rule crashed'
    | 'fatal message'
    | 'fix output does not parse'
    | 'fix not applied'
    | 'second fix pass changed the code'
    | 'suggestion output does not parse';
  readonly detail: string;
  readonly program: string;
}

export class FuzzStats {
  programs = 0;
  parseRejected = 0;
  linted = 0;
  findings = 0;
  fixesApplied = 0;
  suggestionsChecked = 0;
  readonly findingsByRule = new Map<string, number>();

  summary(): string {
    const byRule = [...this.findingsByRule.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([rule, count]) => `${rule.replace('steady-state/', '')} ${count}`)
      .join(', ');
    return `programs linted ${this.linted} (parser runs ${this.programs}, parse-rejected ${this.parseRejected}), findings ${this.findings} [${byRule}], fixes applied ${this.fixesApplied}, suggestions checked ${this.suggestionsChecked}`;
  }
}

/**
 * Lints one program with every rule under one parser and checks what must hold for any input:
 * no rule throws, no fatal message once the parser has accepted the program, every fix output and
 * every suggestion output parses, and a second `--fix` pass has nothing left to do.
 */
export function fuzzOne(
  linter: Linter,
  parser: ParserSetup,
  code: string,
  filename: string,
  meta: { source: string; seed: number; fixMode: FixMode },
  stats: FuzzStats,
  failures: FuzzFailure[],
): void {
  stats.programs += 1;
  const config = allRulesConfig(parser, meta.fixMode);
  const fail = (check: FuzzFailure['check'], detail: string, program = code): void => {
    failures.push({ source: meta.source, seed: meta.seed, parser: parser.name, check, detail, program });
  };

  let messages: Linter.LintMessage[];
  try {
    messages = linter.verify(code, config, filename);
  } catch (error) {
    stats.linted += 1;
    fail('rule crashed', describeError(error));
    return;
  }
  const fatal = messages.filter((message) => message.fatal);
  if (fatal.length > 0 && parseError(parser, code, filename) !== null) {
    // the generated program is not valid for this parser: nothing for the rules to look at
    stats.parseRejected += 1;
    return;
  }
  stats.linted += 1;
  for (const message of fatal) fail('fatal message', `${message.line}:${message.column} ${message.message}`);
  for (const message of messages) {
    if (!message.ruleId) continue;
    stats.findings += 1;
    stats.findingsByRule.set(message.ruleId, (stats.findingsByRule.get(message.ruleId) ?? 0) + 1);
    for (const suggestion of message.suggestions ?? []) {
      stats.suggestionsChecked += 1;
      const output = applyEdit(code, suggestion.fix);
      const error = parseError(parser, output, filename);
      if (error !== null)
        fail('suggestion output does not parse', `${message.ruleId} at ${message.line}:${message.column} "${suggestion.desc}": ${error}`, output);
    }
  }

  const fixable = messages.filter((message) => message.fix).length;
  if (fixable === 0) return;
  let fixed: Linter.FixReport;
  try {
    fixed = linter.verifyAndFix(code, config, { filename });
  } catch (error) {
    fail('rule crashed', `while fixing: ${describeError(error)}`);
    return;
  }
  if (!fixed.fixed) {
    fail('fix not applied', `${fixable} fixable finding(s), verifyAndFix reported fixed: false`);
    return;
  }
  stats.fixesApplied += fixable - fixed.messages.filter((message) => message.fix).length;
  const outputError = parseError(parser, fixed.output, filename);
  if (outputError !== null) {
    fail('fix output does not parse', outputError, fixed.output);
    return;
  }
  try {
    const again = linter.verifyAndFix(fixed.output, config, { filename });
    if (again.fixed) fail('second fix pass changed the code', again.output, fixed.output);
  } catch (error) {
    fail('rule crashed', `while fixing the fixed output: ${describeError(error)}`, fixed.output);
  }
}

/** What the parser says about `code`, or null when it accepts it. */
function parseError(parser: ParserSetup, code: string, filename: string): string | null {
  try {
    parser.parse(code, filename);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
