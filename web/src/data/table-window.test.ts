import { describe, expect, it } from 'vitest';
import { MAX_SCROLL, scrollTopOf, spacerHeight, tableWindow } from './table-window';

describe('table window', () => {
  it('draws the visible rows and a few either side', () => {
    const w = tableWindow(0, 100, 1000, 20, 2);
    expect(w).toEqual({ first: 0, end: 8, top: 0, height: 20_000 });
    const down = tableWindow(400, 100, 1000, 20, 2);
    expect(down.first).toBe(18);
    expect(down.end).toBe(28);
    // Row 20 sits at the top of the viewport.
    expect(down.top + (20 - down.first) * 20).toBe(400);
  });

  it('stops at the last row', () => {
    const w = tableWindow(1e9, 100, 1000, 20, 2);
    expect(w.end).toBe(1000);
    expect(w.top + (1000 - w.first) * 20).toBeCloseTo(w.height, 6);
  });

  it('handles fewer rows than fit', () => {
    expect(tableWindow(0, 500, 3, 20)).toEqual({ first: 0, end: 3, top: 0, height: 60 });
    expect(tableWindow(0, 500, 0, 20)).toEqual({ first: 0, end: 0, top: 0, height: 0 });
  });

  it('compresses the scroll range of a very long table and still reaches every row', () => {
    const rows = 10_000_000;
    expect(spacerHeight(rows, 24)).toBe(MAX_SCROLL);
    const viewport = 240;
    const last = tableWindow(MAX_SCROLL - viewport, viewport, rows, 24, 0);
    expect(last.end).toBe(rows);
    // The last row ends at the bottom of the scroll box.
    expect(last.top + (rows - last.first) * 24).toBeCloseTo(MAX_SCROLL, 3);
    const middle = tableWindow((MAX_SCROLL - viewport) / 2, viewport, rows, 24, 0);
    expect(Math.abs(middle.first - rows / 2)).toBeLessThan(10);
  });

  it('scrolls a row to the top, compressed or not', () => {
    expect(scrollTopOf(20, 100, 1000, 20)).toBe(400);
    const rows = 10_000_000;
    const top = scrollTopOf(4_000_000, 240, rows, 24);
    expect(tableWindow(top, 240, rows, 24, 0).first).toBe(4_000_000);
  });
});
