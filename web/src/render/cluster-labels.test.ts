import { describe, expect, it } from 'vitest';
import type { ClusterSummary } from '../api/contract';
import { clusterFontSize, clusterLabelRequests } from './cluster-labels';
import { overlaps, placeLabels } from './label-placement';

const measure = (text: string, size: number) => text.length * size * 0.55;

function cluster(id: number, size: number, medoid: number, label = `cluster ${id}`): ClusterSummary {
  return { id, size, medoid, center: [0, 0], label, terms: [] };
}

/**
 * Ten clusters of falling size whose medoids sit 7 layout units apart; the camera's scale (pixels
 * per unit) doubles per zoom step, as in the map's view.
 */
const clusters = [5000, 2000, 1000, 600, 400, 300, 200, 120, 60, 30].map((size, i) => cluster(i, size, i));
const total = 10_000;
const anchor = (zoom: number) => (row: number): [number, number] => {
  const scale = 1.2 * 2 ** zoom;
  return [400 + (row - 4.5) * 7 * scale, 300 + ((row % 2) - 0.5) * 6 * scale];
};

function shown(zoom: number): string[] {
  const requests = clusterLabelRequests(clusters, total, zoom, anchor(zoom));
  const placed = placeLabels(requests, { width: 800, height: 600, measure, maxWidth: 160 });
  for (let i = 0; i < placed.length; i++) for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i].box, placed[j].box)).toBe(false);
  return placed.map((p) => p.request.key);
}

describe('cluster labels', () => {
  it('zoomed out, names fewer clusters, the largest first; zooming in names more', () => {
    const out = shown(0);
    const mid = shown(2);
    const inside = shown(3);
    expect(out.length).toBeLessThan(mid.length);
    expect(mid.length).toBeLessThanOrEqual(inside.length);
    expect(out).toContain('c0');
    // Zoomed out, every name shown belongs to a cluster at least as large as any left out next to it.
    expect(out[0]).toBe('c0');
    expect(inside.length).toBeGreaterThanOrEqual(8);
  });

  it('leaves out tiny clusters at the fitted view, even when there is room', () => {
    const requests = clusterLabelRequests([cluster(0, 9000, 0), cluster(1, 50, 1)], 10_000, 0, (r) => [100 + r * 400, 300]);
    expect(requests.map((r) => r.key)).toEqual(['c0']);
    const zoomed = clusterLabelRequests([cluster(0, 9000, 0), cluster(1, 50, 1)], 10_000, 2, (r) => [100 + r * 400, 300]);
    expect(zoomed.map((r) => r.key)).toEqual(['c0', 'c1']);
  });

  it('skips clusters without a name or whose medoid is behind the camera', () => {
    const requests = clusterLabelRequests([cluster(0, 500, 0, ''), cluster(1, 500, 1), cluster(2, 500, 2)], 1500, 0, (r) => (r === 2 ? null : [10, 10]));
    expect(requests.map((r) => r.key)).toEqual(['c1']);
  });

  it('writes larger clusters larger', () => {
    expect(clusterFontSize(0.5)).toBeGreaterThan(clusterFontSize(0.05));
    expect(clusterFontSize(0)).toBe(12);
    expect(clusterFontSize(1)).toBe(20);
  });
});
