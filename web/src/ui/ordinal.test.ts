import { describe, expect, it } from 'vitest';
import { ordinal } from './ordinal';

describe('ordinal', () => {
  it('gives the English suffixes, with the teens as th', () => {
    expect([1, 2, 3, 4, 8, 11, 12, 13, 16, 21, 22, 32, 64, 101, 111].map(ordinal)).toEqual(
      ['1st', '2nd', '3rd', '4th', '8th', '11th', '12th', '13th', '16th', '21st', '22nd', '32nd', '64th', '101st', '111th']);
  });
});
