#!/usr/bin/env node
// npm run new-rule -- <name> --failure-mode <id> --description "Disallow …" [options]
//
// Adds a rule to the plugin: writes the rule, its test and its doc from templates, and a stub in
// every other place a rule must appear, so that the suite passes at once and each stub names what
// to write there:
//   rules/<name>.ts                          the rule: a placeholder selector to replace
//   test/rules/<name>.test.ts                valid and invalid cases, run JS, TS and typed
//   docs/rules/<name>.md                     the doc, with every section the docs test asks for
//   fixtures/leaky-service/src/<name>.ts     a marked line the rule must report (`// expect:`)
//   fixtures/steady-service/src/<name>.ts    the same service written correctly: no finding
//   test/support/fuzz.ts                     a snippet group for the fuzzer
//   test/robustness/pathological.test.ts     a deeply nested input the rule must survive
//   docs/precision.md                        the rule's row in the precision table and its verdicts
//   CHANGELOG.md                             an "Added" entry under Unreleased
//   src/failure-modes.ts                     the failure mode, when it is a new one
// then builds (which regenerates rules/index.ts) and regenerates the README's rules list and the
// doc header. A new rule starts
// in no shipped config but `all`; docs/contributing.md says how it earns `strict` and `recommended`.
//
// Options:
//   --failure-mode <id>       the failure mode the rule guards against (src/failure-modes.ts)
//   --failure-label <text>    with --failure-symptom: adds a new failure mode with that id
//   --failure-symptom <text>
//   --description <text>      the one-line description: "Disallow …", "Require …", "Enforce …" or "Report …"
//   --root <dir>              the checkout to write into (default: this one)
//   --no-generate             do not run the generators afterwards
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** A mistake in how the command was called: one line on stderr, exit code 2. */
class UsageError extends Error {}

/** The anchor lines a stub is inserted above, by file. The files keep these comments for this tool. */
export const ANCHORS = {
  fuzz: "  // (tools/new-rule.js adds a new rule's snippet group above this line)",
  pathological: "  // (tools/new-rule.js adds a new rule's nested input above this line)",
  failureModes: '  // (tools/new-rule.js adds a new failure mode above this line)',
  changelog: '## [Unreleased]',
  precisionTable: '| :-- | :-- | --: | --: | --: | --: | --: | --: | --: |',
  precisionVerdicts: '## Verdicts',
};

/** The placeholder call every stub uses, so the rule, its tests and its fixtures agree until replaced. */
export const PLACEHOLDER = 'replaceWithTheShapeThisRuleReports';

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

function ruleSource({ name, description, failureMode }) {
  return `import type { TSESTree } from '@typescript-eslint/utils';

import { createRule } from '../src/util/create-rule.js';

export type Options = [];

export type MessageIds = 'placeholder';

export default createRule<Options, MessageIds>({
  name: '${name}',
  meta: {
    type: 'problem',
    docs: {
      description: ${stringLiteral(description)},
      recommended: false,
      failureMode: '${failureMode}',
    },
    schema: [],
    messages: {
      // Say what goes wrong in a long-running service and what to do, in one sentence (at most 160 characters).
      placeholder: '\`{{callee}}()\` is the placeholder shape of this rule; replace it with what the rule reports.',
    },
  },
  create(context) {
    // Gather candidates here and decide in an analysis under src/analysis/, so the rule stays thin.
    return {
      'CallExpression[callee.name="${PLACEHOLDER}"]'(node: TSESTree.CallExpression) {
        context.report({ node, messageId: 'placeholder', data: { callee: '${PLACEHOLDER}' } });
      },
    };
  },
});
`;
}

/** `text` as a string literal quoted the way Prettier quotes it: single quotes, unless the text holds more of them than double quotes. */
function stringLiteral(text) {
  const quote = text.split("'").length > text.split('"').length ? '"' : "'";
  return quote + text.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`) + quote;
}

function testSource({ name }) {
  return `import rule from '../../rules/${name}.js';
import { SteadyStateRuleTester } from '../support/rule-tests.js';

// Each shape the rule reports is an invalid case, next to its mirror image: the same code written
// correctly, as a valid case. Every case runs as JavaScript, as TypeScript and with type information.
// Write the cases inline in run(), as literal arrays: the eslint-plugin test rules read them there.
new SteadyStateRuleTester().run('${name}', rule, {
  valid: [\`export function handle(req) {\\n  return other(req.id);\\n}\`],
  invalid: [
    {
      code: \`export function handle(req) {\\n  return ${PLACEHOLDER}(req.id);\\n}\`,
      output: null,
      errors: [{ messageId: 'placeholder', data: { callee: '${PLACEHOLDER}' }, line: 2, column: 10 }],
    },
  ],
});
`;
}

function docSource({ name, description, failureLabel }) {
  return `# ${name}

<!-- end auto-generated rule header -->

## Failure mode: ${failureLabel}

What drifts in a long-running service when this code runs, and how it shows in production.

## Rule details

${description}. Say what the rule reports, and what it leaves alone because it cannot know.

## Examples

### ❌ Incorrect

<!-- findings: 2 -->
\`\`\`js
export function handle(req) {
  return ${PLACEHOLDER}(req.id);
}
\`\`\`

### ✅ Correct

\`\`\`js
export function handle(req) {
  return other(req.id);
}
\`\`\`

## Fixes and suggestions

None yet. A fix changes only what keeps the success path behaving exactly as before; anything
else is a suggestion whose text says what changes.

<!-- When the rule has options, add an options section here (a level-2 heading) with the generator's markers
"begin/end auto-generated rule options list"; npm run generate fills them in. -->

## Type-aware behaviour

The rule needs no type information. Say here what types change, if anything (they may only make
the rule quieter).

## Precision on service code

Not judged yet: run \`npm run review -- --rule ${name}\` and read every sampled finding
(docs/precision.md).

## When not to use it

When the code this rule reports never runs in a long-lived process.
`;
}

function fixtureSource({ name, leaky }) {
  const body = leaky ? `  return ${PLACEHOLDER}(id); // expect: ${name}` : '  return other(id);';
  return `// ${leaky ? 'The shape' : 'The correct version of the shape'} ${name} ${leaky ? 'reports' : 'leaves alone'}.
declare function ${leaky ? PLACEHOLDER : 'other'}(id: string): Promise<void>;

export function handle(id: string): Promise<void> {
${body}
}
`;
}

function insertAbove(text, anchor, stub, file) {
  const at = text.indexOf(anchor);
  if (at === -1) throw new UsageError(`${file} has lost its anchor line "${anchor.trim()}"; put it back where new entries go`);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(0, lineStart) + stub + text.slice(lineStart);
}

function insertBelow(text, anchor, stub, file) {
  const at = text.indexOf(anchor);
  if (at === -1) throw new UsageError(`${file} has lost its anchor line "${anchor.trim()}"`);
  const lineEnd = text.indexOf('\n', at) + 1;
  return text.slice(0, lineEnd) + stub + text.slice(lineEnd);
}

/** The failure modes declared in src/failure-modes.ts: id → label. */
function failureModesOf(root) {
  const text = readFileSync(join(root, 'src', 'failure-modes.ts'), 'utf8');
  const modes = new Map();
  for (const match of text.matchAll(/^ {2}'([a-z-]+)': \{\n {4}label: '([^']*)'/gm)) modes.set(match[1], match[2]);
  return modes;
}

/**
 * Writes the new rule's files and stubs under `root`. Returns the paths written, relative to root.
 * @param {{ root: string, name: string, failureMode: string, description: string, failureLabel?: string, failureSymptom?: string }} input
 */
export function scaffoldRule(input) {
  const { root, name, failureMode, description } = input;
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(name)) {
    throw new UsageError(`"${name}" is not a rule name: use kebab-case words, like no-unbounded-queue or require-drain`);
  }
  if (!/^(Disallow|Require|Enforce|Report) /.test(description)) {
    throw new UsageError('--description must start with "Disallow", "Require", "Enforce" or "Report"');
  }
  if (existsSync(join(root, 'rules', `${name}.ts`))) throw new UsageError(`rules/${name}.ts already exists`);

  const written = [];
  const write = (path, text) => {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
    written.push(path);
  };
  const edit = (path, change) => {
    const full = join(root, path);
    writeFileSync(full, change(readFileSync(full, 'utf8'), path));
    written.push(path);
  };

  const modes = failureModesOf(root);
  let failureLabel = modes.get(failureMode);
  if (failureLabel === undefined) {
    if (!input.failureLabel || !input.failureSymptom) {
      throw new UsageError(
        `unknown failure mode "${failureMode}" (known: ${[...modes.keys()].join(', ')}); to add one, give --failure-label and --failure-symptom too`,
      );
    }
    failureLabel = input.failureLabel;
    const entry = `  '${failureMode}': {\n    label: ${quote(input.failureLabel)},\n    symptom: ${quote(input.failureSymptom)},\n  },\n`;
    edit('src/failure-modes.ts', (text, file) => insertAbove(text, ANCHORS.failureModes, entry, file));
  }

  write(`rules/${name}.ts`, ruleSource({ name, description, failureMode }));
  write(`test/rules/${name}.test.ts`, testSource({ name }));
  write(`docs/rules/${name}.md`, docSource({ name, description, failureLabel }));
  write(`fixtures/leaky-service/src/${name}.ts`, fixtureSource({ name, leaky: true }));
  write(`fixtures/steady-service/src/${name}.ts`, fixtureSource({ name, leaky: false }));

  edit('test/support/fuzz.ts', (text, file) =>
    insertAbove(
      text,
      ANCHORS.fuzz,
      `  // ${name}: the shapes it reports and their correct versions\n  ${camel(name)}: [{ text: '${PLACEHOLDER}($V);' }],\n`,
      file,
    ),
  );
  edit('test/robustness/pathological.test.ts', (text, file) =>
    insertAbove(
      text,
      ANCHORS.pathological,
      `  {\n    name: '${name}: its shape, nested',\n    depth: 5_000,\n    build: (depth) => \`\${prelude}export function handle(id) {\\n\${'{'.repeat(depth)}\\n  ${PLACEHOLDER}(id);\\n\${'}'.repeat(depth)}\\n}\\n\`,\n    reports: [rule('${name}')],\n  },\n`,
      file,
    ),
  );
  edit('docs/precision.md', (text, file) => {
    const row = `| \`${name}\` | all | 0 | 0 | 0 | 0 | 0 | 0 | no findings |`;
    const withRow = insertSorted(text, file, { after: ANCHORS.precisionTable, item: /^\| `([^`]+)` \|/, end: /^$/, key: name, lines: [row] });
    const verdicts = [`### ${name}`, '', '_No findings on the service corpus with the settings of its config._', ''];
    return insertSorted(withRow, file, { after: ANCHORS.precisionVerdicts, item: /^### (\S+)$/, end: /^## /, key: name, lines: verdicts });
  });
  edit('CHANGELOG.md', (text, file) => {
    const entry = `- \`${name}\`: ${description.replace(/^./, (c) => c.toLowerCase())}.`;
    const start = text.indexOf(ANCHORS.changelog);
    if (start === -1) throw new UsageError(`${file} has lost its "${ANCHORS.changelog}" heading`);
    const next = text.indexOf('\n## [', start + 1);
    const added = text.indexOf('\n### Added\n\n', start);
    if (added !== -1 && (next === -1 || added < next)) {
      const at = added + '\n### Added\n\n'.length;
      return `${text.slice(0, at)}${entry}\n${text.slice(at)}`;
    }
    return insertBelow(text, ANCHORS.changelog, `\n### Added\n\n${entry}\n`, file);
  });
  return written;
}

/**
 * Inserts `lines` among the items of a region (the lines after the line holding `after`, up to the
 * first line matching `end`), before the first item whose key sorts after `key`.
 */
function insertSorted(text, file, { after, item, end, key, lines }) {
  const all = text.split('\n');
  const start = all.findIndex((line) => line.includes(after));
  if (start === -1) throw new UsageError(`${file} has lost its anchor line "${after}"`);
  let at = start + 1;
  let lastItemEnd = start + 1;
  for (; at < all.length && !(at > start + 1 && end.test(all[at] ?? '')); at += 1) {
    const match = item.exec(all[at] ?? '');
    if (!match) continue;
    if ((match[1] ?? '') > key) break;
    lastItemEnd = at + 1;
  }
  const position = at < all.length && item.test(all[at] ?? '') ? at : endOfItem(all, lastItemEnd, item, end);
  all.splice(position, 0, ...lines);
  return all.join('\n');
}

/** The line after the item that starts before `from`: the next item, the region's end, or the file's end. */
function endOfItem(all, from, item, end) {
  let at = from;
  while (at < all.length && !item.test(all[at] ?? '') && !end.test(all[at] ?? '')) at += 1;
  return at;
}

function quote(text) {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'failure-mode': { type: 'string' },
      'failure-label': { type: 'string' },
      'failure-symptom': { type: 'string' },
      description: { type: 'string' },
      root: { type: 'string' },
      'no-generate': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run new-rule -- <name> --failure-mode <id> --description "Disallow …" [--failure-label … --failure-symptom …] [--root <dir>] [--no-generate]\n',
    );
    return;
  }
  const [name, ...extra] = positionals;
  if (name === undefined || extra.length > 0) throw new UsageError('give exactly one rule name');
  if (!values['failure-mode']) throw new UsageError('--failure-mode is required');
  if (!values.description) throw new UsageError('--description is required');
  const root = values.root ?? join(dirname(fileURLToPath(import.meta.url)), '..');
  const written = scaffoldRule({
    root,
    name,
    failureMode: values['failure-mode'],
    description: values.description,
    ...(values['failure-label'] ? { failureLabel: values['failure-label'] } : {}),
    ...(values['failure-symptom'] ? { failureSymptom: values['failure-symptom'] } : {}),
  });
  for (const path of written) process.stdout.write(`wrote ${path}\n`);
  if (!values['no-generate']) {
    // The build regenerates rules/index.ts; the doc generator reads the built plugin.
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
    execFileSync('npx', ['eslint-doc-generator'], { cwd: root, stdio: 'inherit' });
  }
  process.stdout.write(
    `\nNext (docs/contributing.md): replace the placeholder shape \`${PLACEHOLDER}\` in ${relative(process.cwd(), join(root, 'rules', `${name}.ts`)) || 'the rule'}, its tests, fixtures, fuzz group and nested input with the real one; then npm test.\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`new-rule: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      throw error;
    }
  }
}
