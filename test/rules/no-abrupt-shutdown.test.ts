import { RuleTester } from '@typescript-eslint/rule-tester';

import rule, { type MessageIds, type Options } from '../../rules/no-abrupt-shutdown.js';
import { at } from '../support/location.js';
import { SteadyStateRuleTester, type InvalidCase } from '../support/rule-tests.js';

type Case = InvalidCase<MessageIds, Options>;

interface Expected {
  /** The reported exit as it is written (`process.exit(0)`), found from the start; `occurrence` picks a later one. */
  readonly exit: string;
  readonly occurrence?: number | 'last';
  readonly signal: string;
  /** The exit as the message names it; defaults to the callee of `exit` with `()`. */
  readonly exitName?: string;
  /** The close that was started and left running, as the message names it. */
  readonly close?: string;
}

function finding(code: string, expected: Expected): Case['errors'][number] {
  const exitName = expected.exitName ?? `${expected.exit.slice(0, expected.exit.indexOf('('))}()`;
  return {
    messageId: expected.close ? 'exitAfterUnawaitedClose' : 'exitBeforeDrain',
    data: expected.close ? { signal: expected.signal, exit: exitName, close: expected.close } : { signal: expected.signal, exit: exitName },
    ...at(code, expected.exit, expected.occurrence ?? 1),
  };
}

function invalid(code: string, expected: Expected | Expected[], extra: Partial<Case> = {}): Case {
  const list = Array.isArray(expected) ? expected : [expected];
  return { code, output: null, errors: list.map((item) => finding(code, item)), ...extra };
}

const strict: Partial<Case> = { options: [{ checkUnknownWaits: true }] };

new SteadyStateRuleTester().run('no-abrupt-shutdown', rule, {
  valid: [
    // Exits once the server has closed: in its callback, after awaiting it, in its promise chain.
    `import express from 'express';
const server = express().listen(8080);
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});`,
    `import fastify from 'fastify';
const app = fastify();
await app.listen({ port: 3000 });
process.on('SIGTERM', async () => {
  await app.close();
  process.exit(0);
});`,
    `import fastify from 'fastify';
const app = fastify();
process.once('SIGINT', () => {
  app.close().then(() => process.exit(0), () => process.exit(1));
});`,
    `import { Worker } from 'bullmq';
const worker = new Worker('mail', sendMail);
process.on('SIGTERM', () => {
  worker
    .close()
    .catch((err) => console.error(err))
    .finally(() => process.exit(0));
});`,
    // A grace timer next to the close: a backstop, not an abrupt exit.
    `import express from 'express';
const server = express().listen(8080);
process.on('SIGTERM', () => {
  setTimeout(() => process.exit(1), 10_000).unref();
  server.close(() => process.exit(0));
});`,
    // Several closes awaited together, or through a promise around a callback.
    `import express from 'express';
import { Pool } from 'pg';
const server = express().listen(8080);
const pool = new Pool();
process.on('SIGTERM', async () => {
  await Promise.all([new Promise((resolve) => server.close(resolve)), pool.end()]);
  process.exit(0);
});`,
    `const http = require('node:http');
const { promisify } = require('node:util');
const server = http.createServer(handle).listen(3000);
process.on('SIGTERM', async () => {
  await promisify(server.close.bind(server))();
  process.exit(0);
});`,
    // A shutdown function of the file, awaited, that closes everything.
    `import express from 'express';
import { Pool } from 'pg';
const server = express().listen(8080);
const pool = new Pool();
async function shutdown() {
  await new Promise((resolve) => server.close(resolve));
  await pool.end();
}
process.on('SIGTERM', async () => {
  await shutdown();
  process.exit(0);
});`,
    `import express from 'express';
const server = express().listen(8080);
async function shutdown(signal) {
  console.info(\`\${signal} received, draining\`);
  await new Promise((resolve) => server.close(resolve));
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);`,
    // Closes and clients whose names say what they do.
    `import Redis from 'ioredis';
const redis = new Redis();
process.on('SIGTERM', async () => {
  await redis.quit();
  process.exit(0);
});`,
    `import mongoose from 'mongoose';
process.on('SIGINT', async () => {
  await mongoose.connection.close();
  process.exit(0);
});`,
    `import { PrismaClient } from '@prisma/client';
const prisma = new PrismaClient();
process.on('SIGTERM', async () => {
  await prisma.$disconnect();
  process.exit(0);
});`,
    `import express from 'express';
const server = express().listen(8080);
process.on('SIGTERM', async () => {
  await server?.close();
  process.exit(0);
});`,
    // Handlers that close and let the process end on its own, or only log.
    `import express from 'express';
const server = express().listen(8080);
process.on('SIGTERM', () => {
  server.close();
  process.exitCode = 0;
});`,
    `import express from 'express';
express().listen(8080);
process.on('SIGHUP', () => console.info('reloading configuration'));`,
    // A second signal while draining forces the exit.
    `import express from 'express';
const server = express().listen(8080);
let shuttingDown = false;
process.on('SIGTERM', () => {
  if (shuttingDown) {
    process.exit(1);
  }
  shuttingDown = true;
  server.close(() => process.exit(0));
});`,
    `import express from 'express';
const server = express().listen(8080);
let signals = 0;
process.on('SIGINT', () => {
  signals += 1;
  if (signals > 1) process.exit(1);
  server.close(() => process.exit(0));
});`,
    // Nothing to close on this branch.
    `import express from 'express';
let server;
export function start() {
  server = express().listen(8080);
}
process.on('SIGTERM', async () => {
  if (!server) process.exit(0);
  await new Promise((resolve) => server.close(resolve));
  process.exit(0);
});`,
    `import { Pool } from 'pg';
let pool;
process.on('SIGTERM', async () => {
  if (pool) await pool.end();
  process.exit(0);
});`,
    // A close that failed: exiting with an error is the last resort.
    `import express from 'express';
const server = express().listen(8080);
process.once('SIGTERM', async function onSignal() {
  try {
    await new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    process.exit(0);
  } catch (err) {
    console.warn(err);
    process.exit(1);
  }
});`,
    // A synchronous flush before re-raising the signal.
    `import { writeFileSync } from 'node:fs';
import express from 'express';
express().listen(8080);
class Store {
  constructor() {
    this.onSignal = (signal) => {
      this.flushSync();
      process.kill(process.pid, signal);
    };
    process.on('SIGTERM', this.onSignal);
  }
  flushSync() {
    writeFileSync('state.json', '{}');
  }
}`,
    // A hard-stop timer set by a helper of the file, next to an awaited stop: the backstop of a drain.
    `import express from 'express';
class Server {
  registerSignals() {
    const forceExitAfterTimeout = () =>
      setTimeout(() => {
        console.error('did not stop in time');
        process.exit(1);
      }, 30_000);
    process.on('SIGTERM', async () => {
      const timer = forceExitAfterTimeout();
      await this.stop();
      clearTimeout(timer);
    });
  }
  async stop() {
    await new Promise((resolve) => this.http.close(resolve));
  }
  start() {
    this.http = express().listen(8080);
    this.registerSignals();
  }
}`,
    // Waiting until the work in flight is done, or closing one thing after another.
    `import express from 'express';
const server = express().listen(8080);
let inFlight = 0;
server.on('request', (_req, res) => {
  inFlight += 1;
  res.on('finish', () => (inFlight -= 1));
});
process.on('SIGTERM', async () => {
  while (inFlight > 0) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.exit(0);
});`,
    `import { Pool } from 'pg';
const pools = [new Pool(), new Pool()];
process.on('SIGTERM', async () => {
  for (const pool of pools) {
    await pool.end();
  }
  process.exit(0);
});`,
    // A best-effort drain that may throw, then the exit.
    `import express from 'express';
const server = express().listen(8080);
process.on('SIGTERM', async () => {
  try {
    await new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  } catch (err) {
    console.error('server did not close cleanly', err);
  }
  process.exit(0);
});`,
    `import express from 'express';
express().listen(8080);
class Store {
  constructor() {
    this.onSignal = (signal) => {
      try {
        this.flushSync();
      } catch {
        // best effort while the process is dying
      }
      process.kill(process.pid, signal);
    };
    process.on('SIGINT', this.onSignal);
  }
}`,
    `import { Pool } from 'pg';
const pool = new Pool();
process.on('SIGTERM', async () => {
  try {
    await pool.end();
  } finally {
    process.exit(0);
  }
});`,
    // The exit waits for something the rule does not know: not judged by default.
    `import express from 'express';
express().listen(8080);
process.on('SIGTERM', async () => {
  await notifyPeers();
  process.exit(0);
});`,
    `import express from 'express';
express().listen(8080);
process.on('SIGTERM', () => {
  queue.pause(() => process.exit(0));
});`,
    // closeMethods: a close the team names.
    {
      code: `import express from 'express';
express().listen(8080);
process.on('SIGTERM', async () => {
  await jobs.park();
  process.exit(0);
});`,
      options: [{ closeMethods: ['park'], checkUnknownWaits: true }],
    },
    // A shutdown library owns the signals.
    `import closeWithGrace from 'close-with-grace';
import express from 'express';
const server = express().listen(8080);
closeWithGrace({ delay: 10_000 }, async () => {
  await new Promise((resolve) => server.close(resolve));
});
process.on('SIGHUP', () => process.exit(0));`,
    {
      code: `import { onShutdown } from '@acme/graceful';
import express from 'express';
express().listen(8080);
process.on('SIGTERM', () => process.exit(0));`,
      options: [{ shutdownModules: ['@acme/graceful'] }],
    },
    // A command-line script: nothing in flight to lose.
    `import { readFile } from 'node:fs/promises';
process.on('SIGINT', () => {
  console.log('aborted');
  process.exit(130);
});
console.log(await readFile(process.argv[2], 'utf8'));`,
    // Not the real process, not a termination signal, not a handler the file shows.
    `import express from 'express';
express().listen(8080);
export function register(process) {
  process.on('SIGTERM', () => process.exit(0));
}`,
    `import express from 'express';
import { EventEmitter } from 'node:events';
express().listen(8080);
const bus = new EventEmitter();
bus.on('SIGTERM', () => process.exit(0));`,
    `import express from 'express';
express().listen(8080);
process.on('SIGUSR2', () => process.exit(0));
process.on('exit', () => process.exit(0));
process.on('uncaughtException', () => process.exit(1));`,
    `import express from 'express';
import { gracefulExit } from './lifecycle.js';
express().listen(8080);
process.on('SIGTERM', gracefulExit);
process.on('SIGINT', makeHandler(process.exit));`,
    `import express from 'express';
express().listen(8080);
export function listenFor(signal) {
  process.on(signal, () => process.exit(0));
}`,
    // Exits elsewhere in the file that no handler reaches; a child killed, not the process.
    `import express from 'express';
import { fork } from 'node:child_process';
const server = express().listen(8080);
const child = fork('./worker.js');
function fail(err) {
  console.error(err);
  process.exit(1);
}
server.on('error', fail);
process.on('SIGTERM', () => {
  process.kill(child.pid);
  server.close();
});`,
    // The second signal of a stop routine shared by SIGINT and SIGTERM forces the exit; the first closes everything.
    `const smtp = require('smtp-server');
let closing = false;
const forceStop = (code) => {
  console.log('force closing');
  setTimeout(() => process.exit(code), 10);
};
const stop = (code = 0) => {
  if (closing) {
    return forceStop(code);
  }
  closing = true;
  let closed = 0;
  const checkClosed = () => {
    if (++closed === servers.length) process.exit(code);
  };
  servers.forEach((server) => server.close(checkClosed));
  setTimeout(() => forceStop(code), 10_000).unref();
};
process.on('SIGINT', () => stop());
process.on('SIGTERM', () => stop());`,
    // A class that drains the requests it is serving before it exits.
    `import express from 'express';
class Kernel {
  start() {
    this.server = express().listen(8080);
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => {
        console.info(\`\${signal}: shutting down\`);
        this.shutdown();
      });
    }
  }
  async shutdown() {
    while (this.pending > 0) {
      await delay(1000);
    }
    await this.log.flush();
    process.exit(0);
  }
}`,
    // TypeScript syntax.
    {
      code: `import fastify from 'fastify';
const app = fastify();
process.on('SIGTERM', async (): Promise<void> => {
  await app!.close();
  process.exit(0);
});`,
      ts: true,
    },
    {
      code: `import express from 'express';
import type { Server } from 'node:http';
const server: Server = express().listen(8080);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    (server as Server).close(() => process.exit(0));
  });
}`,
      ts: true,
    },
    // Odd input.
    ``,
    `process.on();`,
    `process.on('SIGTERM');`,
    `import express from 'express';\nexpress().listen(8080);\nprocess.on('SIGTERM', () => {});`,
  ],
  invalid: [
    // An HTTP service whose SIGTERM handler only logs and exits: every request in flight is cut off.
    invalid(
      `import express from 'express';
const app = express();
app.listen(8080);
process.on('SIGTERM', () => {
  console.info('SIGTERM received');
  process.exit(0);
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM' },
    ),
    // A close that is started but not waited for: the exit right after it kills the connections it was draining.
    invalid(
      `import express from 'express';
const server = express().listen(8080);
process.on('SIGTERM', () => {
  server.close();
  process.exit(0);
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM', close: 'server.close()' },
    ),
    // once, addListener, prependListener, and SIGINT / SIGHUP.
    invalid(
      `import { Worker } from 'bullmq';
const worker = new Worker('mail', sendMail);
process.once('SIGINT', () => process.exit(130));`,
      { exit: 'process.exit(130)', signal: 'SIGINT' },
    ),
    invalid(
      `import { Pool } from 'pg';
export const pool = new Pool();
process.addListener('SIGHUP', () => {
  pool.end();
  process.exit(1);
});`,
      { exit: 'process.exit(1)', signal: 'SIGHUP', close: 'pool.end()' },
    ),
    invalid(
      `import Redis from 'ioredis';
const redis = new Redis();
process.prependListener('SIGTERM', function onTerm() {
  void redis.quit();
  process.exit(0);
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM', close: 'redis.quit()' },
    ),
    // A named function declared in the file, passed by reference.
    invalid(
      `import { Pool } from 'pg';
const pool = new Pool();
function shutdown(signal) {
  console.log(\`\${signal}: bye\`);
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);`,
      { exit: 'process.exit(0)', signal: 'SIGINT/SIGTERM' },
    ),
    // A const arrow function, and a function the handler calls.
    invalid(
      `const amqp = require('amqplib');
const stop = (code) => {
  console.warn('consumer stopping');
  process.exit(code);
};
process.on('SIGTERM', () => stop(0));`,
      { exit: 'process.exit(code)', signal: 'SIGTERM' },
    ),
    // A method of the class passed with bind(this), calling another method of the class.
    invalid(
      `import fastify from 'fastify';
export class App {
  server = fastify();
  start() {
    process.on('SIGTERM', this.cleanUp.bind(this));
    return this.server.listen({ port: 3000 });
  }
  cleanUp() {
    this.server.close();
    this.exit();
  }
  exit() {
    process.exit(0);
  }
}`,
      { exit: 'process.exit(0)', signal: 'SIGTERM', close: 'this.server.close()' },
    ),
    // A handler assigned to this in the constructor.
    invalid(
      `const http = require('node:http');
class Service {
  constructor() {
    this.server = http.createServer(handle);
    this.onSignal = () => {
      this.server.close();
      process.exit(0);
    };
    process.on('SIGTERM', this.onSignal);
  }
}`,
      { exit: 'process.exit(0)', signal: 'SIGTERM', close: 'this.server.close()' },
    ),
    // A branch that exits without closing, next to one that closes first.
    invalid(
      `import express from 'express';
const server = express().listen(8080);
process.on('SIGTERM', async () => {
  if (process.env.FAST_EXIT) {
    process.exit(0);
  }
  await new Promise((resolve) => server.close(resolve));
  process.exit(0);
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM' },
    ),
    // An awaited close on one branch only: the other branch reaches the exit with everything open.
    invalid(
      `import express from 'express';
const server = express().listen(8080);
process.on('SIGTERM', async () => {
  if (process.env.NODE_ENV === 'production') {
    await new Promise((resolve) => server.close(resolve));
  }
  process.exit(0);
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM', occurrence: 'last' },
    ),
    // A timer that exits soon with nothing closed is no grace period.
    invalid(
      `import express from 'express';
express().listen(8080);
process.on('SIGTERM', () => {
  console.log('shutting down in 1s');
  setTimeout(() => process.exit(0), 1000);
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM' },
    ),
    invalid(
      `import express from 'express';
express().listen(8080);
process.on('SIGINT', () => {
  setImmediate(() => process.exit(0));
});`,
      { exit: 'process.exit(0)', signal: 'SIGINT' },
    ),
    // Closes started in a loop and not waited for.
    invalid(
      `import express from 'express';
const server = express().listen(8080);
const sockets = new Set();
server.on('connection', (socket) => sockets.add(socket));
process.on('SIGTERM', () => {
  for (const socket of sockets) {
    socket.destroy();
  }
  process.exit(0);
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM', close: 'socket.destroy()' },
    ),
    // A helper that schedules the exit, with nothing closed anywhere.
    invalid(
      `import express from 'express';
express().listen(8080);
function exitSoon() {
  setTimeout(() => process.exit(0), 500);
}
process.on('SIGTERM', () => {
  console.info('bye');
  exitSoon();
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM' },
    ),
    // An exit in a catch block whose try closes nothing.
    invalid(
      `import express from 'express';
express().listen(8080);
process.on('SIGTERM', () => {
  try {
    writeMetrics();
  } catch {
    process.exit(1);
  }
});`,
      { exit: 'process.exit(1)', signal: 'SIGTERM' },
    ),
    // Signals from a constant list, with for…of and forEach.
    invalid(
      `import express from 'express';
express().listen(8080);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.log(\`\${signal} received\`);
    process.exit(0);
  });
}`,
      { exit: 'process.exit(0)', signal: 'SIGINT/SIGTERM' },
    ),
    invalid(
      `import express from 'express';
express().listen(8080);
const SIGNALS = ['SIGTERM', 'SIGUSR2'];
SIGNALS.forEach((signal) => process.once(signal, () => process.exit(0)));`,
      { exit: 'process.exit(0)', signal: 'SIGTERM' },
    ),
    // process from require('node:process') and from an ES import.
    invalid(
      `const proc = require('node:process');
const { createServer } = require('node:http');
createServer(handler).listen(3000);
proc.on('SIGTERM', () => proc.exit(0));`,
      { exit: 'proc.exit(0)', signal: 'SIGTERM' },
    ),
    invalid(
      `import process from 'node:process';
import { Worker } from 'bullmq';
const worker = new Worker('mail', sendMail);
process.on('SIGTERM', () => {
  worker.close();
  process.exit(0);
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM', close: 'worker.close()' },
    ),
    // Killing itself and aborting are exits too.
    invalid(
      `import express from 'express';
express().listen(8080);
process.once('SIGTERM', () => {
  process.removeAllListeners('SIGTERM');
  process.kill(process.pid, 'SIGTERM');
});`,
      { exit: "process.kill(process.pid, 'SIGTERM')", signal: 'SIGTERM', exitName: 'process.kill()' },
    ),
    invalid(
      `import express from 'express';
express().listen(8080);
process.on('SIGINT', () => process.abort());`,
      { exit: 'process.abort()', signal: 'SIGINT' },
    ),
    // process.exit itself as the handler.
    invalid(
      `import express from 'express';
express().listen(8080);
process.on('SIGINT', process.exit);`,
      { exit: 'process.exit', occurrence: 'last', signal: 'SIGINT', exitName: 'process.exit' },
    ),
    // A helper of the file that starts every close and waits for none of them.
    invalid(
      `import express from 'express';
import { Pool } from 'pg';
const server = express().listen(8080);
const pool = new Pool();
function closeAll() {
  server.close();
  pool.end();
}
process.on('SIGTERM', () => {
  closeAll();
  process.exit(0);
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM', close: 'closeAll()' },
    ),
    // A guard on something the handler never sets is not a second-signal check.
    invalid(
      `import express from 'express';
const server = express().listen(8080);
process.on('SIGTERM', () => {
  if (process.env.NODE_ENV !== 'production') process.exit(0);
  server.close(() => process.exit(0));
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM' },
    ),
    // Exits after waits the rule does not recognise, with checkUnknownWaits.
    invalid(
      `import express from 'express';
express().listen(8080);
process.on('SIGTERM', async () => {
  await notifyPeers();
  process.exit(0);
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM' },
      strict,
    ),
    invalid(
      `import express from 'express';
const app = express();
app.listen(8080);
process.on('SIGTERM', () => {
  queue.pause(() => process.exit(0));
});`,
      { exit: 'process.exit(0)', signal: 'SIGTERM' },
      strict,
    ),
    // TypeScript syntax around the handler and the calls.
    {
      ...invalid(
        `import express from 'express';
import type { Server } from 'node:http';
const server: Server = express().listen(8080);
process.on('SIGTERM' as NodeJS.Signals, (): void => {
  (server as Server).close();
  process.exit(0);
});`,
        { exit: 'process.exit(0)', signal: 'SIGTERM', close: '(serverasServer).close()' },
      ),
      ts: true,
    },
    {
      ...invalid(
        `import express from 'express';
import type { Server } from 'node:http';
let server: Server | undefined = express().listen(8080);
process.on('SIGTERM', () => {
  server!.close();
  process.exit(0);
});`,
        { exit: 'process.exit(0)', signal: 'SIGTERM', close: 'server!.close()' },
      ),
      ts: true,
    },
  ],
});

// Test files stop servers their own way; the typed run needs files of the fixtures project, so these run untyped.
new RuleTester().run('no-abrupt-shutdown (test files)', rule, {
  valid: [
    {
      filename: 'test/server.test.ts',
      code: `import express from 'express';\nexpress().listen(8080);\nprocess.on('SIGTERM', () => process.exit(0));`,
    },
    {
      filename: 'src/__tests__/shutdown.js',
      code: `import express from 'express';\nexpress().listen(8080);\nprocess.on('SIGTERM', () => process.exit(0));`,
    },
  ],
  invalid: [
    {
      filename: 'src/testing.ts',
      code: `import express from 'express';\nexpress().listen(8080);\nprocess.on('SIGTERM', () => process.exit(0));`,
      errors: [{ messageId: 'exitBeforeDrain', data: { signal: 'SIGTERM', exit: 'process.exit()' }, line: 3, column: 29, endLine: 3, endColumn: 44 }],
    },
  ],
});
