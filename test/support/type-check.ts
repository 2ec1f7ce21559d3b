import { join } from 'node:path';

import { Project, ts, type Diagnostic } from 'ts-morph';

import { rootDir } from './paths.js';

export interface CodePair {
  readonly before: string;
  readonly after: string;
}

/** Strict TypeScript on Node's types, as the snippets' users would compile them. */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts'],
  types: ['node'],
  typeRoots: [join(rootDir, 'node_modules', '@types')],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
};

/** A project with these options and every declaration file of the fixtures (one per group of third-party packages the examples use). */
function projectWithStubs(compilerOptions: ts.CompilerOptions): Project {
  const project = new Project({ compilerOptions, skipAddingFilesFromTsConfig: true });
  project.addSourceFilesAtPaths(join(rootDir, 'fixtures', 'types', '*.d.ts'));
  return project;
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
  const project = projectWithStubs(COMPILER_OPTIONS);
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

/** What a snippet leaves to its surroundings: names and modules it does not declare, and callback parameters typed by them. */
const UNRESOLVED_WORLD = new Set([2304, 2552, 2307, 7006, 7031]);
const MISSING_NAME = new Set([2304, 2552]);

let snippetProject: Project | null = null;

let snippetCount = 0;

/**
 * The type errors of a TypeScript snippet (a doc's code block), apart from what it leaves to its
 * surroundings: a name it does not declare is declared as `any` (value and type), a module it
 * does not resolve stays unresolved. With `@types/node` and the module stubs of `fixtures/types/`.
 */
export function snippetTypeErrors(code: string, { tsx = false }: { readonly tsx?: boolean } = {}): string[] {
  snippetProject ??= projectWithStubs({ ...COMPILER_OPTIONS, jsx: ts.JsxEmit.Preserve });
  const project = snippetProject;
  const check = (text: string): ts.Diagnostic[] => {
    snippetCount += 1;
    const file = project.createSourceFile(join(rootDir, 'test', '.typecheck', `snippet${snippetCount}.${tsx ? 'tsx' : 'ts'}`), `${text}\nexport {};\n`);
    const diagnostics = file.getPreEmitDiagnostics().map((diagnostic) => diagnostic.compilerObject);
    project.removeSourceFile(file);
    return diagnostics;
  };
  const missing = new Set<string>();
  for (const diagnostic of check(code)) {
    const name = MISSING_NAME.has(diagnostic.code) ? /'([^']+)'/.exec(ts.flattenDiagnosticMessageText(diagnostic.messageText, ' '))?.[1] : undefined;
    if (name) missing.add(name);
  }
  // one line for the declarations, so that the snippet's lines keep their numbers plus one
  const prelude = [...missing].map((name) => `declare const ${name}: any; type ${name} = any;`).join(' ');
  return check(`${prelude}\n${code}`)
    .filter((diagnostic) => !UNRESOLVED_WORLD.has(diagnostic.code))
    .map((diagnostic) => {
      const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line : 0;
      return `line ${line}: ${describeDiagnostic(diagnostic)}`;
    });
}
