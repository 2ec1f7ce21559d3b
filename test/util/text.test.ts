import { describe, expect, it } from 'vitest';

import { escapeRegExp, namePrefixPattern, plural, truncate } from '../../src/util/text.js';

describe('namePrefixPattern', () => {
  const pattern = namePrefixPattern(['close', 'end', 'tear$down']);

  it.each(['close', 'closeServer', 'close_all', 'close2', 'close$', 'end', 'endSession', 'tear$down', 'tear$downAll'])('matches %s', (name) => {
    expect(pattern.test(name)).toBe(true);
  });

  it.each(['closest', 'closed', 'endpoint', 'ending', 'reclose', 'Close', 'tearXdown', ''])('does not match %s', (name) => {
    expect(pattern.test(name)).toBe(false);
  });
});

describe('escapeRegExp', () => {
  it('makes every special character literal', () => {
    const text = 'a.b*c+d?e^f$g{h}i(j)k|l[m]n\\o';
    expect(new RegExp(`^${escapeRegExp(text)}$`).test(text)).toBe(true);
    expect(new RegExp(`^${escapeRegExp('a.b')}$`).test('axb')).toBe(false);
  });
});

describe('truncate', () => {
  it('keeps short text and cuts long text to the limit, ending in ...', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('0123456789abc', 10)).toBe('0123456...');
    expect(truncate('0123456789abc', 10)).toHaveLength(10);
  });
});

describe('plural', () => {
  it('says the count, with the noun in the plural unless it is one', () => {
    expect([0, 1, 2].map((count) => plural(count, 'file'))).toEqual(['0 files', '1 file', '2 files']);
  });
});
