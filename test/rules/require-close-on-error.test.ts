import rule, { type MessageIds, type Options } from '../../rules/require-close-on-error.js';
import { at } from '../support/location.js';
import { runRuleTests, type InvalidCase, type ValidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;

function invalid(code: string, messageId: MessageIds, needle: string, data: Record<string, string | number>, extra: Partial<Case> = {}): Case {
  return { code, errors: [{ messageId, data, ...at(code, needle) }], ...extra };
}

const invalidCases: Case[] = [
  // A pg transaction helper that releases only when every query succeeds.
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
  ),
  // A file handle closed after a read that can throw.
  invalid(
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
  ),
  // Released only in the try block.
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
    { options: [{ checkErrorBodies: true }] },
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
    { options: [{ checkErrorBodies: true }] },
  ),
  // An error branch and a success branch that both leave it unread: the success path decides.
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
    { options: [{ checkErrorBodies: true }] },
  ),
  invalid(
    `export async function ping(url) {\n  const res = await fetch(url, { signal: AbortSignal.timeout(1000) });\n  return res.status === 200;\n}`,
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
  // A log shipper using .pipe().
  invalid(
    `import { createReadStream } from 'node:fs';
app.get('/logs/:name', (req, res) => {
  createReadStream(\`/var/log/app/\${req.params.name}\`).pipe(res);
});`,
    'pipeWithoutErrorHandling',
    'pipe',
    { source: 'createReadStream(`/var/log/app/${req.params.name}`)' },
  ),
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
  {
    ...invalid(
      `import { open } from 'node:fs/promises';\nexport async function size(file: string): Promise<number> {\n  const handle = await open(file);\n  const stats = await handle.stat();\n  await handle.close();\n  return stats.size;\n}`,
      'releasedOnlyOnSuccess',
      'handle',
      { name: 'handle', release: 'handle.close()' },
    ),
    ts: true,
  },
];

const valid: (string | ValidCase<Options>)[] = [
  // Released in finally.
  `export async function transfer(pool) {\n  const client = await pool.connect();\n  try {\n    await client.query('BEGIN');\n    await client.query('COMMIT');\n  } finally {\n    client.release();\n  }\n}`,
  `import { open } from 'node:fs/promises';\nexport async function head(file) {\n  const handle = await open(file);\n  try {\n    return await handle.read(Buffer.alloc(64), 0, 64, 0);\n  } finally {\n    await handle.close();\n  }\n}`,
  // Released in both try and catch.
  `export async function run(pool, sql) {\n  const client = await pool.connect();\n  try {\n    const result = await client.query(sql);\n    client.release();\n    return result;\n  } catch (err) {\n    client.release(err);\n    throw err;\n  }\n}`,
  // Nothing between acquisition and release can fail.
  `import fs from 'node:fs';\nexport function touch(path) {\n  const out = fs.createWriteStream(path);\n  out.end('');\n}`,
  // using / await using.
  { code: `import { open } from 'node:fs/promises';\nexport async function first(file: string) {\n  await using handle = await open(file);\n  return handle.read();\n}`, ts: true },
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
];

runRuleTests('require-close-on-error', rule, {
  valid: valid.map((test) => (typeof test === 'string' ? { code: test } : test)),
  invalid: invalidCases,
});
