import { describe, expect, it } from 'vitest';

import { failureNamePattern, isErrorObjectName } from '../../src/catalog/index.js';

describe('isErrorObjectName', () => {
  it.each(['err', 'error', 'e', 'ex', 'exc', 'exception', 'dbError', 'lastErr', 'TypeError', 'validationError'])('takes %s for an error object', (name) => {
    expect(isErrorObjectName(name)).toBe(true);
  });

  // A rejection's reason or a failure flag may be a short code; `Error` alone is the constructor.
  it.each(['reason', 'failure', 'Error', 'Err', 'errors', 'terror', 'errorCount', 'message', ''])('does not take %s for one', (name) => {
    expect(isErrorObjectName(name)).toBe(false);
  });
});

describe('failureNamePattern', () => {
  it.each(['err', 'error', 'e', 'ex', 'exception', 'failure', 'reason', 'dbError', 'Error'])('takes %s for a failure', (name) => {
    expect(failureNamePattern.test(name)).toBe(true);
  });

  it.each(['errors', 'terror', 'errorCount', 'result', 'lastErr', ''])('does not take %s for one', (name) => {
    expect(failureNamePattern.test(name)).toBe(false);
  });
});
