/**
 * eslint-utils (`@eslint-community/eslint-utils`, which ESLint itself depends on), typed with
 * typescript-eslint's signatures for TSESTree nodes. Rules import it from here rather than through
 * `@typescript-eslint/utils`, whose required `typescript` peer would install TypeScript into
 * JavaScript-only projects.
 */
import * as eslintUtils from '@eslint-community/eslint-utils';
import type { ASTUtils as TypedASTUtils } from '@typescript-eslint/utils';

type Used =
  | 'findVariable'
  | 'getFunctionNameWithKind'
  | 'getPropertyName'
  | 'getStaticValue'
  | 'getStringIfConstant'
  | 'isClosingParenToken'
  | 'isCommaToken'
  | 'isOpeningParenToken'
  | 'ReferenceTracker';

// The same functions; only their declared parameter types differ (ESTree there, TSESTree here).
export const ASTUtils = eslintUtils as unknown as Pick<typeof TypedASTUtils, Used>;
