// Runs the real ESLint language server (vscode-eslint's server, the one VS Code runs and that
// Neovim, Helix, Zed and Sublime Text start as `vscode-eslint-language-server --stdio`) on a
// project that uses the plugin's recommended config, and checks what an editor shows: the
// diagnostics, the quick fixes, and the edits they make.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { EOL, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeActionKind, DiagnosticSeverity, type CodeAction, type Command, type Range, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

import { rules } from '../../rules/index.js';
import { EslintLanguageServer, helixSettings, nvimLspconfigSettings, vscodeSettings, type EslintServerSettings } from '../support/lsp-client.js';
import { rootDir } from '../support/paths.js';

const serverTimeoutMs = 20_000;

const eslintConfig = `import steadyState from 'eslint-plugin-steady-state';

export default [...steadyState.configs.recommended];
`;

const clientSource = `// Profiles fetched from the directory service, kept for the life of the process.
const profiles = new Map<string, string>();

export function rememberProfile(id: string, profile: string): void {
  profiles.set(id, profile);
}

export async function fetchProfile(url: string): Promise<string> {
  const response = await fetch(url);
  return response.text();
}

export function saveProfile(req: { params: { id: string }; body: string }, res: { end(): void }): void {
  rememberProfile(req.params.id, req.body);
  res.end();
}
`;

const fetchRule = rules['require-fetch-timeout'];
const cacheRule = rules['no-unbounded-cache'];
/** The timeout the suggestion inserts when the rule has no options (its documented default). */
const timeoutMs = fetchRule.meta.defaultOptions?.[0]?.timeoutMs;
if (typeof timeoutMs !== 'number') throw new Error('require-fetch-timeout has no default timeoutMs');

/** The rule's documentation URL, which the server shows as the diagnostic's code link. */
function docsUrl(rule: typeof fetchRule | typeof cacheRule): string {
  const url = rule.meta.docs?.url;
  if (url === undefined) throw new Error(`${rule.name} has no docs URL`);
  return url;
}

/** ESLint's message placeholders (`{{name}}`) filled with `data`. */
function fill(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    const value = data[key];
    if (value === undefined) throw new Error(`No value for {{${key}}} in: ${template}`);
    return String(value);
  });
}

/** The LSP range of `needle` where it occurs in the first occurrence of `context` in the document. */
function rangeOf(document: TextDocument, needle: string, context: string): Range {
  const text = document.getText();
  const contextOffset = text.indexOf(context);
  const needleOffset = context.indexOf(needle);
  if (contextOffset < 0 || needleOffset < 0) throw new Error(`"${needle}" in "${context}" does not occur in:\n${text}`);
  const offset = contextOffset + needleOffset;
  return { start: document.positionAt(offset), end: document.positionAt(offset + needle.length) };
}

/** A document's text after a workspace edit the server asked the editor to apply to it. */
function applyEdit(document: TextDocument, edit: WorkspaceEdit): string {
  const changes = edit.documentChanges ?? [];
  expect(changes).toHaveLength(1);
  const [change] = changes;
  if (!change || !('edits' in change)) throw new Error(`Expected one text document edit, got ${JSON.stringify(edit)}`);
  expect(change.textDocument).toEqual({ uri: document.uri, version: document.version });
  const textEdits = change.edits.filter((textEdit) => 'newText' in textEdit);
  expect(textEdits).toHaveLength(change.edits.length);
  return TextDocument.applyEdits(document, textEdits);
}

function isCodeAction(action: Command | CodeAction): action is CodeAction {
  return typeof action.command !== 'string';
}

/**
 * A project as a user has it: `eslint` and `eslint-plugin-steady-state` in node_modules (links to
 * this checkout's ESLint and built plugin), an `eslint.config.js` that imports the plugin, and a
 * source file with two findings.
 */
function makeProject(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(join(rootDir, 'node_modules', 'eslint'), join(dir, 'node_modules', 'eslint'), 'dir');
  symlinkSync(rootDir, join(dir, 'node_modules', 'eslint-plugin-steady-state'), 'dir');
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'editor-project', private: true, type: 'module' }, null, 2)}\n`);
  writeFileSync(join(dir, 'eslint.config.js'), eslintConfig);
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'client.ts'), clientSource);
  return dir;
}

function clientDocument(projectDir: string, version = 1, text = clientSource): TextDocument {
  return TextDocument.create(pathToFileURL(join(projectDir, 'src', 'client.ts')).href, 'typescript', version, text);
}

const projects: string[] = [];
const servers: EslintLanguageServer[] = [];

async function startServer(projectDir: string, settings: EslintServerSettings): Promise<EslintLanguageServer> {
  const { server, initializeResult } = await EslintLanguageServer.start({ workspaceDir: projectDir, settings, timeoutMs: serverTimeoutMs });
  servers.push(server);
  // The server publishes nothing by itself: editors pull diagnostics (LSP 3.17 `textDocument/diagnostic`).
  expect(initializeResult.capabilities.diagnosticProvider).toMatchObject({ identifier: 'eslint' });
  expect(initializeResult.capabilities.codeActionProvider).toEqual({
    codeActionKinds: [CodeActionKind.QuickFix, `${CodeActionKind.SourceFixAll}.eslint`],
  });
  return server;
}

beforeAll(() => {
  const builtPlugin = join(rootDir, 'dist', 'src', 'index.js');
  if (!existsSync(builtPlugin)) throw new Error(`${builtPlugin} is missing: run \`npm run build\` first.`);
});

afterAll(() => {
  for (const server of servers) server.kill();
  for (const dir of projects) rmSync(dir, { recursive: true, force: true });
});

describe.each([
  { client: 'VS Code', settings: vscodeSettings },
  { client: 'nvim-lspconfig', settings: nvimLspconfigSettings },
  { client: 'Helix', settings: helixSettings },
])('in the ESLint language server (ESLint 10, flat config) with the settings $client sends', ({ settings }) => {
  let projectDir = '';
  let server: EslintLanguageServer;
  const document = (): TextDocument => clientDocument(projectDir);

  beforeAll(async () => {
    projectDir = makeProject('steady-state-editor-');
    projects.push(projectDir);
    server = await startServer(projectDir, settings(projectDir));
    await server.openDocument(document().uri, 'typescript', clientSource);
  });

  afterAll(async () => {
    expect(await server.shutdown(), server.output).toBe(0);
  });

  it('shows both findings as diagnostics on the reported identifiers, with the rule messages and doc links', async () => {
    const diagnostics = await server.diagnostics(document().uri);

    expect(
      diagnostics.map((diagnostic) => diagnostic.code),
      `diagnostics: ${JSON.stringify(diagnostics)}\nServer output:\n${server.output}`,
    ).toEqual(['steady-state/no-unbounded-cache', 'steady-state/require-fetch-timeout']);
    const growthLine = document().positionAt(clientSource.indexOf('profiles.set(')).line + 1;
    expect(diagnostics).toEqual([
      {
        code: 'steady-state/no-unbounded-cache',
        codeDescription: { href: docsUrl(cacheRule) },
        source: 'eslint',
        severity: DiagnosticSeverity.Error,
        range: rangeOf(document(), 'profiles', 'const profiles ='),
        message: fill(cacheRule.meta.messages.unboundedCollection, {
          name: 'profiles',
          operation: '`.set()`',
          line: growthLine,
          fn: "function 'rememberProfile'",
        }),
      },
      {
        code: 'steady-state/require-fetch-timeout',
        codeDescription: { href: docsUrl(fetchRule) },
        source: 'eslint',
        severity: DiagnosticSeverity.Error,
        range: rangeOf(document(), 'fetch', 'await fetch(url)'),
        message: fill(fetchRule.meta.messages.noDeadline, { call: 'fetch', remedy: 'pass `signal: AbortSignal.timeout(ms)`' }),
      },
    ]);
  });

  it('offers the timeout suggestion as a quick fix whose edit adds the signal, and the fixed file is clean of that rule', async () => {
    const diagnostics = await server.diagnostics(document().uri);
    const fetchDiagnostic = diagnostics.find((diagnostic) => diagnostic.code === 'steady-state/require-fetch-timeout');
    if (!fetchDiagnostic) throw new Error(`No require-fetch-timeout diagnostic in ${JSON.stringify(diagnostics)}\nServer output:\n${server.output}`);

    const actions = await server.codeActions(document().uri, fetchDiagnostic.range, [fetchDiagnostic]);
    const codeActions = actions.filter(isCodeAction);
    expect(codeActions).toHaveLength(actions.length);
    const suggestionTitle = `${fill(fetchRule.meta.messages.suggestSignal, { ms: timeoutMs })} (steady-state/require-fetch-timeout)`;
    expect(codeActions.map((action) => action.title)).toEqual([
      suggestionTitle,
      'Disable steady-state/require-fetch-timeout for this line',
      'Disable steady-state/require-fetch-timeout for the entire file',
      'Show documentation for steady-state/require-fetch-timeout',
    ]);
    expect(codeActions.every((action) => action.kind === CodeActionKind.QuickFix)).toBe(true);
    const suggestion = codeActions[0];
    const disableLine = codeActions[1];
    if (!suggestion?.command || !disableLine?.command) throw new Error(`Expected commands on the quick fixes: ${JSON.stringify(codeActions)}`);
    expect(suggestion.diagnostics).toEqual([fetchDiagnostic]);

    const fixed = applyEdit(document(), await server.editOf(suggestion.command));
    expect(fixed).toBe(clientSource.replace('await fetch(url);', `await fetch(url, { signal: AbortSignal.timeout(${timeoutMs}) });`));

    const disabled = applyEdit(document(), await server.editOf(disableLine.command));
    expect(disabled).toBe(
      clientSource.replace(
        '  const response = await fetch(url);',
        `  // eslint-disable-next-line steady-state/require-fetch-timeout${EOL}  const response = await fetch(url);`,
      ),
    );

    // The editor applies the suggestion; the server relints the new text.
    await server.replaceDocument(document().uri, 2, fixed);
    const after = await server.diagnostics(document().uri);
    expect(
      after.map((diagnostic) => diagnostic.code),
      server.output,
    ).toEqual(['steady-state/no-unbounded-cache']);
    expect(after[0]?.range).toEqual(rangeOf(clientDocument(projectDir, 2, fixed), 'profiles', 'const profiles ='));
  });
});

describe('in the ESLint language server with `experimental.useFlatConfig: true` (a setting for ESLint 8)', () => {
  let projectDir = '';
  let server: EslintLanguageServer;

  beforeAll(async () => {
    projectDir = makeProject('steady-state-editor-experimental-');
    projects.push(projectDir);
    server = await startServer(projectDir, { ...vscodeSettings(projectDir), experimental: { useFlatConfig: true } });
  });

  afterAll(async () => {
    expect(await server.shutdown(), server.output).toBe(0);
  });

  it('shows nothing, because ESLint 10 has no FlatESLint class: the setting must stay off', async () => {
    const uri = clientDocument(projectDir).uri;
    await server.openDocument(uri, 'typescript', clientSource);

    expect(await server.diagnostics(uri), server.output).toEqual([]);
    expect(server.output).toContain("doesn't export a FlatESLint class");
  });
});

/** The rules that offer a remedy: an autofix or an editor suggestion. */
const rulesWithRemedies = Object.entries(rules)
  .filter(([, rule]) => Boolean((rule.meta as { fixable?: unknown }).fixable) || Boolean((rule.meta as { hasSuggestions?: unknown }).hasSuggestions))
  .map(([name]) => name)
  .sort();

describe('in the ESLint language server, on the leaky example service with every rule on', () => {
  let projectDir = '';
  let server: EslintLanguageServer;
  const files: { uri: string; text: string; version: number }[] = [];

  beforeAll(async () => {
    projectDir = makeProject('steady-state-editor-leaky-');
    projects.push(projectDir);
    writeFileSync(join(projectDir, 'eslint.config.js'), eslintConfig.replace('configs.recommended', 'configs.all'));
    cpSync(join(rootDir, 'fixtures', 'leaky-service', 'src'), join(projectDir, 'leaky'), { recursive: true });
    server = await startServer(projectDir, vscodeSettings(projectDir));
    for (const file of readdirSync(join(projectDir, 'leaky'), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.ts'))
      .sort()) {
      const path = join(projectDir, 'leaky', file);
      const text = readFileSync(path, 'utf8');
      const uri = pathToFileURL(path).href;
      await server.openDocument(uri, 'typescript', text);
      files.push({ uri, text, version: 1 });
    }
  });

  afterAll(async () => {
    expect(await server.shutdown(), server.output).toBe(0);
  });

  it.each(rulesWithRemedies)(
    '%s: offers a quick fix on a finding, and applying it removes that finding',
    async (name) => {
      const code = `steady-state/${name}`;
      const tried: string[] = [];
      for (const file of files) {
        const diagnostics = (await server.diagnostics(file.uri)).filter((diagnostic) => diagnostic.code === code);
        for (const diagnostic of diagnostics) {
          const actions = (await server.codeActions(file.uri, diagnostic.range, [diagnostic])).filter(isCodeAction);
          const remedy = actions.find((action) => action.title.endsWith(`(${code})`) || action.title === `Fix this ${code} problem`);
          tried.push(`${file.uri}:${diagnostic.range.start.line + 1}: ${actions.map((action) => action.title).join(' | ')}`);
          if (!remedy?.command) continue;
          const document = TextDocument.create(file.uri, 'typescript', file.version, file.text);
          const fixed = applyEdit(document, await server.editOf(remedy.command));
          expect(fixed).not.toBe(file.text);
          // The editor applies it; the server relints the new text, then the file is put back.
          await server.replaceDocument(file.uri, (file.version += 1), fixed);
          const after = (await server.diagnostics(file.uri)).filter((candidate) => candidate.code === code);
          await server.replaceDocument(file.uri, (file.version += 1), file.text);
          expect(after.length, `${remedy.title} on ${file.uri}`).toBeLessThan(diagnostics.length);
          return;
        }
      }
      throw new Error(`no quick fix for ${code} on the leaky service; code actions seen:\n${tried.join('\n')}`);
    },
    60_000,
  );
});
