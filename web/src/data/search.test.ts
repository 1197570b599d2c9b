import { describe, expect, it } from 'vitest';
import { compileQuery, highlightParts, matchRows } from './search';

const words = ['King', 'queen', 'kingdom', null, 'Viking', 7, ''];

describe('matchRows', () => {
  it('matches a case-insensitive regex', () => {
    expect(matchRows(words, '^king', true)).toEqual([0, 2]);
    expect(matchRows(words, '^7$', true)).toEqual([5]);
  });

  it('matches a substring literally when regex is off', () => {
    expect(matchRows(words, 'KING', false)).toEqual([0, 2, 4]);
    expect(matchRows(['a.b', 'axb'], '.', false)).toEqual([0]);
  });

  it('matches nothing for an empty query and names a bad regex', () => {
    expect(matchRows(words, '', true)).toEqual([]);
    const bad = matchRows(words, '(', true);
    expect(bad).toHaveProperty('error');
    expect((bad as { error: string }).error).toMatch(/^Not a valid regular expression/);
  });
});

describe('compileQuery', () => {
  it('does not treat regex characters specially in substring mode', () => {
    const m = compileQuery('(', false);
    expect('test' in m && m.test('a(b')).toBe(true);
  });
});

describe('highlightParts', () => {
  it('splits around the match', () => {
    expect(highlightParts('Viking', 'KING', false)).toEqual(['Vi', 'king', '']);
    expect(highlightParts('kingdom', 'g.o', true)).toEqual(['kin', 'gdo', 'm']);
    expect(highlightParts('queen', 'x', true)).toEqual(['queen', '', '']);
  });
});
