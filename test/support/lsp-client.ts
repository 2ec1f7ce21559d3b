import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ApplyWorkspaceEditRequest,
  CodeActionKind,
  CodeActionRequest,
  ConfigurationRequest,
  DiagnosticRefreshRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticReportKind,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  RegistrationRequest,
  RequestType,
  ShutdownRequest,
  WorkDoneProgressCreateRequest,
  type CodeAction,
  type Command,
  type Diagnostic,
  type InitializeResult,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';

import { rootDir } from './paths.js';

/** The `vscode-eslint-language-server` binary of the `vscode-langservers-extracted` package. */
export const eslintServerBin = join(rootDir, 'node_modules', 'vscode-langservers-extracted', 'bin', 'vscode-eslint-language-server');

/**
 * The settings the vscode-eslint server reads through `workspace/configuration` (section `''`).
 * The server reads the required ones without a check: leave one out and it lints nothing (it
 * fails, or for `validate` skips the file) or, for `codeAction`, fails to offer quick fixes.
 */
export interface EslintServerSettings {
  /** `on` lints every file the client sends; `probe` lints a file only when the ESLint config has a config object for it. */
  validate: 'on' | 'off' | 'probe';
  /**
   * The object must exist. `useFlatConfig: true` makes the server load `FlatESLint` from
   * `eslint/use-at-your-own-risk`, which ESLint 10 no longer exports, so nothing is linted.
   */
  experimental: { useFlatConfig?: boolean };
  /** `null`, or a folder to resolve ESLint from (`''` for none): the server calls `path.isAbsolute()` on anything but `null`. */
  nodePath: string | null;
  problems: { shortenToSingleLine: boolean };
  rulesCustomizations: { rule: string; severity: string }[];
  codeAction: {
    disableRuleComment: { enable: boolean; location: 'separateLine' | 'sameLine'; commentStyle?: 'line' | 'block' };
    showDocumentation: { enable: boolean };
  };
  run?: 'onType' | 'onSave';
  /** Read by fix-on-save (`source.fixAll.eslint`). */
  codeActionOnSave?: { enable?: boolean; mode: 'all' | 'problems' };
  /** Anything but `off` (the default when missing) warns on files the ESLint config ignores. */
  onIgnoredFiles?: 'off' | 'warn' | 'error';
  packageManager?: 'npm' | 'yarn' | 'pnpm';
  useESLintClass?: boolean;
  /** Passed to ESLint's `loadESLint()`; ESLint 10 only has flat config and ignores it. */
  useFlatConfig?: boolean | null;
  format?: boolean;
  quiet?: boolean;
  options?: Record<string, unknown>;
  /** Where the server looks for the ESLint config (the folder of the nearest `eslint.config.*` by default). */
  workingDirectory?: { mode: 'location' | 'auto' };
  /** Without it, ESLint runs in the linted file's folder. */
  workspaceFolder?: { uri: string; name: string };
}

function workspaceFolderOf(workspaceDir: string): { uri: string; name: string } {
  return { uri: pathToFileURL(workspaceDir).href, name: basename(workspaceDir) };
}

/** What the VS Code ESLint extension sends, by default, for a TypeScript file (TypeScript is probed, not always validated). */
export function vscodeSettings(workspaceDir: string): EslintServerSettings {
  return {
    validate: 'probe',
    packageManager: 'npm',
    useESLintClass: false,
    useFlatConfig: null,
    experimental: { useFlatConfig: false },
    codeActionOnSave: { mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workspaceFolder: workspaceFolderOf(workspaceDir),
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
  };
}

/** What nvim-lspconfig's `eslint` config sends (its default settings plus the `workspaceFolder` it adds). */
export function nvimLspconfigSettings(workspaceDir: string): EslintServerSettings {
  return {
    validate: 'on',
    useESLintClass: false,
    experimental: { useFlatConfig: false },
    codeActionOnSave: { enable: false, mode: 'all' },
    format: true,
    quiet: false,
    onIgnoredFiles: 'off',
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: '',
    workingDirectory: { mode: 'location' },
    workspaceFolder: workspaceFolderOf(workspaceDir),
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine' },
      showDocumentation: { enable: true },
    },
  };
}

/**
 * The settings of the `vscode-eslint-language-server` that Helix defines in its built-in
 * `languages.toml`: the required ones plus `run` and `workingDirectory`, with no `null` (TOML has
 * none) and no `workspaceFolder` (Helix sends the configuration as written).
 */
export function helixSettings(): EslintServerSettings {
  return {
    validate: 'on',
    experimental: { useFlatConfig: false },
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: '',
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine' },
      showDocumentation: { enable: true },
    },
    workingDirectory: { mode: 'location' },
  };
}

/** Requests the vscode-eslint server sends when it cannot lint a file; answered with `{}` like the VS Code extension does. */
const eslintFailureRequests = ['eslint/noLibrary', 'eslint/noConfig', 'eslint/probeFailed', 'eslint/openDoc'].map(
  (method) => new RequestType<unknown, object, void>(method),
);

/**
 * A minimal LSP client for the vscode-eslint language server, over stdio, answering the requests
 * an editor answers. Everything the server writes to stderr or logs is kept in `transcript`, so a
 * failing test can show why the server did not lint.
 */
export class EslintLanguageServer {
  readonly transcript: string[] = [];
  private readonly appliedEdits: WorkspaceEdit[] = [];
  private readonly exitCode: Promise<number | null>;
  private closed = false;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly connection: MessageConnection,
    private readonly timeoutMs: number,
  ) {
    this.exitCode = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /**
   * Starts the server in `workspaceDir` (as an editor does for a workspace folder), initializes it
   * and returns it with the server's capabilities.
   */
  static async start(options: {
    workspaceDir: string;
    settings: EslintServerSettings;
    timeoutMs: number;
  }): Promise<{ server: EslintLanguageServer; initializeResult: InitializeResult }> {
    const child = spawn(process.execPath, [eslintServerBin, '--stdio'], { cwd: options.workspaceDir, stdio: 'pipe' });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new EslintLanguageServer(child, connection, options.timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => server.transcript.push(`[stderr] ${chunk.trimEnd()}`));
    child.on('error', (error) => server.transcript.push(`[spawn error] ${error.message}`));
    child.on('exit', (code, signal) => server.transcript.push(`[exit] code ${code ?? 'none'}, signal ${signal ?? 'none'}`));
    child.stdin.on('error', (error) => server.transcript.push(`[stdin error] ${error.message}`));
    connection.onError(([error]) => {
      server.transcript.push(`[connection error] ${error.message}`);
    });

    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => options.settings));
    connection.onRequest(RegistrationRequest.type, () => undefined);
    connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    connection.onRequest(DiagnosticRefreshRequest.type, () => undefined);
    connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      server.appliedEdits.push(params.edit);
      return { applied: true };
    });
    for (const request of eslintFailureRequests) {
      connection.onRequest(request, (params) => {
        server.transcript.push(`[${request.method}] ${JSON.stringify(params)}`);
        return {};
      });
    }
    connection.onNotification(LogMessageNotification.type, (params) => {
      server.transcript.push(`[log] ${params.message}`);
    });
    connection.onNotification((method, params) => {
      server.transcript.push(`[${method}] ${JSON.stringify(params)}`);
    });
    connection.onRequest((method, params) => {
      server.transcript.push(`[unexpected request ${method}] ${JSON.stringify(params)}`);
      return null;
    });
    connection.listen();

    const folderUri = pathToFileURL(options.workspaceDir).href;
    const initializeResult = await server.within(
      connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        clientInfo: { name: 'steady-state-editor-test' },
        // eslint-disable-next-line @typescript-eslint/no-deprecated -- InitializeParams still requires it; editors send both.
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: basename(options.workspaceDir) }],
        capabilities: {
          workspace: {
            configuration: true,
            applyEdit: true,
            workspaceFolders: true,
            workspaceEdit: { documentChanges: true },
            didChangeConfiguration: { dynamicRegistration: false },
            diagnostics: { refreshSupport: true },
          },
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: true },
            diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
            codeAction: {
              dynamicRegistration: false,
              codeActionLiteralSupport: {
                codeActionKind: { valueSet: [CodeActionKind.QuickFix, CodeActionKind.Source, CodeActionKind.SourceFixAll] },
              },
            },
          },
        },
      }),
      'initialize',
    );
    await connection.sendNotification(InitializedNotification.type, {});
    return { server, initializeResult };
  }

  /** The transcript, for failure messages. */
  get output(): string {
    return this.transcript.length > 0 ? this.transcript.join('\n') : '(the server wrote nothing)';
  }

  async openDocument(uri: string, languageId: string, text: string): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  async replaceDocument(uri: string, version: number, text: string): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Asks for the document's diagnostics (the server implements LSP pull diagnostics, `textDocument/diagnostic`). */
  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const report = await this.within(
      this.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } }),
      `textDocument/diagnostic for ${uri}`,
    );
    if (report.kind !== DocumentDiagnosticReportKind.Full) throw new Error(`Expected a full diagnostic report, got ${JSON.stringify(report)}`);
    return report.items;
  }

  async codeActions(uri: string, range: Range, diagnostics: Diagnostic[]): Promise<(Command | CodeAction)[]> {
    const actions = await this.within(
      this.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics } }),
      `textDocument/codeAction for ${uri}`,
    );
    return actions ?? [];
  }

  /**
   * Runs a code action's command the way an editor does (`workspace/executeCommand`) and returns
   * the edit the server then asks the editor to apply (`workspace/applyEdit`).
   */
  async editOf(command: Command): Promise<WorkspaceEdit> {
    const before = this.appliedEdits.length;
    await this.within(
      this.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments ?? [] }),
      `workspace/executeCommand ${command.command}`,
    );
    const edits = this.appliedEdits.slice(before);
    if (edits.length !== 1 || !edits[0]) {
      throw new Error(`Expected the command "${command.title}" to apply one edit, got ${edits.length}.\nServer output:\n${this.output}`);
    }
    return edits[0];
  }

  /** `shutdown` then `exit`, as an editor closing the workspace does; resolves to the server's exit code. */
  async shutdown(): Promise<number | null> {
    if (this.closed) return this.exitCode;
    this.closed = true;
    try {
      await this.within(this.connection.sendRequest(ShutdownRequest.type), 'shutdown');
      await this.connection.sendNotification(ExitNotification.type);
      return await this.within(this.exitCode, 'server exit after the exit notification');
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
    }
  }

  /** Stops the server without the protocol handshake (after a failure). */
  kill(): void {
    this.closed = true;
    this.connection.dispose();
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill();
  }

  private async within<T>(promise: Promise<T>, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`The ESLint language server did not answer ${what} within ${this.timeoutMs} ms.\nServer output:\n${this.output}`)),
        this.timeoutMs,
      );
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
