import * as tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';

import rule, { type MessageIds, type Options } from '../../rules/require-close-on-error.js';
import { at } from '../support/location.js';
import { SteadyStateRuleTester, type InvalidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;
type Suggestion = NonNullable<Case['errors'][number]['suggestions']>[number];

/** One finding at the first `needle`; no autofix unless `extra.output` says so, and the suggestions given. */
function invalid(
  code: string,
  messageId: MessageIds,
  needle: string,
  data: Record<string, string | number>,
  extra: Partial<Case> & { suggestions?: Suggestion[]; occurrence?: number } = {},
): Case {
  const { suggestions, occurrence, ...rest } = extra;
  return { code, output: null, errors: [{ messageId, data, ...at(code, needle, occurrence), ...(suggestions ? { suggestions } : {}) }], ...rest };
}

function suggestion(messageId: MessageIds, data: Record<string, string>, output: string): Suggestion {
  return { messageId, data, output };
}

const CANCEL = (name: string): Record<string, string> => ({ code: `await ${name}.body?.cancel()` });

new SteadyStateRuleTester().run('require-close-on-error', rule, {
  valid: [
    // Released in finally.
    `export async function transfer(pool) {\n  const client = await pool.connect();\n  try {\n    await client.query('BEGIN');\n    await client.query('COMMIT');\n  } finally {\n    client.release();\n  }\n}`,
    `import { open } from 'node:fs/promises';\nexport async function head(file) {\n  const handle = await open(file);\n  try {\n    return await handle.read(Buffer.alloc(64), 0, 64, 0);\n  } finally {\n    await handle.close();\n  }\n}`,
    // Released in both try and catch.
    `export async function run(pool, sql) {\n  const client = await pool.connect();\n  try {\n    const result = await client.query(sql);\n    client.release();\n    return result;\n  } catch (err) {\n    client.release(err);\n    throw err;\n  }\n}`,
    // Nothing between acquisition and release can fail.
    `import fs from 'node:fs';\nexport function touch(path) {\n  const out = fs.createWriteStream(path);\n  out.end('');\n}`,
    // using / await using.
    {
      code: `import { open } from 'node:fs/promises';\nexport async function first(file: string) {\n  await using handle = await open(file);\n  return handle.read();\n}`,
      ts: true,
    },
    // Ownership moves: returned, stored, passed on, handed to pipeline.
    `import fs from 'node:fs';\nexport function reader(path) {\n  const stream = fs.createReadStream(path);\n  return stream;\n}`,
    `export class Repo {\n  async begin() {\n    const client = await this.pool.connect();\n    this.client = client;\n  }\n}`,
    `import fs from 'node:fs';\nimport { pipeline } from 'node:stream/promises';\nexport async function copy(src, dest) {\n  const input = fs.createReadStream(src);\n  await pipeline(input, fs.createWriteStream(dest));\n}`,
    `export async function proxy(url) {\n  const upstream = await fetch(url, { signal: AbortSignal.timeout(5000) });\n  return upstream;\n}`,
    // An error listener that looks after the stream; a child process whose exit is awaited.
    `import fs from 'node:fs';\nexport function serve(path, res) {\n  const stream = fs.createReadStream(path);\n  stream.on('error', () => res.destroy());\n  stream.pipe(res);\n}`,
    `import { spawn } from 'node:child_process';\nexport function run(cmd) {\n  const child = spawn(cmd);\n  child.on('exit', (code) => log.info(code));\n}`,
    // A read stream consumed to its end closes itself.
    `import fs from 'node:fs';\nexport async function countLines(path) {\n  const input = fs.createReadStream(path);\n  let lines = 0;\n  for await (const chunk of input) lines += chunk.toString().split('\\n').length;\n  return lines;\n}`,
    `import fs from 'node:fs';\nexport function hash(path, hasher) {\n  const input = fs.createReadStream(path);\n  input.on('data', (chunk) => hasher.update(chunk));\n  input.on('end', () => hasher.digest());\n}`,
    // Body consumed on every path, or cancelled.
    `export async function getOrder(id) {\n  const res = await fetch(\`/orders/\${id}\`, { signal: AbortSignal.timeout(5000) });\n  if (!res.ok) {\n    await res.body?.cancel();\n    throw new Error(String(res.status));\n  }\n  return res.json();\n}`,
    `export async function getOrder(id) {\n  const res = await fetch(\`/orders/\${id}\`, { signal: AbortSignal.timeout(5000) });\n  if (!res.ok) throw new Error(await res.text());\n  return res.json();\n}`,
    `export async function load(url) {\n  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });\n  const body = await res.json();\n  if (!body.ok) throw new Error('bad');\n  return body;\n}`,
    `export async function stream(url) {\n  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });\n  for await (const chunk of res.body) process(chunk);\n}`,
    // Bodies read in forms that consume them: parsed at the start of a try (reading consumes the body
    // even when parsing fails), read as an argument, read in an error branch.
    {
      code: `export async function discover(issuer) {\n  const res = await fetch(\`\${issuer}/.well-known/openid-configuration\`, { signal: AbortSignal.timeout(5000) });\n  let metadata;\n  try {\n    metadata = await res.json();\n  } catch (err) {\n    throw new Error('discovery document is not JSON');\n  }\n  if (!metadata.issuer) throw new Error('no issuer');\n  return metadata;\n}`,
      options: [{ checkErrorBodies: true }],
    },
    {
      code: `export async function notify(url, event) {\n  const res = await fetch(url, { method: 'POST', body: JSON.stringify(event), signal: AbortSignal.timeout(5000) });\n  if (!res.ok) {\n    log.debug('webhook failed', res.status, await res.text());\n    return false;\n  }\n  return (await res.json()).accepted;\n}`,
      options: [{ checkErrorBodies: true }],
    },
    {
      code: `export async function getUser(id) {\n  const res = await fetch(\`/users/\${id}\`, { signal: AbortSignal.timeout(5000) });\n  if (!res.ok) throw new ApiError(res.status, await res.text());\n  return res.json();\n}`,
      options: [{ checkErrorBodies: true }],
    },
    // Error bodies left unread: undici reads a small body and reuses the connection (checkErrorBodies off).
    `export async function getOrder(id) {\n  const res = await fetch(\`/orders/\${id}\`, { signal: AbortSignal.timeout(5000) });\n  if (!res.ok) throw new Error(res.statusText);\n  return res.json();\n}`,
    `export async function fetchJson(url) {\n  try {\n    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });\n    if (res.status >= 400) {\n      debug('GET %s returned %d', url, res.status);\n      return undefined;\n    }\n    return await res.json();\n  } catch {\n    return undefined;\n  }\n}`,
    `export async function fetchReport(url) {\n  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });\n  switch (res.status) {\n    case 200:\n      return res.json();\n    case 404:\n      return null;\n    default:\n      throw new Error(String(res.status));\n  }\n}`,
    // Responses without a body: a HEAD request, a 304 or 204 status.
    `export async function exists(url) {\n  const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5000) });\n  return res.ok;\n}`,
    {
      code: `export async function refresh(url, etag) {\n  const res = await fetch(url, { headers: { 'If-None-Match': etag }, signal: AbortSignal.timeout(5000) });\n  if (res.status === 304) return null;\n  return res.arrayBuffer();\n}`,
      options: [{ checkErrorBodies: true }],
    },
    // Child processes with no pipes to this process, or detached on purpose.
    `import { spawn } from 'node:child_process';\nexport function runScript(script) {\n  const child = spawn(script, { stdio: 'inherit', shell: true });\n  log.info('running', script);\n}`,
    `import { spawn } from 'node:child_process';\nexport function daemonize(args) {\n  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'ignore', 'ignore'] });\n  child.unref();\n  process.exit(0);\n}`,
    `import { spawn } from 'node:child_process';\nexport function detach(cmd) {\n  const child = spawn(cmd, [], { detached: true });\n  child.unref();\n}`,
    // Library-managed: callback APIs and the pool's own connections.
    `export const count = (pool) => pool.query('SELECT 1');`,
    `export async function connect(broker) {\n  const connection = await broker.connectionPool.getConnection();\n  connection.setVersions(versions);\n}`,
    // Not the real APIs.
    `export function f(createReadStream, res) {\n  createReadStream('x').pipe(res);\n}`,
    // pipeline instead of pipe.
    `import fs from 'node:fs';\nimport { pipeline } from 'node:stream';\napp.get('/x', (req, res) => pipeline(fs.createReadStream('x'), res, () => {}));`,
    // Released on every path, and the mirror image of each invalid path shape above.
    // Closed in the catch and again after the try: released on every path.
    `import { open } from 'node:fs/promises';
export async function save(path, data) {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(data);
  } catch (err) {
    await handle.close();
    throw err;
  }
  await handle.close();
}`,
    // Closed on both sides of the flag.
    `import { open } from 'node:fs/promises';
export async function appendIfOpen(path, line, enabled) {
  const handle = await open(path, 'a');
  if (enabled) {
    try {
      await handle.appendFile(line);
    } finally {
      await handle.close();
    }
    return true;
  }
  await handle.close();
  return false;
}`,
    // A switch inside try/finally.
    `export async function apply(pool, change) {
  const client = await pool.connect();
  try {
    switch (change.kind) {
      case 'insert':
        await client.query('INSERT INTO items VALUES ($1)', [change.id]);
        return 'inserted';
      case 'noop':
        return 'skipped';
      default:
        throw new Error(\`unknown change \${change.kind}\`);
    }
  } finally {
    client.release();
  }
}`,
    // Every case of a switch releases, fall-through included.
    `import net from 'node:net';
export function signal(port, host, kind) {
  const socket = net.connect(port, host);
  switch (kind) {
    case 'stop':
      socket.end('STOP');
      break;
    case 'kill':
    case 'abort':
      socket.destroy();
      return false;
    default:
      socket.end('PING');
  }
  return true;
}`,
    // Nested ifs that release in every branch.
    `import net from 'node:net';
export function send(port, host, message, urgent, retry) {
  const socket = net.connect(port, host);
  if (urgent) {
    if (retry) {
      socket.end(message);
    } else {
      socket.destroy();
    }
  } else if (message.length > 0) {
    socket.end(message);
  } else {
    socket.destroy();
  }
}`,
    // A break, then the close after the loop.
    `import fs from 'node:fs';
export function writeUntilBlank(path, lines) {
  const out = fs.createWriteStream(path);
  for (const line of lines) {
    if (line === '') break;
    if (line === 'EOF') {
      out.end();
      return;
    }
    out.write(line);
  }
  out.end();
}`,
    // An early return inside try/finally.
    `export async function runJob(pool, job) {
  const client = await pool.connect();
  try {
    if (!job.sql) return null;
    return await client.query(job.sql);
  } finally {
    client.release();
  }
}`,
    // A descriptor closed in a finally.
    `import fs from 'node:fs';
export function writeSnapshot(path, state) {
  const fd = fs.openSync(path, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(state));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}`,
    // A promisified descriptor closed in a finally.
    `import fs from 'node:fs';
import { promisify } from 'node:util';
const openFile = promisify(fs.open);
const closeFile = promisify(fs.close);
const readFile = promisify(fs.read);
export async function magic(path) {
  const fd = await openFile(path, 'r');
  try {
    const { buffer } = await readFile(fd, Buffer.alloc(4), 0, 4, 0);
    return buffer.toString('hex');
  } finally {
    await closeFile(fd);
  }
}`,
    // Nothing between opening and closing a descriptor can fail.
    `import fs from 'node:fs';
export function touch(path) {
  const fd = fs.openSync(path, 'a');
  fs.closeSync(fd);
}`,
    // pipeline() ends the destination on every path.
    `import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
export async function exportRows(path, db) {
  const out = createWriteStream(path);
  await pipeline(Readable.from(db.rows()), out);
}`,
    // A socket ended in a finally.
    `import net from 'node:net';
import { once } from 'node:events';
export async function ping(host, port) {
  const socket = net.connect(port, host);
  socket.on('error', (err) => log.warn(err));
  try {
    await once(socket, 'connect');
    socket.write('PING\\r\\n');
    const [reply] = await once(socket, 'data');
    return reply.toString();
  } finally {
    socket.end();
  }
}`,
    // A socket in callback code, ended from the listener that receives the reply.
    `import net from 'node:net';
export function ping(host, port) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host, () => socket.write('PING\\r\\n'));
    socket.on('data', (data) => {
      socket.end();
      resolve(data.toString());
    });
    socket.on('error', reject);
  });
}`,
    // A socket that is never released but listens for its errors: it closes itself on them, and nothing here says more.
    `import net from 'node:net';
export function connectLogger(port, host) {
  const socket = net.connect(port, host);
  socket.on('error', (err) => log.warn('log sink down', err));
  socket.write('hello\\n');
}`,
    // A WebSocket closed in a finally.
    `import WebSocket from 'ws';
import { once } from 'node:events';
export async function rpc(url, request) {
  const ws = new WebSocket(url);
  try {
    await once(ws, 'open');
    ws.send(JSON.stringify(request));
    const [data] = await once(ws, 'message');
    return JSON.parse(String(data));
  } finally {
    ws.close();
  }
}`,
    // Failure handling on either side of a pipe into a file: an abort listener on the source, an error listener chained or on the destination.
    `import fs from 'node:fs';
export function upload(req, res) {
  const out = fs.createWriteStream(\`/var/uploads/\${req.params.id}\`);
  req.on('aborted', () => out.destroy());
  req.pipe(out);
}
export function uploadChained(req, res) {
  req.pipe(fs.createWriteStream('/var/uploads/latest')).on('error', (err) => res.destroy(err));
}
export function uploadListened(req, res) {
  const out = fs.createWriteStream('/var/uploads/other');
  out.on('error', (err) => res.destroy(err));
  req.pipe(out);
}`,
    // pipeline() from node:stream/promises.
    `import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
export async function upload(req, res) {
  await pipeline(req, fs.createWriteStream(\`/var/uploads/\${req.params.id}\`));
  res.end('stored');
}`,
    // The body read before any branch.
    `export async function latestVersion(url, cache) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  const body = await res.json();
  if (res.headers.get('etag') !== cache.etag) {
    cache.body = body;
  }
  if (cache.body.stale) return null;
  return cache.body.version;
}`,
    // The body read in one branch and cancelled in the other.
    `export async function latestVersion(url, cache) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (res.headers.get('etag') !== cache.etag) {
    cache.body = await res.json();
  } else {
    await res.body?.cancel();
  }
  if (cache.body.stale) return null;
  return cache.body.version;
}`,
    // A branch where nothing was acquired (`if (!client) return`).
    `export async function withClient(pool, work) {
  const client = await pool.connect();
  if (!client) return null;
  try {
    return await work(client);
  } finally {
    client.release();
  }
}`,
    // The body cancelled before the throw.
    `export async function getJson(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.headers.get('content-type')?.includes('json')) {
    await res.body?.cancel();
    throw new Error(\`\${url} did not answer JSON\`);
  }
  return res.json();
}`,
    // The same loops: an error status breaks out (error bodies off), the skipped body cancelled before \`continue\`.
    `export async function allPages(url) {
  const items = [];
  for (let page = 1; page <= 10; page++) {
    const res = await fetch(\`\${url}?page=\${page}\`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) break;
    const body = await res.json();
    items.push(...body.items);
  }
  return items;
}`,
    `export async function firstMatch(urls, wanted) {
  for (const url of urls) {
    if (wanted.size === 0) return null;
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (res.headers.get('x-skip')) {
      await res.body?.cancel();
      continue;
    }
    const body = await res.json();
    if (wanted.has(body.id)) return body;
  }
  return null;
}`,
    // The descriptor closed on every path of the read callback; the open callback's own error branch has none.
    `import fs from 'node:fs';
export function readHeader(path, length, callback) {
  fs.open(path, 'r', (err, fd) => {
    if (err) return callback(err);
    const buffer = Buffer.alloc(length);
    fs.read(fd, buffer, 0, length, 0, (readErr) => {
      fs.close(fd, (closeErr) => callback(readErr ?? closeErr ?? null, buffer));
    });
  });
}`,
    // A continuation that uses the descriptor (`next()`) takes it over; the last turn closes it.
    `import fs from 'node:fs';
export function readAll(path, callback) {
  fs.open(path, 'r', (err, fd) => {
    if (err) return callback(err);
    const chunks = [];
    const next = () => {
      fs.read(fd, Buffer.alloc(4096), 0, 4096, null, (readErr, bytes, buffer) => {
        if (readErr || bytes === 0) return fs.close(fd, () => callback(readErr ?? null, Buffer.concat(chunks)));
        chunks.push(buffer.subarray(0, bytes));
        next();
      });
    };
    next();
  });
}`,
    // The descriptor handed to a function this file does not follow.
    `import fs from 'node:fs';
export function withDescriptor(path, work, callback) {
  fs.open(path, 'r', (err, fd) => {
    if (err) return callback(err);
    work(fd, callback);
  });
}`,
    // A checkout from something not named as a pool, unless `poolNames` says it holds one; a name
    // in `poolNames` is the whole name, not a part of one.
    `export async function transfer(db) {\n  const client = await db.connect();\n  await client.query('BEGIN');\n  await client.query('COMMIT');\n  client.release();\n}`,
    {
      code: `export async function transfer(dbClient) {\n  const client = await dbClient.connect();\n  await client.query('BEGIN');\n  await client.query('COMMIT');\n  client.release();\n}`,
      options: [{ poolNames: ['db'] }],
    },
    {
      code: `export async function transfer(db) {\n  const client = await db.connect();\n  try {\n    await client.query('BEGIN');\n    await client.query('COMMIT');\n  } finally {\n    client.release();\n  }\n}`,
      options: [{ poolNames: ['db'] }],
    },
  ],
  invalid: [
    // A checkout from what `poolNames` says holds a pool: a variable, or a property (`this.db`).
    invalid(
      `export async function transfer(db) {\n  const client = await db.connect();\n  await client.query('BEGIN');\n  await client.query('COMMIT');\n  client.release();\n}`,
      'releasedOnlyOnSuccess',
      'client',
      { name: 'client', release: 'client.release()' },
      {
        options: [{ poolNames: ['db'] }],
        output: `export async function transfer(db) {\n  const client = await db.connect();\n  try {\n    await client.query('BEGIN');\n    await client.query('COMMIT');\n  } finally {\n    client.release();\n  }\n}`,
      },
    ),
    invalid(
      `export class Accounts {\n  async credit(id, cents) {\n    const connection = await this.mysql.getConnection();\n    await connection.query('UPDATE accounts SET cents = cents + ? WHERE id = ?', [cents, id]);\n    connection.release();\n  }\n}`,
      'releasedOnlyOnSuccess',
      'connection',
      { name: 'connection', release: 'connection.release()' },
      {
        options: [{ poolNames: ['mysql'] }],
        output: `export class Accounts {\n  async credit(id, cents) {\n    const connection = await this.mysql.getConnection();\n    try {\n      await connection.query('UPDATE accounts SET cents = cents + ? WHERE id = ?', [cents, id]);\n    } finally {\n      connection.release();\n    }\n  }\n}`,
      },
    ),
    // A pg transaction helper that releases only when every query succeeds: --fix moves the release into a finally.
    invalid(
      `export async function transfer(pool, from, to, cents) {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query('UPDATE accounts SET cents = cents - $1 WHERE id = $2', [cents, from]);
  await client.query('UPDATE accounts SET cents = cents + $1 WHERE id = $2', [cents, to]);
  await client.query('COMMIT');
  client.release();
}`,
      'releasedOnlyOnSuccess',
      'client',
      { name: 'client', release: 'client.release()' },
      {
        output: `export async function transfer(pool, from, to, cents) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('UPDATE accounts SET cents = cents - $1 WHERE id = $2', [cents, from]);
    await client.query('UPDATE accounts SET cents = cents + $1 WHERE id = $2', [cents, to]);
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
      },
    ),
    // A file handle closed after a read whose result is used after the close: the try runs to the end of the block.
    {
      ...invalid(
        `import { open } from 'node:fs/promises';
export async function header(file) {
  const handle = await open(file, 'r');
  const { buffer } = await handle.read(Buffer.alloc(64), 0, 64, 0);
  await handle.close();
  return buffer;
}`,
        'releasedOnlyOnSuccess',
        'handle',
        { name: 'handle', release: 'handle.close()' },
        {
          suggestions: [
            suggestion(
              'suggestFinallyRest',
              { name: 'handle', release: 'handle.close()' },
              `import { open } from 'node:fs/promises';
export async function header(file) {
  const handle = await open(file, 'r');
  try {
    const { buffer } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}`,
            ),
            suggestion(
              'suggestAwaitUsing',
              { name: 'handle' },
              `import { open } from 'node:fs/promises';
export async function header(file) {
  await using handle = await open(file, 'r');
  const { buffer } = await handle.read(Buffer.alloc(64), 0, 64, 0);
  return buffer;
}`,
            ),
          ],
        },
      ),
      // `await using` is offered in TypeScript files only (the JavaScript run is below).
      ts: true,
    },
    // Released only in the try block: no remedy (the release is not a statement of the acquisition's block).
    invalid(
      `import fs from 'node:fs';
export async function writeReport(path, rows) {
  const out = fs.createWriteStream(path);
  try {
    for (const row of await rows()) out.write(row);
    out.end();
  } catch (err) {
    log.error(err);
  }
}`,
      'releasedOnlyOnSuccess',
      'out',
      { name: 'out', release: 'out.end()' },
    ),
    // A write stream (acquired synchronously), an early return that does not use it, tabs: --fix.
    invalid(
      `import fs from 'node:fs';
export async function dump(path, source) {
\tconst out = fs.createWriteStream(path)
\tconst rows = await source.rows()
\tif (rows.length === 0) return
\tfor (const row of rows) out.write(\`\${row.id},
\${row.name}\`)
\tout.end()
\tlog.info('dumped', path)
}`,
      'releasedOnlyOnSuccess',
      'out',
      { name: 'out', release: 'out.end()' },
      {
        output: `import fs from 'node:fs';
export async function dump(path, source) {
\tconst out = fs.createWriteStream(path)
\ttry {
\t\tconst rows = await source.rows()
\t\tif (rows.length === 0) return
\t\tfor (const row of rows) out.write(\`\${row.id},
\${row.name}\`)
\t} finally {
\t\tout.end()
\t}
\tlog.info('dumped', path)
}`,
      },
    ),
    // An early return that hands back a pending query on the client, and a name used after the
    // release: the try would have to run to the end, releasing under that query. No remedy.
    invalid(
      `export async function lookup(pool, id, fast) {
  const client = await pool.connect();
  await client.query('SET statement_timeout = 1000');
  if (fast) return client.query('SELECT * FROM users WHERE id = $1', [id]);
  const { rows } = await client.query('SELECT * FROM users_view WHERE id = $1', [id]);
  client.release();
  return rows;
}`,
      'releasedOnlyOnSuccess',
      'client',
      { name: 'client', release: 'client.release()' },
    ),
    // The same early return, nothing used after: the finally is only a suggestion.
    invalid(
      `export async function refresh(pool, id, cached) {
  const client = await pool.connect();
  await client.query('BEGIN');
  if (cached) return client.query('SELECT 1');
  await client.query('COMMIT');
  client.release();
}`,
      'releasedOnlyOnSuccess',
      'client',
      { name: 'client', release: 'client.release()' },
      {
        suggestions: [
          suggestion(
            'suggestFinally',
            { name: 'client', release: 'client.release()' },
            `export async function refresh(pool, id, cached) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if (cached) return client.query('SELECT 1');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}`,
          ),
        ],
      },
    ),
    // Code after the release waits for it (the stream's finish): it cannot move before the release. No remedy.
    invalid(
      `import fs from 'node:fs';
export async function save(path, load) {
  const out = fs.createWriteStream(path);
  const rows = await load();
  out.write(rows.join('\\n'));
  out.end();
  await new Promise((resolve) => out.on('finish', resolve));
  return rows.length;
}`,
      'releasedOnlyOnSuccess',
      'out',
      { name: 'out', release: 'out.end()' },
    ),
    // Released twice (an early release in a branch): moving one into a finally would release twice. No remedy.
    invalid(
      `export async function claim(pool, id) {
  const client = await pool.connect();
  const { rowCount } = await client.query('UPDATE jobs SET claimed = true WHERE id = $1', [id]);
  if (rowCount === 0) {
    client.release();
    return false;
  }
  await client.query('INSERT INTO claims (job) VALUES ($1)', [id]);
  client.release();
  return true;
}`,
      'releasedOnlyOnSuccess',
      'client',
      { name: 'client', release: 'client.release()' },
    ),
    // The release's result is used: no remedy.
    invalid(
      `export async function run(pool) {
  const client = await pool.connect();
  await client.query('SELECT 1');
  const released = client.release();
  return released;
}`,
      'releasedOnlyOnSuccess',
      'client',
      { name: 'client', release: 'client.release()' },
    ),
    // A comment inside the release: no remedy rather than a lost comment.
    invalid(
      `export async function ping(pool) {
  const client = await pool.connect();
  await client.query('SELECT 1');
  client.release(/* keep alive */);
}`,
      'releasedOnlyOnSuccess',
      'client',
      { name: 'client', release: 'client.release()' },
    ),
    // Never released.
    invalid(
      `import net from 'node:net';
export function probe(host) {
  const socket = net.connect(6379, host);
  socket.write('PING\\r\\n');
}`,
      'neverReleased',
      'socket',
      { name: 'socket', resource: 'socket' },
    ),
    invalid(
      `export async function count(pool) {
  const conn = await pool.getConnection();
  const [rows] = await conn.query('SELECT COUNT(*) AS n FROM users');
  return rows[0].n;
}`,
      'neverReleased',
      'conn',
      { name: 'conn', resource: 'pool-client' },
    ),
    // A file handle never closed: `await using` in TypeScript.
    {
      ...invalid(
        `import { open } from 'node:fs/promises';
export async function firstLine(path: string): Promise<string> {
  const handle = await open(path);
  const text = await handle.readFile('utf8');
  return text.split('\\n')[0] ?? '';
}`,
        'neverReleased',
        'handle',
        { name: 'handle', resource: 'file-handle' },
        {
          suggestions: [
            suggestion(
              'suggestAwaitUsing',
              { name: 'handle' },
              `import { open } from 'node:fs/promises';
export async function firstLine(path: string): Promise<string> {
  await using handle = await open(path);
  const text = await handle.readFile('utf8');
  return text.split('\\n')[0] ?? '';
}`,
            ),
          ],
        },
      ),
      ts: true,
    },
    // A handle whose stream outlives the function: `await using` would close it under the stream. No remedy.
    {
      ...invalid(
        `import { open } from 'node:fs/promises';
export async function lines(path: string) {
  const handle = await open(path);
  return handle.readLines();
}`,
        'neverReleased',
        'handle',
        { name: 'handle', resource: 'file-handle' },
      ),
      ts: true,
    },
    // A body never read on a success path: a download rejected by its headers.
    invalid(
      `export async function downloadIcon(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) return null;
  if (Number(res.headers.get('content-length')) > MAX_BYTES) return null;
  return Buffer.from(await res.arrayBuffer());
}`,
      'bodyNotConsumed',
      'res',
      { name: 'res' },
      {
        suggestions: [
          suggestion(
            'suggestCancelBody',
            CANCEL('res'),
            `export async function downloadIcon(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) return null;
  if (Number(res.headers.get('content-length')) > MAX_BYTES) { await res.body?.cancel(); return null; }
  return Buffer.from(await res.arrayBuffer());
}`,
          ),
        ],
      },
    ),
    // An upstream proxy that throws on !res.ok without reading the body: reported with checkErrorBodies.
    invalid(
      `export async function getOrder(id) {
  const response = await fetch(\`\${API}/orders/\${id}\`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) {
    throw new Error(\`upstream answered \${response.status}\`);
  }
  return response.json();
}`,
      'errorBodyNotConsumed',
      'response',
      { name: 'response' },
      {
        options: [{ checkErrorBodies: true }],
        suggestions: [
          suggestion(
            'suggestCancelBody',
            CANCEL('response'),
            `export async function getOrder(id) {
  const response = await fetch(\`\${API}/orders/\${id}\`, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) {
    await response.body?.cancel();
    throw new Error(\`upstream answered \${response.status}\`);
  }
  return response.json();
}`,
          ),
        ],
      },
    ),
    invalid(
      `export async function fetchReport(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  switch (res.status) {
    case 200:
      return res.json();
    case 404:
      return null;
    default:
      throw new Error(\`report service answered \${res.status}\`);
  }
}`,
      'errorBodyNotConsumed',
      'res',
      { name: 'res' },
      {
        options: [{ checkErrorBodies: true }],
        suggestions: [
          suggestion(
            'suggestCancelBody',
            CANCEL('res'),
            `export async function fetchReport(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  switch (res.status) {
    case 200:
      return res.json();
    case 404:
      { await res.body?.cancel(); return null; }
    default:
      { await res.body?.cancel(); throw new Error(\`report service answered \${res.status}\`); }
  }
}`,
          ),
        ],
      },
    ),
    // An error branch and a success branch that both leave it unread: the success path decides; with
    // checkErrorBodies the suggestion cancels before both.
    invalid(
      `export async function probe(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (res.status >= 500) throw new Error('down');
  if (res.headers.get('x-cached')) return 'cached';
  return res.text();
}`,
      'bodyNotConsumed',
      'res',
      { name: 'res' },
      {
        options: [{ checkErrorBodies: true }],
        suggestions: [
          suggestion(
            'suggestCancelBody',
            CANCEL('res'),
            `export async function probe(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (res.status >= 500) { await res.body?.cancel(); throw new Error('down'); }
  if (res.headers.get('x-cached')) { await res.body?.cancel(); return 'cached'; }
  return res.text();
}`,
          ),
        ],
      },
    ),
    invalid(
      `export async function ping(url) {\n  const res = await fetch(url, { signal: AbortSignal.timeout(1000) });\n  return res.status === 200;\n}`,
      'bodyNotConsumed',
      'res',
      { name: 'res' },
      {
        suggestions: [
          suggestion(
            'suggestCancelBodyAfterCall',
            CANCEL('res'),
            `export async function ping(url) {\n  const res = await fetch(url, { signal: AbortSignal.timeout(1000) });\n  await res.body?.cancel();\n  return res.status === 200;\n}`,
          ),
        ],
      },
    ),
    // An exit on its own line under its `if`: braces in the usual layout. A 204 has no body to cancel.
    invalid(
      `export async function latest(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) })
  if (res.status === 204)
    return null
  if (res.headers.get('x-stale'))
    return undefined
  return res.json()
}`,
      'bodyNotConsumed',
      'res',
      { name: 'res' },
      {
        suggestions: [
          suggestion(
            'suggestCancelBody',
            CANCEL('res'),
            `export async function latest(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) })
  if (res.status === 204)
    return null
  if (res.headers.get('x-stale')) {
    await res.body?.cancel()
    return undefined
  }
  return res.json()
}`,
          ),
        ],
      },
    ),
    // A discarded response.
    invalid(
      `export async function warm(url) {
  await fetch(url, { signal: AbortSignal.timeout(1000) });
}`,
      'bodyNotConsumed',
      'fetch(url, { signal: AbortSignal.timeout(1000) })',
      { name: 'fetch' },
      {
        suggestions: [
          suggestion(
            'suggestCancelDiscardedBody',
            { code: 'await (await fetch(url, { signal: AbortSignal.timeout(1000) })).body?.cancel()' },
            `export async function warm(url) {
  await (await fetch(url, { signal: AbortSignal.timeout(1000) })).body?.cancel();
}`,
          ),
        ],
      },
    ),
    // Used in a way a cancelled body breaks (a clone reads the same body): no remedy.
    invalid(
      `export async function peek(url) {\n  const res = await fetch(url, { signal: AbortSignal.timeout(1000) });\n  const copy = res.clone();\n  return copy.ok;\n}`,
      'bodyNotConsumed',
      'res',
      { name: 'res' },
    ),
    // A child process whose output pipes nobody reads or closes.
    invalid(
      `import { spawn } from 'node:child_process';
export function thumbnail(file) {
  const convert = spawn('convert', [file, '-resize', '64x64', 'png:-']);
  convert.stdin.end();
}`,
      'neverReleased',
      'convert',
      { name: 'convert', resource: 'child-process' },
    ),
    // A log shipper using .pipe() in callback code with no error callback: no remedy.
    invalid(
      `import { createReadStream } from 'node:fs';
app.get('/logs/:name', (req, res) => {
  createReadStream(\`/var/log/app/\${req.params.name}\`).pipe(res);
});`,
      'pipeWithoutErrorHandling',
      'pipe',
      { source: 'createReadStream(`/var/log/app/${req.params.name}`)' },
    ),
    // The same with next: pipeline from node:stream, errors to next.
    invalid(
      `import { createReadStream } from 'node:fs';
app.get('/logs/:name', (req, res, next) => {
  createReadStream(\`/var/log/app/\${req.params.name}\`).pipe(res);
});`,
      'pipeWithoutErrorHandling',
      'pipe',
      { source: 'createReadStream(`/var/log/app/${req.params.name}`)' },
      {
        suggestions: [
          suggestion(
            'suggestPipelineCallback',
            { callback: 'next' },
            `import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
app.get('/logs/:name', (req, res, next) => {
  pipeline(createReadStream(\`/var/log/app/\${req.params.name}\`), res).catch(next);
});`,
          ),
        ],
      },
    ),
    // An async handler: await pipeline from node:stream/promises.
    invalid(
      `import { createReadStream } from 'node:fs';
import express from 'express';
const app = express();
app.get('/logs/:name', async (req, res) => {
  await audit(req);
  createReadStream(\`/var/log/app/\${req.params.name}\`).pipe(res);
});`,
      'pipeWithoutErrorHandling',
      'pipe',
      { source: 'createReadStream(`/var/log/app/${req.params.name}`)' },
      {
        suggestions: [
          suggestion(
            'suggestPipelineAwait',
            { callback: '' },
            `import { createReadStream } from 'node:fs';
import express from 'express';
import { pipeline } from 'node:stream/promises';
const app = express();
app.get('/logs/:name', async (req, res) => {
  await audit(req);
  await pipeline(createReadStream(\`/var/log/app/\${req.params.name}\`), res);
});`,
          ),
        ],
      },
    ),
    // A chain, with pipeline already imported.
    invalid(
      `import fs from 'node:fs';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
export async function compress(src, dest) {
  const input = fs.createReadStream(src);
  input.pipe(zlib.createGzip()).pipe(fs.createWriteStream(dest));
}`,
      'pipeWithoutErrorHandling',
      'pipe',
      { source: 'input' },
      {
        occurrence: 2,
        suggestions: [
          suggestion(
            'suggestPipelineAwait',
            { callback: '' },
            `import fs from 'node:fs';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
export async function compress(src, dest) {
  const input = fs.createReadStream(src);
  await pipeline(input, zlib.createGzip(), fs.createWriteStream(dest));
}`,
          ),
        ],
      },
    ),
    // CommonJS, no semicolons, in a promise executor: a require, errors to reject.
    invalid(
      `const fs = require('fs')
const https = require('https')
function upload(file, options) {
  return new Promise((resolve, reject) => {
    const request = https.request(options, (response) => resolve(response.statusCode))
    request.on('error', reject)
    fs.createReadStream(file).pipe(request)
  })
}
module.exports = { upload }`,
      'pipeWithoutErrorHandling',
      'pipe',
      { source: 'fs.createReadStream(file)' },
      {
        suggestions: [
          suggestion(
            'suggestPipelineCallback',
            { callback: 'reject' },
            `const fs = require('fs')
const https = require('https')
const { pipeline } = require('node:stream/promises')
function upload(file, options) {
  return new Promise((resolve, reject) => {
    const request = https.request(options, (response) => resolve(response.statusCode))
    request.on('error', reject)
    pipeline(fs.createReadStream(file), request).catch(reject)
  })
}
module.exports = { upload }`,
          ),
        ],
      },
    ),
    // Callback code inside a function that takes the error callback (winston's log rotation).
    invalid(
      `import fs from 'node:fs';
import zlib from 'node:zlib';
export function compressFile(src, dest, callback) {
  fs.access(src, (err) => {
    if (err) return callback();
    const input = fs.createReadStream(src);
    const out = fs.createWriteStream(dest);
    out.on('finish', () => fs.unlink(src, callback));
    input.pipe(zlib.createGzip()).pipe(out);
  });
}`,
      'pipeWithoutErrorHandling',
      'pipe',
      { source: 'input' },
      {
        suggestions: [
          suggestion(
            'suggestPipelineCallback',
            { callback: 'callback' },
            `import fs from 'node:fs';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
export function compressFile(src, dest, callback) {
  fs.access(src, (err) => {
    if (err) return callback();
    const input = fs.createReadStream(src);
    const out = fs.createWriteStream(dest);
    out.on('finish', () => fs.unlink(src, callback));
    pipeline(input, zlib.createGzip(), out).catch(callback);
  });
}`,
          ),
        ],
      },
    ),
    // Synchronous code with no error callback, a name `pipeline` taken, a pipe with options: no remedy.
    invalid(
      `import fs from 'node:fs';
import zlib from 'node:zlib';
export function compress(src, dest) {
  const input = fs.createReadStream(src);
  input.pipe(zlib.createGzip()).pipe(fs.createWriteStream(dest));
}`,
      'pipeWithoutErrorHandling',
      'pipe',
      { source: 'input' },
    ),
    invalid(
      `import fs from 'node:fs';
import { pipeline } from './build.js';
export async function copy(src, res) {
  fs.createReadStream(src).pipe(res);
  await pipeline();
}`,
      'pipeWithoutErrorHandling',
      'pipe',
      { source: 'fs.createReadStream(src)' },
      { occurrence: 2 },
    ),
    invalid(
      `import fs from 'node:fs';
export async function append(src, out) {
  fs.createReadStream(src).pipe(out, { end: false });
}`,
      'pipeWithoutErrorHandling',
      'pipe',
      { source: 'fs.createReadStream(src)' },
    ),
    {
      ...invalid(
        `import { open } from 'node:fs/promises';\nexport async function size(file: string): Promise<number> {\n  const handle = await open(file);\n  const stats = await handle.stat();\n  await handle.close();\n  return stats.size;\n}`,
        'releasedOnlyOnSuccess',
        'handle',
        { name: 'handle', release: 'handle.close()' },
        {
          suggestions: [
            suggestion(
              'suggestFinallyRest',
              { name: 'handle', release: 'handle.close()' },
              `import { open } from 'node:fs/promises';\nexport async function size(file: string): Promise<number> {\n  const handle = await open(file);\n  try {\n    const stats = await handle.stat();\n    return stats.size;\n  } finally {\n    await handle.close();\n  }\n}`,
            ),
            suggestion(
              'suggestAwaitUsing',
              { name: 'handle' },
              `import { open } from 'node:fs/promises';\nexport async function size(file: string): Promise<number> {\n  await using handle = await open(file);\n  const stats = await handle.stat();\n  return stats.size;\n}`,
            ),
          ],
        },
      ),
      ts: true,
    },
    // TypeScript: a typed pool client, four-space indentation, a comment kept in place.
    {
      ...invalid(
        `import type { Pool } from 'pg';
export async function archive(pool: Pool, id: string): Promise<void> {
    const client = await pool.connect();
    // move the row, then drop it
    await client.query('INSERT INTO archive SELECT * FROM orders WHERE id = $1', [id]);
    await client.query('DELETE FROM orders WHERE id = $1', [id]);
    client.release(); // back to the pool
}`,
        'releasedOnlyOnSuccess',
        'client',
        { name: 'client', release: 'client.release()' },
        {
          output: `import type { Pool } from 'pg';
export async function archive(pool: Pool, id: string): Promise<void> {
    const client = await pool.connect();
    try {
        // move the row, then drop it
        await client.query('INSERT INTO archive SELECT * FROM orders WHERE id = $1', [id]);
        await client.query('DELETE FROM orders WHERE id = $1', [id]);
    } finally {
        client.release(); // back to the pool
    }
}`,
        },
      ),
      ts: true,
    },
    // Paths (ESLint's code-path analysis): branches, switches, loops and finally blocks that leave with the resource held.
    // A handle closed only when a flag is set: the plain `return` on the other path leaks it. (`await using` is offered in TypeScript files only.)
    {
      ...invalid(
        `import { open } from 'node:fs/promises';
export async function appendIfOpen(path, line, enabled) {
  const handle = await open(path, 'a');
  if (enabled) {
    await handle.appendFile(line);
    await handle.close();
    return true;
  }
  return false;
}`,
        'releasedOnlyOnSuccess',
        'handle',
        { name: 'handle', release: 'handle.close()' },
        {
          suggestions: [
            {
              messageId: 'suggestAwaitUsing',
              output: `import { open } from 'node:fs/promises';
export async function appendIfOpen(path, line, enabled) {
  await using handle = await open(path, 'a');
  if (enabled) {
    await handle.appendFile(line);
    return true;
  }
  return false;
}`,
            },
          ],
        },
      ),
      ts: true,
    },
    // A switch with a case that returns without releasing the client.
    invalid(
      `export async function apply(pool, change) {
  const client = await pool.connect();
  switch (change.kind) {
    case 'insert':
      await client.query('INSERT INTO items VALUES ($1)', [change.id]);
      client.release();
      return 'inserted';
    case 'noop':
      return 'skipped';
    default:
      client.release();
      throw new Error(\`unknown change \${change.kind}\`);
  }
}`,
      'releasedOnlyOnSuccess',
      'client',
      { name: 'client', release: 'client.release()' },
    ),
    // Nested ifs: every inner branch closes, but the last `else if` has no `else`.
    invalid(
      `import net from 'node:net';
export function send(port, host, message, urgent, retry) {
  const socket = net.connect(port, host);
  if (urgent) {
    if (retry) {
      socket.end(message);
    } else {
      socket.destroy();
    }
  } else if (message.length > 0) {
    socket.end(message);
  }
}`,
      'releasedOnlyOnSuccess',
      'socket',
      { name: 'socket', release: 'socket.end()' },
    ),
    // A `break` leaves the loop, and then the function, with the stream open.
    invalid(
      `import fs from 'node:fs';
export function writeUntilBlank(path, lines) {
  const out = fs.createWriteStream(path);
  for (const line of lines) {
    if (line === '') break;
    if (line === 'EOF') {
      out.end();
      return;
    }
    out.write(line);
  }
}`,
      'releasedOnlyOnSuccess',
      'out',
      { name: 'out', release: 'out.end()' },
    ),
    // A `finally` that does not release: a failing query leaves through it with the client checked out.
    invalid(
      `export async function runJob(pool, job) {
  const client = await pool.connect();
  try {
    await client.query(job.sql);
    client.release();
  } finally {
    metrics.increment('jobs');
  }
}`,
      'releasedOnlyOnSuccess',
      'client',
      { name: 'client', release: 'client.release()' },
    ),
    // A descriptor from fs.openSync: a failing writeSync or fsyncSync leaves it open. --fix moves closeSync into a finally.
    invalid(
      `import fs from 'node:fs';
export function writeSnapshot(path, state) {
  const fd = fs.openSync(path, 'w');
  fs.writeSync(fd, JSON.stringify(state));
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}`,
      'releasedOnlyOnSuccess',
      'fd',
      { name: 'fd', release: 'fs.closeSync()' },
      {
        output: `import fs from 'node:fs';
export function writeSnapshot(path, state) {
  const fd = fs.openSync(path, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(state));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}`,
      },
    ),
    // A descriptor from promisify(fs.open), closed by promisify(fs.close) only on success.
    invalid(
      `import fs from 'node:fs';
import { promisify } from 'node:util';
const openFile = promisify(fs.open);
const closeFile = promisify(fs.close);
const readFile = promisify(fs.read);
export async function magic(path) {
  const fd = await openFile(path, 'r');
  const { buffer } = await readFile(fd, Buffer.alloc(4), 0, 4, 0);
  await closeFile(fd);
  return buffer.toString('hex');
}`,
      'releasedOnlyOnSuccess',
      'fd',
      { name: 'fd', release: 'closeFile()' },
      {
        suggestions: [
          {
            messageId: 'suggestFinallyRest',
            output: `import fs from 'node:fs';
import { promisify } from 'node:util';
const openFile = promisify(fs.open);
const closeFile = promisify(fs.close);
const readFile = promisify(fs.read);
export async function magic(path) {
  const fd = await openFile(path, 'r');
  try {
    const { buffer } = await readFile(fd, Buffer.alloc(4), 0, 4, 0);
    return buffer.toString('hex');
  } finally {
    await closeFile(fd);
  }
}`,
          },
        ],
      },
    ),
    // fs.promises.open through a named import of `promises`. (`await using` is offered in TypeScript files only.)
    {
      ...invalid(
        `import { promises as fsp } from 'node:fs';
export async function readHeader(path) {
  const handle = await fsp.open(path, 'r');
  const { buffer } = await handle.read(Buffer.alloc(16), 0, 16, 0);
  await handle.close();
  return buffer;
}`,
        'releasedOnlyOnSuccess',
        'handle',
        { name: 'handle', release: 'handle.close()' },
        {
          suggestions: [
            {
              messageId: 'suggestFinallyRest',
              output: `import { promises as fsp } from 'node:fs';
export async function readHeader(path) {
  const handle = await fsp.open(path, 'r');
  try {
    const { buffer } = await handle.read(Buffer.alloc(16), 0, 16, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}`,
            },
            {
              messageId: 'suggestAwaitUsing',
              output: `import { promises as fsp } from 'node:fs';
export async function readHeader(path) {
  await using handle = await fsp.open(path, 'r');
  const { buffer } = await handle.read(Buffer.alloc(16), 0, 16, 0);
  return buffer;
}`,
            },
          ],
        },
      ),
      ts: true,
    },
    // A write stream ended after awaited work: a failing page leaves the file open. --fix ends it in a finally.
    invalid(
      `import { createWriteStream } from 'node:fs';
export async function exportRows(path, db) {
  const out = createWriteStream(path);
  for (let page = 0; page < db.pages; page++) {
    const rows = await db.page(page);
    for (const row of rows) out.write(\`\${row.id},\${row.name}\\n\`);
  }
  out.end();
}`,
      'releasedOnlyOnSuccess',
      'out',
      { name: 'out', release: 'out.end()' },
      {
        output: `import { createWriteStream } from 'node:fs';
export async function exportRows(path, db) {
  const out = createWriteStream(path);
  try {
    for (let page = 0; page < db.pages; page++) {
      const rows = await db.page(page);
      for (const row of rows) out.write(\`\${row.id},\${row.name}\\n\`);
    }
  } finally {
    out.end();
  }
}`,
      },
    ),
    // A socket that listens for its own errors is still left open when the code using it throws.
    invalid(
      `import net from 'node:net';
import { once } from 'node:events';
export async function ping(host, port) {
  const socket = net.connect(port, host);
  socket.on('error', (err) => log.warn(err));
  await once(socket, 'connect');
  socket.write('PING\\r\\n');
  const [reply] = await once(socket, 'data');
  socket.end();
  return reply.toString();
}`,
      'releasedOnlyOnSuccess',
      'socket',
      { name: 'socket', release: 'socket.end()' },
      {
        suggestions: [
          {
            messageId: 'suggestFinallyRest',
            output: `import net from 'node:net';
import { once } from 'node:events';
export async function ping(host, port) {
  const socket = net.connect(port, host);
  try {
    socket.on('error', (err) => log.warn(err));
    await once(socket, 'connect');
    socket.write('PING\\r\\n');
    const [reply] = await once(socket, 'data');
    return reply.toString();
  } finally {
    socket.end();
  }
}`,
          },
        ],
      },
    ),
    // A TLS socket destroyed only when the certificate check passes.
    invalid(
      `import tls from 'node:tls';
import { once } from 'node:events';
export async function certificateOf(host) {
  const socket = tls.connect({ host, port: 443, servername: host });
  await once(socket, 'secureConnect');
  const cert = socket.getPeerCertificate();
  if (!cert.valid_to) throw new Error(\`no certificate from \${host}\`);
  socket.destroy();
  return cert.valid_to;
}`,
      'releasedOnlyOnSuccess',
      'socket',
      { name: 'socket', release: 'socket.destroy()' },
      {
        suggestions: [
          {
            messageId: 'suggestFinallyRest',
            output: `import tls from 'node:tls';
import { once } from 'node:events';
export async function certificateOf(host) {
  const socket = tls.connect({ host, port: 443, servername: host });
  try {
    await once(socket, 'secureConnect');
    const cert = socket.getPeerCertificate();
    if (!cert.valid_to) throw new Error(\`no certificate from \${host}\`);
    return cert.valid_to;
  } finally {
    socket.destroy();
  }
}`,
          },
        ],
      },
    ),
    // A WebSocket closed only when the reply parses.
    invalid(
      `import WebSocket from 'ws';
import { once } from 'node:events';
export async function rpc(url, request) {
  const ws = new WebSocket(url);
  await once(ws, 'open');
  ws.send(JSON.stringify(request));
  const [data] = await once(ws, 'message');
  ws.close();
  return JSON.parse(String(data));
}`,
      'releasedOnlyOnSuccess',
      'ws',
      { name: 'ws', release: 'ws.close()' },
      {
        occurrence: 2,
        suggestions: [
          {
            messageId: 'suggestFinallyRest',
            output: `import WebSocket from 'ws';
import { once } from 'node:events';
export async function rpc(url, request) {
  const ws = new WebSocket(url);
  try {
    await once(ws, 'open');
    ws.send(JSON.stringify(request));
    const [data] = await once(ws, 'message');
    return JSON.parse(String(data));
  } finally {
    ws.close();
  }
}`,
          },
        ],
      },
    ),
    // A request piped into a file with no failure handling on either side: an aborted upload leaves the file open.
    invalid(
      `import fs from 'node:fs';
export function upload(req, res) {
  req.pipe(fs.createWriteStream(\`/var/uploads/\${req.params.id}\`));
  req.on('end', () => res.end('stored'));
}`,
      'pipeIntoWithoutErrorHandling',
      'pipe',
      { source: 'req', destination: 'fs.createWriteStream(`/var/uploads/${req.params.id}`)' },
    ),
    // The same with the destination bound to a name.
    invalid(
      `import fs from 'node:fs';
export function saveBody(req, res, file) {
  const out = fs.createWriteStream(file);
  req.pipe(out);
  out.on('finish', () => res.end('saved'));
}`,
      'pipeIntoWithoutErrorHandling',
      'pipe',
      { source: 'req', destination: 'out' },
    ),
    // A throw after a header check, with the body read only on the other path.
    invalid(
      `export async function getJson(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.headers.get('content-type')?.includes('json')) throw new Error(\`\${url} did not answer JSON\`);
  return res.json();
}`,
      'bodyNotConsumed',
      'res',
      { name: 'res' },
      {
        suggestions: [
          {
            messageId: 'suggestCancelBody',
            output: `export async function getJson(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!res.headers.get('content-type')?.includes('json')) { await res.body?.cancel(); throw new Error(\`\${url} did not answer JSON\`); }
  return res.json();
}`,
          },
        ],
      },
    ),
    // The body read in one branch only: the exits after it leave it unread on the other path. No remedy (a cancel after the read would fail).
    invalid(
      `export async function latestVersion(url, cache) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (res.headers.get('etag') !== cache.etag) {
    cache.body = await res.json();
  }
  if (cache.body.stale) return null;
  return cache.body.version;
}`,
      'bodyNotConsumed',
      'res',
      { name: 'res' },
    ),
    // In an async function: await pipeline(…).
    invalid(
      `import fs from 'node:fs';
import { once } from 'node:events';
export async function upload(req, res) {
  req.pipe(fs.createWriteStream(\`/var/uploads/\${req.params.id}\`));
  await once(req, 'end');
  res.end('stored');
}`,
      'pipeIntoWithoutErrorHandling',
      'pipe',
      { source: 'req', destination: 'fs.createWriteStream(`/var/uploads/${req.params.id}`)' },
      {
        suggestions: [
          {
            messageId: 'suggestPipelineAwait',
            output: `import fs from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
export async function upload(req, res) {
  await pipeline(req, fs.createWriteStream(\`/var/uploads/\${req.params.id}\`));
  await once(req, 'end');
  res.end('stored');
}`,
          },
        ],
      },
    ),
    // An error status that breaks out of the loop: the exit after the loop is reached on an error path (checkErrorBodies).
    // No remedy: the exit is outside the block that declares \`res\`.
    invalid(
      `export async function allPages(url) {
  const items = [];
  for (let page = 1; page <= 10; page++) {
    const res = await fetch(\`\${url}?page=\${page}\`, { signal: AbortSignal.timeout(5000) });
    if (!res.ok) break;
    const body = await res.json();
    items.push(...body.items);
  }
  return items;
}`,
      'errorBodyNotConsumed',
      'res',
      { name: 'res' },
      { options: [{ checkErrorBodies: true }] },
    ),
    // A \`continue\` that skips reading the body: the next turn's exits, and the one after the loop, leave it unread.
    // No remedy: those exits are before the declaration or outside its block.
    invalid(
      `export async function firstMatch(urls, wanted) {
  for (const url of urls) {
    if (wanted.size === 0) return null;
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    if (res.headers.get('x-skip')) continue;
    const body = await res.json();
    if (wanted.has(body.id)) return body;
  }
  return null;
}`,
      'bodyNotConsumed',
      'res',
      { name: 'res' },
    ),
    // fs.open with a callback: a failing read returns without closing the descriptor.
    invalid(
      `import fs from 'node:fs';
export function readHeader(path, length, callback) {
  fs.open(path, 'r', (err, fd) => {
    if (err) return callback(err);
    const buffer = Buffer.alloc(length);
    fs.read(fd, buffer, 0, length, 0, (readErr) => {
      if (readErr) return callback(readErr);
      fs.close(fd, () => callback(null, buffer));
    });
  });
}`,
      'descriptorLeakedInCallback',
      'fd',
      { name: 'fd', open: 'fs.open', line: 6, release: 'fs.close()' },
    ),
    // fs.open with a callback that never closes the descriptor.
    invalid(
      `import fs from 'node:fs';
export function appendLine(path, line, callback) {
  fs.open(path, 'a', (err, fd) => {
    if (err) return callback(err);
    fs.write(fd, \`\${line}\\n\`, callback);
  });
}`,
      'descriptorLeakedInCallback',
      'fd',
      { name: 'fd', open: 'fs.open', line: 3, release: 'fs.close()' },
    ),
    // An early return in the callback between opening and closing (a classic): each non-file leaks a descriptor.
    invalid(
      `import fs from 'node:fs';
export function sizeOf(path, callback) {
  fs.open(path, 'r', function (err, fd) {
    if (err) return callback(err);
    fs.fstat(fd, function (statErr, stats) {
      if (statErr) return callback(statErr);
      if (!stats.isFile()) return callback(new Error(\`\${path} is not a file\`));
      fs.close(fd, () => callback(null, stats.size));
    });
  });
}`,
      'descriptorLeakedInCallback',
      'fd',
      { name: 'fd', open: 'fs.open', line: 5, release: 'fs.close()' },
    ),
  ],
});

describe('require-close-on-error: `await using` in JavaScript files', () => {
  // Node runs `await using` natively only from version 24; TypeScript compiles it for older ones.
  const code = `import { open } from 'node:fs/promises';\nexport async function size(file) {\n  const handle = await open(file);\n  const stats = await handle.stat();\n  await handle.close();\n  return stats.size;\n}`;
  const suggestions = (filename: string): (string | undefined)[] => {
    const linter = new Linter({ configType: 'flat' });
    const config: Linter.Config[] = [
      {
        files: ['**/*.js', '**/*.ts'],
        plugins: { 'steady-state': { rules: { 'require-close-on-error': rule } } } as unknown as Linter.Config['plugins'],
        languageOptions: filename.endsWith('.ts') ? { parser: tsParser } : {},
        rules: { 'steady-state/require-close-on-error': 'error' },
      },
    ];
    return linter.verify(code, config, filename).flatMap((message) => (message.suggestions ?? []).map((entry) => entry.messageId));
  };

  it('is suggested in a TypeScript file', () => {
    expect(suggestions('file.ts')).toEqual(['suggestFinallyRest', 'suggestAwaitUsing']);
  });

  it('is not suggested in a JavaScript file', () => {
    expect(suggestions('file.js')).toEqual(['suggestFinallyRest']);
  });
});
