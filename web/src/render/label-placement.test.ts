import { describe, expect, it } from 'vitest';
import { ELLIPSIS, PRIORITY, overlaps, placeLabels, truncate, type LabelRequest } from './label-placement';

/** 6 px per character at 12 px, like a monospace font. */
const measure = (text: string, size: number) => Array.from(text).length * size * 0.5;
const options = { width: 800, height: 600, measure, maxWidth: 120 };

function point(key: string, x: number, y: number, text: string, priority: number = PRIORITY.other): LabelRequest {
  return { key, x, y, text, priority, size: 12, kind: 'point' };
}

/** A seeded generator, so the crowded case is the same on every run. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('placeLabels', () => {
  it('never lets two placed boxes overlap, even in a crowd', () => {
    const next = random(7);
    const requests = Array.from({ length: 600 }, (_, i) => point(`p${i}`, next() * 800, next() * 600, `label ${i}`, i % 6));
    const placed = placeLabels(requests, options);
    expect(placed.length).toBeGreaterThan(20);
    expect(placed.length).toBeLessThan(600);
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i].box, placed[j].box), `${placed[i].request.key} and ${placed[j].request.key}`).toBe(false);
    }
  });

  it('places the hovered label first, then selected, then neighbours, whatever their order', () => {
    // Four labels on one spot: only one fits above; the others try below, right, left.
    const requests = [
      point('other', 400, 300, 'other'),
      point('neighbor', 400, 300, 'neighbour', PRIORITY.neighbor),
      point('selected', 400, 300, 'selected', PRIORITY.selected),
      point('hovered', 400, 300, 'hovered', PRIORITY.hovered),
      point('other2', 400, 300, 'other two'),
    ];
    const placed = placeLabels(requests, options);
    const keys = placed.map((p) => p.request.key);
    // Those that found room are the first ones by priority: no label took a spot a higher one needed.
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys).toEqual(['hovered', 'selected', 'neighbor', 'other', 'other2'].slice(0, keys.length));
    // The hovered label has the best spot: centred above its point.
    expect(placed[0].offset[0]).toBe(0);
    expect(placed[0].offset[1]).toBeLessThan(0);
  });

  it('a label of lower priority gives way: it moves to another spot, or is left out', () => {
    const placed = placeLabels([point('a', 100, 100, 'aaaa'), point('b', 100, 100, 'bbbb', PRIORITY.selected)], options);
    const b = placed.find((p) => p.request.key === 'b')!;
    const a = placed.find((p) => p.request.key === 'a')!;
    expect(b.offset[1]).toBeLessThan(0);
    expect(a.offset[1]).toBeGreaterThan(0);
  });

  it('leaves out labels whose point is off screen or whose text is empty', () => {
    const placed = placeLabels([point('off', -5, 100, 'x'), point('below', 100, 601, 'y'), point('empty', 100, 100, '')], options);
    expect(placed).toEqual([]);
  });

  it('centres cluster names on their anchor', () => {
    const [p] = placeLabels([{ key: 'c0', x: 200, y: 200, text: 'seven', priority: PRIORITY.cluster, size: 16, kind: 'center' }], options);
    expect((p.box.x0 + p.box.x1) / 2).toBeCloseTo(200);
    expect((p.box.y0 + p.box.y1) / 2).toBeCloseTo(200);
  });

  it('cuts long texts to the widest allowed, with an ellipsis', () => {
    const long = 'a very long label that would cover half of the map';
    const [p] = placeLabels([point('p0', 400, 300, long)], options);
    expect(p.text.endsWith(ELLIPSIS)).toBe(true);
    expect(measure(p.text, 12)).toBeLessThanOrEqual(120);
    expect(long.startsWith(p.text.slice(0, -1))).toBe(true);
    expect(p.box.x1 - p.box.x0).toBeLessThanOrEqual(120 + 6);
  });
});

describe('truncate', () => {
  it('keeps a text that fits, and cuts one that does not to the longest start that fits', () => {
    expect(truncate('short', 12, 60, measure)).toBe('short');
    // 10 characters fit in 60 px at 6 px each: 9 and the ellipsis.
    expect(truncate('abcdefghijklmnop', 12, 60, measure)).toBe(`abcdefghi${ELLIPSIS}`);
    // A cut never leaves a space before the ellipsis.
    expect(truncate('abcd efgh ijkl', 12, 36, measure)).toBe(`abcd${ELLIPSIS}`);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const cut = truncate('😀😀😀😀😀😀', 12, 24, measure);
    expect(cut).toBe(`😀😀😀${ELLIPSIS}`);
  });
});
