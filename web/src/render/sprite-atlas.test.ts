import { describe, expect, it } from 'vitest';
import { spriteMapping } from './sprite-atlas';

describe('spriteMapping', () => {
  it('lays tiles out row-major in the sheet', () => {
    const m = spriteMapping({ width: 84, height: 56, tileWidth: 28, tileHeight: 28 }, 5);
    expect(Object.keys(m)).toHaveLength(5);
    expect(m[0]).toEqual({ x: 0, y: 0, width: 28, height: 28, mask: false });
    expect(m[2]).toMatchObject({ x: 56, y: 0 });
    expect(m[4]).toMatchObject({ x: 28, y: 28 });
  });

  it('stops at the end of the sheet', () => {
    expect(Object.keys(spriteMapping({ width: 56, height: 56, tileWidth: 28, tileHeight: 28 }, 10))).toHaveLength(4);
  });
});
