import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

/**
 * Type information when the parser provides a type-checked program (`parserOptions.projectService`
 * or `project`), otherwise `null`. Rules use it only to stay quiet where types prove the code
 * correct; they never need it.
 */
export interface TypeInfo {
  readonly checker: ts.TypeChecker;
  typeOf(node: TSESTree.Node): ts.Type;
}

export function getTypeInfo(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): TypeInfo | null {
  const services = context.sourceCode.parserServices;
  const program = services?.program;
  if (!program || !services.esTreeNodeToTSNodeMap) return null;
  const checker = program.getTypeChecker();
  const map = services.esTreeNodeToTSNodeMap;
  return {
    checker,
    typeOf: (node) => checker.getTypeAtLocation(map.get(node)),
  };
}

/** The declared names of a type and, for a union, of each member (`Request`, `URL`, `string` → `[]`). */
export function typeSymbolNames(type: ts.Type): string[] {
  const types = type.isUnion() ? type.types : [type];
  const names: string[] = [];
  for (const member of types) {
    const symbol = member.aliasSymbol ?? member.getSymbol();
    if (symbol) names.push(symbol.getName());
  }
  return names;
}
