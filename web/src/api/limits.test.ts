import { describe, expect, it } from 'vitest';
import { LIMITS, capped, check, checkLearningRate, describe as words, limitOf, numberOf } from './limits';

describe('limits from the OpenAPI document', () => {
  it('are the server\'s ranges of the projection options', () => {
    expect(LIMITS.perplexity).toMatchObject({ min: 0, minExclusive: true, max: 333 });
    expect(LIMITS.iterations).toMatchObject({ min: 1, max: 100000, integer: true });
    expect(LIMITS.neighbors).toMatchObject({ min: 2, integer: true });
    expect(LIMITS.minDist).toMatchObject({ min: 0, minExclusive: false });
    expect(LIMITS.superviseFactor).toMatchObject({ min: 0, max: 1 });
  });

  it('refuse what the server refuses, with a sentence', () => {
    expect(check('The perplexity', 0, LIMITS.perplexity)).toBe('The perplexity must be above 0 and at most 333 (it was 0).');
    expect(check('The perplexity', 30, LIMITS.perplexity)).toBeNull();
    expect(check('The iterations', 10, LIMITS.iterations)).toBeNull();
    expect(check('The iterations', 2.5, LIMITS.iterations)).toMatch(/whole number/);
    expect(check('The neighbours', 15, capped(LIMITS.neighbors, 9))).toBe('The neighbours must be a whole number between 2 and 9 (it was 15).');
    expect(check('x', numberOf(''), LIMITS.minDist)).toMatch(/not a number/);
    expect(checkLearningRate('auto')).toBeNull();
    expect(checkLearningRate(-1)).not.toBeNull();
  });

  it('read an unknown property as no limit', () => {
    expect(words(limitOf('TsneBlock', 'nothing'))).toBe('a number');
  });
});
