import rule, { type MessageIds, type Options } from '../../rules/require-fetch-timeout.js';
import { at } from '../support/location.js';
import { runRuleTests, type InvalidCase, type ValidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;
type Error = Case['errors'][number];

const SIGNAL_HINT = 'pass `signal: AbortSignal.timeout(ms)`';
const AXIOS_HINT = 'set `timeout` (in ms) in its config';
const GOT_HINT = 'set `timeout: { request: ms }` in its options';

const suggestSignal = (output: string, ms = 30000): NonNullable<Error['suggestions']>[number] => ({
  messageId: 'suggestSignal',
  data: { ms },
  output,
});
const suggestTimeout = (output: string, value = '30000', ms = 30000): NonNullable<Error['suggestions']>[number] => ({
  messageId: 'suggestTimeout',
  data: { value, ms },
  output,
});

/** A `noDeadline` finding at the last occurrence of `callee`, whose only suggestion produces `output`. */
function noDeadline(code: string, callee: string, remedy: string, suggestion: NonNullable<Error['suggestions']>[number]): Error {
  return { messageId: 'noDeadline', data: { call: callee, remedy }, ...at(code, callee, 'last'), suggestions: [suggestion] };
}

/** One case with one finding at the last occurrence of `needle`, whose only suggestion produces its output. */
function invalidAt(
  code: string,
  needle: string,
  messageId: MessageIds,
  data: Record<string, string>,
  suggestion: NonNullable<Error['suggestions']>[number],
): void {
  cases.push({ code, errors: [{ messageId, data, ...at(code, needle, 'last'), suggestions: [suggestion] }] });
}

function withOutput(code: string, from: string, to: string): string {
  if (!code.includes(from)) throw new Error(`"${from}" not in ${code}`);
  return code.replace(from, to);
}

const cases: Case[] = [];
function invalidSignal(code: string, callee: string, from: string, to: string, extra: Partial<Case> = {}): void {
  cases.push({ code, errors: [noDeadline(code, callee, SIGNAL_HINT, suggestSignal(withOutput(code, from, to)))], ...extra });
}
function invalidAxios(code: string, callee: string, from: string, to: string, extra: Partial<Case> = {}): void {
  cases.push({ code, errors: [noDeadline(code, callee, AXIOS_HINT, suggestTimeout(withOutput(code, from, to)))], ...extra });
}
function invalidGot(code: string, callee: string, from: string, to: string): void {
  cases.push({
    code,
    errors: [noDeadline(code, callee, GOT_HINT, suggestTimeout(withOutput(code, from, to), '{ request: 30000 }'))],
  });
}

// fetch: the global, globalThis, undici and node-fetch, with no init or an init without `signal`.
invalidSignal(
  `export async function getUser(id) {
  const res = await fetch(\`\${USERS_URL}/users/\${id}\`);
  return res.json();
}`,
  'fetch',
  'fetch(`${USERS_URL}/users/${id}`)',
  'fetch(`${USERS_URL}/users/${id}`, { signal: AbortSignal.timeout(30000) })',
);
invalidSignal(
  `await fetch(url, { method: 'POST', body: JSON.stringify(event) });`,
  'fetch',
  `body: JSON.stringify(event) }`,
  `body: JSON.stringify(event), signal: AbortSignal.timeout(30000) }`,
);
invalidSignal(
  `const res = await fetch(webhookUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
});`,
  'fetch',
  `  body,\n`,
  `  body,\n  signal: AbortSignal.timeout(30000),\n`,
);
invalidSignal(
  `const res = await fetch(webhookUrl, {
  method: 'POST',
  body
});`,
  'fetch',
  `  body\n`,
  `  body,\n  signal: AbortSignal.timeout(30000)\n`,
);
invalidSignal(`await globalThis.fetch(url);`, 'globalThis.fetch', 'fetch(url)', 'fetch(url, { signal: AbortSignal.timeout(30000) })');
invalidSignal(
  `import { fetch } from 'undici';\nconst res = await fetch(url, {});`,
  'fetch',
  'fetch(url, {})',
  'fetch(url, { signal: AbortSignal.timeout(30000) })',
);
invalidSignal(
  `const fetch = require('node-fetch');\nmodule.exports = (url) => fetch(url,);`,
  'fetch',
  'fetch(url,)',
  'fetch(url, { signal: AbortSignal.timeout(30000) })',
);
// A body with an explicit method that takes one, and a stream body in half-duplex mode, are sent.
invalidSignal(
  `await fetch(url, { method: 'put', body: payload });`,
  'fetch',
  `body: payload }`,
  `body: payload, signal: AbortSignal.timeout(30000) }`,
);
invalidSignal(
  `export const relay = (url, upstream) => fetch(url, { method: 'POST', body: upstream.body, duplex: 'half' });`,
  'fetch',
  `duplex: 'half' }`,
  `duplex: 'half', signal: AbortSignal.timeout(30000) }`,
);
invalidSignal(
  `await fetch(url, { body: data ? JSON.stringify(data) : undefined });`,
  'fetch',
  `: undefined }`,
  `: undefined, signal: AbortSignal.timeout(30000) }`,
);
// A dispatcher that only bounds connecting, or turns the headers timeout off, leaves the answer unbounded.
invalidSignal(
  `import { Agent, fetch } from 'undici';\nconst agent = new Agent({ connect: { timeout: 5000 }, headersTimeout: 0 });\nexport const get = (url) => fetch(url, { dispatcher: agent });`,
  'fetch',
  `{ dispatcher: agent }`,
  `{ dispatcher: agent, signal: AbortSignal.timeout(30000) }`,
);
// `timeout` is not a fetch option: the global fetch ignores it.
invalidSignal(
  `const res = await fetch(url, { timeout: 5000 });`,
  'fetch',
  '{ timeout: 5000 }',
  '{ timeout: 5000, signal: AbortSignal.timeout(30000) }',
);
// An init object declared once and used only here is read like an inline literal.
invalidSignal(
  `const init = { method: 'DELETE' };\nawait fetch(url, init);`,
  'fetch',
  `{ method: 'DELETE' }`,
  `{ method: 'DELETE', signal: AbortSignal.timeout(30000) }`,
);
// A race with a single contender bounds nothing.
invalidSignal(`await Promise.race([fetch(url)]);`, 'fetch', 'fetch(url)', 'fetch(url, { signal: AbortSignal.timeout(30000) })');
// A wrapper named in options must come from the module named there.
invalidSignal(
  `import { withTimeout } from './local-helpers.js';\nawait withTimeout(fetch(url));`,
  'fetch',
  'fetch(url)',
  'fetch(url, { signal: AbortSignal.timeout(30000) })',
  { options: [{ timeoutWrappers: [{ name: 'withTimeout', from: '@acme/http' }] }] },
);
// Extra fetch-like functions from options.
invalidSignal(
  `import fetch from 'cross-fetch';\nawait fetch(url);`,
  'fetch',
  'fetch(url)',
  'fetch(url, { signal: AbortSignal.timeout(30000) })',
  { options: [{ fetchFunctions: [{ name: 'default', from: 'cross-fetch' }] }] },
);
invalidSignal(
  `const data = await fetchJson(url, { headers });`,
  'fetchJson',
  '{ headers }',
  '{ headers, signal: AbortSignal.timeout(30000) }',
  { options: [{ fetchFunctions: [{ name: 'fetchJson' }] }] },
);
// Without types, a parameter called `input` may be a URL; with types it is a `Request`, which carries its own signal.
cases.push({
  code: `export function forward(input: Request) {\n  return fetch(input);\n}`,
  ts: true,
  typedValid: true,
  errors: [
    noDeadline(
      `export function forward(input: Request) {\n  return fetch(input);\n}`,
      'fetch',
      SIGNAL_HINT,
      suggestSignal(`export function forward(input: Request) {\n  return fetch(input, { signal: AbortSignal.timeout(30000) });\n}`),
    ),
  ],
});
{
  const code = `await fetch(url, { signal: undefined });`;
  invalidAt(code, 'signal: undefined', 'deadlineDisabled', { call: 'fetch', option: 'signal' }, suggestSignal(`await fetch(url, { signal: AbortSignal.timeout(30000) });`));
}
// fix: 'autofix' turns the suggestion into a fix, with the team's timeout.
{
  const code = `const res = await fetch(url, { method: 'GET' });`;
  cases.push({
    code,
    options: [{ fix: 'autofix', timeoutMs: 5000 }],
    output: `const res = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(5000) });`,
    errors: [{ messageId: 'noDeadline', data: { call: 'fetch', remedy: SIGNAL_HINT }, ...at(code, 'fetch') }],
  });
}

// Interactive command-line code is reported with checkCommandLine (strict), and a file or a
// function that only looks like one is reported by default.
{
  const code = `import inquirer from 'inquirer';\nexport async function login() {\n  const { email } = await inquirer.prompt([{ name: 'email' }]);\n  return fetch('https://id.example.com/login', { method: 'POST', body: email });\n}`;
  cases.push({
    code,
    options: [{ checkCommandLine: true }],
    errors: [noDeadline(code, 'fetch', SIGNAL_HINT, suggestSignal(withOutput(code, "body: email }", "body: email, signal: AbortSignal.timeout(30000) }")))],
  });
}
{
  const code = `export function publish(uri, form) {\n  fetch(uri, { method: 'POST', body: form }).then((res) => process.exit(res.ok ? 0 : 1));\n}`;
  cases.push({
    code,
    options: [{ checkCommandLine: true }],
    errors: [noDeadline(code, 'fetch', SIGNAL_HINT, suggestSignal(withOutput(code, 'body: form }', 'body: form, signal: AbortSignal.timeout(30000) }')))],
  });
}
{
  // readline parses lines of a stream in services too: it is not a prompt.
  const code = `import readline from 'node:readline';\nexport async function load(url) {\n  return fetch(url);\n}`;
  cases.push({ code, errors: [noDeadline(code, 'fetch', SIGNAL_HINT, suggestSignal(withOutput(code, 'fetch(url)', 'fetch(url, { signal: AbortSignal.timeout(30000) })')))] });
}
{
  // process.exit before the call, or in a callback that is not the call's own, does not end it.
  const code = `export async function handle(req, res) {\n  if (!req.user) process.exit(1);\n  const upstream = await fetch(req.url);\n  res.send(await upstream.text());\n}`;
  cases.push({ code, errors: [noDeadline(code, 'fetch', SIGNAL_HINT, suggestSignal(withOutput(code, 'fetch(req.url)', 'fetch(req.url, { signal: AbortSignal.timeout(30000) })')))] });
}
{
  const code = `export function poll(url) {\n  process.on('SIGTERM', () => process.exit(0));\n  return fetch(url);\n}`;
  cases.push({ code, errors: [noDeadline(code, 'fetch', SIGNAL_HINT, suggestSignal(withOutput(code, 'fetch(url)', 'fetch(url, { signal: AbortSignal.timeout(30000) })')))] });
}

// axios on the default instance.
invalidAxios(
  `import axios from 'axios';\nconst { data } = await axios.get(\`\${BILLING_URL}/invoices\`);`,
  'axios.get',
  '`${BILLING_URL}/invoices`)',
  '`${BILLING_URL}/invoices`, { timeout: 30000 })',
);
invalidAxios(
  `import axios from 'axios';\nawait axios.post(url, payload);`,
  'axios.post',
  'payload)',
  'payload, { timeout: 30000 })',
);
invalidAxios(`import axios from 'axios';\nawait axios.post(url);`, 'axios.post', '(url)', '(url, undefined, { timeout: 30000 })');
invalidAxios(
  `import axios from 'axios';\nawait axios.get(url, { params: { page } });`,
  'axios.get',
  '{ params: { page } }',
  '{ params: { page }, timeout: 30000 }',
);
invalidAxios(
  `const axios = require('axios');\naxios({ method: 'get', url: '/health' });`,
  'axios',
  `url: '/health' }`,
  `url: '/health', timeout: 30000 }`,
);
invalidAxios(
  `import axios from 'axios';\nawait axios.request({ url, method: 'PUT', data });`,
  'axios.request',
  'data }',
  'data, timeout: 30000 }',
);
invalidAxios(
  `import axios from 'axios';\nawait axios('https://status.example.com/api');`,
  'axios',
  `'https://status.example.com/api')`,
  `'https://status.example.com/api', { timeout: 30000 })`,
);
{
  const code = `import axios from 'axios';\nexport const billing = axios.create({ baseURL: process.env.BILLING_URL });`;
  invalidAt(code, 'axios.create', 'instanceWithoutDeadline', { call: 'axios.create', remedy: AXIOS_HINT }, suggestTimeout(withOutput(code, 'BILLING_URL }', 'BILLING_URL, timeout: 30000 }')));
}
{
  const code = `import axios from 'axios';\nconst client = axios.create();`;
  invalidAt(code, 'axios.create', 'instanceWithoutDeadline', { call: 'axios.create', remedy: AXIOS_HINT }, suggestTimeout(withOutput(code, 'create()', 'create({ timeout: 30000 })')));
}
{
  const code = `import axios from 'axios';\nawait axios.get(url, { timeout: 0 });`;
  invalidAt(code, 'timeout: 0', 'deadlineDisabled', { call: 'axios.get', option: 'timeout' }, suggestTimeout(withOutput(code, 'timeout: 0', 'timeout: 30000')));
}
{
  const code = `import axios from 'axios';\nconst api = axios.create({ baseURL, timeout: Infinity });`;
  invalidAt(code, 'timeout: Infinity', 'deadlineDisabled', { call: 'axios.create', option: 'timeout' }, suggestTimeout(withOutput(code, 'timeout: Infinity', 'timeout: 30000')));
}

// got.
invalidGot(
  `import got from 'got';\nexport const find = (url, filter) => got.get(url, { json: filter, allowGetBody: true }).json();`,
  'got.get',
  'allowGetBody: true }',
  'allowGetBody: true, timeout: { request: 30000 } }',
);
invalidGot(`import got from 'got';\nconst body = await got(url).json();`, 'got', 'got(url)', 'got(url, { timeout: { request: 30000 } })');
invalidGot(
  `import got from 'got';\nawait got.post(\`\${API}/events\`, { json: event });`,
  'got.post',
  '{ json: event }',
  '{ json: event, timeout: { request: 30000 } }',
);
{
  const code = `import got from 'got';\nexport const github = got.extend({ prefixUrl: 'https://api.github.com' });`;
  invalidAt(code, 'got.extend', 'instanceWithoutDeadline', { call: 'got.extend', remedy: GOT_HINT }, suggestTimeout(
            withOutput(code, `'https://api.github.com' }`, `'https://api.github.com', timeout: { request: 30000 } }`),
            '{ request: 30000 }',
          ),);
}

// node:http / node:https.
invalidSignal(
  `import http from 'node:http';\nhttp.get('http://localhost:9090/metrics', (res) => res.pipe(process.stdout));`,
  'http.get',
  `'http://localhost:9090/metrics', (res)`,
  `'http://localhost:9090/metrics', { signal: AbortSignal.timeout(30000) }, (res)`,
);
invalidSignal(
  `import https from 'https';
export function notify(payload) {
  const req = https.request({ host: 'hooks.example.com', path: '/notify', method: 'POST' }, (res) => res.resume());
  req.on('error', (err) => log.warn(err));
  req.end(JSON.stringify(payload));
}`,
  'https.request',
  `method: 'POST' }`,
  `method: 'POST', signal: AbortSignal.timeout(30000) }`,
);
invalidSignal(
  `import { request } from 'node:https';
const TOKEN_URL = 'https://auth.example.com/token';
const req = request(TOKEN_URL, { method: 'POST' });
req.end(body);`,
  'request',
  `{ method: 'POST' }`,
  `{ method: 'POST', signal: AbortSignal.timeout(30000) }`,
);
invalidSignal(
  `const { get } = require('http');\nget('http://127.0.0.1:8500/v1/health', onResponse).on('error', onError);`,
  'get',
  `'http://127.0.0.1:8500/v1/health', onResponse`,
  `'http://127.0.0.1:8500/v1/health', { signal: AbortSignal.timeout(30000) }, onResponse`,
);

const valid: (string | ValidCase<Options>)[] = [
  // fetch with a deadline, however it is built.
  `const res = await fetch(url, { signal: AbortSignal.timeout(5000) });`,
  `await fetch(url, { method: 'POST', body, signal: AbortSignal.any([req.signal, AbortSignal.timeout(5000)]) });`,
  `const controller = new AbortController();\nsetTimeout(() => controller.abort(), 5000);\nawait fetch(url, { signal: controller.signal });`,
  `export async function proxy(url, { signal }) {\n  return fetch(url, { signal, headers: { accept: 'application/json' } });\n}`,
  // Opaque options may carry a signal.
  `export async function call(url, init) {\n  return fetch(url, init);\n}`,
  `await fetch(url, { ...defaultInit, method: 'GET' });`,
  `await fetch(url, buildInit(req));`,
  `const init = { method: 'POST' };\ninit.signal = AbortSignal.timeout(1000);\nawait fetch(url, init);`,
  // A Request carries its own signal.
  `const request = new Request(url, { signal: AbortSignal.timeout(5000) });\nawait fetch(request);`,
  `export const forward = (req) => fetch(req);`,
  `export const forward = (upstreamRequest) => fetch(upstreamRequest);`,
  // Not the real fetch.
  `function fetch(key) { return cache.get(key); }\nfetch('/users');`,
  `export function makeClient(fetch) {\n  return (path) => fetch(path);\n}`,
  `import { fetch } from './instrumented-fetch.js';\nawait fetch(url);`,
  `const fetch = createFetch({ timeout: 5000 });\nawait fetch(url);`,
  // Bounded from the outside.
  `await Promise.race([fetch(url), timeout(5000)]);`,
  `await Promise.race([fetch(url).then((r) => r.json()), sleep(5000).then(() => { throw new TimeoutError(); })]);`,
  `import pTimeout from 'p-timeout';\nawait pTimeout(fetch(url), { milliseconds: 5000 });`,
  {
    code: `await withDeadline(() => fetch(url), 5000);`,
    options: [{ timeoutWrappers: [{ name: 'withDeadline' }] }],
  },
  {
    code: `import { withTimeout } from '@acme/http';\nawait withTimeout(fetch(url));`,
    options: [{ timeoutWrappers: [{ name: 'withTimeout', from: '@acme/http' }] }],
  },
  // node-fetch v2 honours `timeout`.
  `import fetch from 'node-fetch';\nawait fetch(url, { timeout: 5000 });`,
  // axios with a deadline.
  `import axios from 'axios';\nawait axios.get(url, { timeout: 5000 });`,
  `import axios from 'axios';\nawait axios.post(url, payload, { timeout: 5000, headers });`,
  `import axios from 'axios';\nawait axios.get(url, { signal: AbortSignal.timeout(5000) });`,
  `import axios from 'axios';\naxios.defaults.timeout = 10_000;\nawait axios.get(url);`,
  `import axios from 'axios';\naxios.interceptors.request.use((config) => {\n  config.timeout ??= 5000;\n  return config;\n});\nawait axios.get(url);`,
  `import axios from 'axios';\nexport const api = axios.create({ baseURL: process.env.API_URL, timeout: 5000 });\nawait api.get('/users');`,
  `import axios from 'axios';\nconst api = axios.create({ baseURL });\napi.defaults.timeout = 5000;`,
  `import axios from 'axios';\nconst api = axios.create(sharedConfig);`,
  `import axios from 'axios';\nawait axios.get(url, config);`,
  `import axios from 'axios';\nawait axios(config);`,
  `export function load(axios) {\n  return axios.get('/x');\n}`,
  // got with a deadline.
  `import got from 'got';\nawait got(url, { timeout: { request: 10_000 } });`,
  `import got from 'got';\nconst client = got.extend({ prefixUrl, timeout: { request: 5000 } });\nawait client.get('users');`,
  `import got from 'got';\nawait got(requestOptions);`,
  `import got from 'got';\nawait got.post(url, { json, signal });`,
  // node:http with a deadline, set up front or on the request.
  `import http from 'node:http';\nhttp.request('http://svc/health', { timeout: 2000 }, onResponse).end();`,
  `import https from 'node:https';\nconst req = https.request({ host, path, method: 'POST' }, onResponse);\nreq.setTimeout(5000, () => req.destroy(new Error('upstream timeout')));\nreq.end(body);`,
  `import http from 'node:http';\nhttp.get('http://svc/health', onResponse).setTimeout(2000);`,
  `import http from 'node:http';\nconst req = http.get('http://svc/slow', onResponse);\nconst timer = setTimeout(() => req.destroy(new Error('timeout')), 5000);`,
  `import http from 'node:http';\nconst agent = new http.Agent({ keepAlive: true, timeout: 5000 });\nhttp.get('http://svc/health', { agent }, onResponse);`,
  `import http from 'node:http';\nhttp.get('http://svc/health', { signal }, onResponse);`,
  `import http from 'node:http';\nexport function open(path) {\n  return http.request({ host: 'svc', path });\n}`,
  `import http from 'node:http';\nhttp.get(options, onResponse);`,
  // An undici dispatcher with a headers timeout bounds the wait for the answer.
  `import { Agent, fetch } from 'undici';\nconst agent = new Agent({ headersTimeout: 10_000, bodyTimeout: 30_000 });\nexport const get = (url) => fetch(url, { dispatcher: agent });`,
  // Calls the runtime rejects before sending anything (a TypeError, not a hang): a body on the default
  // GET or on HEAD, a forbidden method, mode 'navigate', a stream body without duplex; got's GET with a body.
  `export async function search(url, query) {\n  const res = await fetch(url, { body: JSON.stringify(query) });\n  return res.json();\n}`,
  `await fetch(url, { method: 'get', headers, body });`,
  `await fetch(url, { method: 'HEAD', body: '' });`,
  `await fetch(url, { method: 'TRACE' });`,
  `await fetch(url, { mode: 'navigate' });`,
  `export const relay = (url, upstream) => fetch(url, { method: 'POST', body: upstream.body });`,
  `import got from 'got';\nexport const find = (url, filter) => got(url, { json: filter }).json();`,
  `import got from 'got';\nexport const find = (url, filter) => got.get(url, { json: filter, allowGetBody: false }).json();`,
  // Interactive command-line code: a person at the terminal can interrupt a stalled call.
  `import inquirer from 'inquirer';\nexport async function login() {\n  const { email } = await inquirer.prompt([{ name: 'email' }]);\n  return fetch('https://id.example.com/login', { method: 'POST', body: email });\n}`,
  `const promptly = require('../tools/prompt');\nmodule.exports = function register(cb) {\n  promptly.prompt('Email: ', (err, email) => axios.post(API, { email }).then(() => cb()));\n};\nconst axios = require('axios');`,
  // The process exits once the call settles: the last step of a command.
  `export function publish(uri, form) {\n  fetch(uri, { method: 'POST', body: form })\n    .then((res) => { console.log(res.status); process.exit(0); })\n    .catch(() => process.exit(1));\n}`,
  `async function main() {\n  const res = await fetch(process.argv[2]);\n  console.log(await res.text());\n  process.exit(0);\n}\nmain();`,
  // TypeScript-only syntax.
  { code: `await fetch(url, { signal } as RequestInit);`, ts: true },
  { code: `const init: RequestInit = { signal: AbortSignal.timeout(1000) };\nawait fetch(url, init);`, ts: true },
  // Nothing to look at.
  ``,
  `fetch();`,
];

runRuleTests('require-fetch-timeout', rule, {
  valid: valid.map((test) => (typeof test === 'string' ? { code: test } : test)),
  invalid: cases,
});
