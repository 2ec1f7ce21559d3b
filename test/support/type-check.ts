import { join } from 'node:path';

import { Project, ts, type Diagnostic } from 'ts-morph';

import { rootDir } from './paths.js';

export interface CodePair {
  readonly before: string;
  readonly after: string;
}

function describeDiagnostic(diagnostic: ts.Diagnostic): string {
  return `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
}

/** The diagnostics (`TS<code>: <message>`) in `after` that `before` did not have, counted with repeats. */
export function diagnosticsAdded(before: readonly Diagnostic[], after: readonly Diagnostic[]): string[] {
  const known = new Map<string, number>();
  for (const diagnostic of before) {
    const key = describeDiagnostic(diagnostic.compilerObject);
    known.set(key, (known.get(key) ?? 0) + 1);
  }
  const added: string[] = [];
  for (const diagnostic of after) {
    const key = describeDiagnostic(diagnostic.compilerObject);
    const left = known.get(key) ?? 0;
    if (left > 0) known.set(key, left - 1);
    else added.push(key);
  }
  return added;
}

/**
 * Type-checks each `after` text against its `before` text (with `@types/node` and the module stubs
 * in the declaration files of `fixtures/types/`) and returns the diagnostics that `after` adds. The snippets
 * may have errors of their own (undeclared `url`); a fix must only not add any.
 */
export function typeCheckAgainst(pairs: readonly CodePair[]): string[] {
  const project = new Project({
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2023.d.ts'],
      types: ['node'],
      typeRoots: [join(rootDir, 'node_modules', '@types')],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
    skipAddingFilesFromTsConfig: true,
  });
  // Every declaration file of the fixtures: one per group of third-party packages the examples use.
  project.addSourceFilesAtPaths(join(rootDir, 'fixtures', 'types', '*.d.ts'));
  const files = pairs.map((pair, index) => ({
    pair,
    before: project.createSourceFile(join(rootDir, 'test', '.typecheck', `case${index}-before.ts`), `${pair.before}\nexport {};\n`),
    after: project.createSourceFile(join(rootDir, 'test', '.typecheck', `case${index}-after.ts`), `${pair.after}\nexport {};\n`),
  }));
  const added: string[] = [];
  for (const { pair, before, after } of files) {
    for (const key of diagnosticsAdded(before.getPreEmitDiagnostics(), after.getPreEmitDiagnostics())) {
      added.push(`${key}\n--- in ---\n${pair.after}`);
    }
  }
  return added;
}
