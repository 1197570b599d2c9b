// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TileSetInfo } from '../api/tile-set';
import { tileSearchPanel, worldOf } from './tile-search';
import type { TileMark, TileView } from './tile-view';

const info = { bounds: { minX: -5, minY: 0, side: 10 }, levels: 6 } as TileSetInfo;
const api = new URL('http://server.test/api/');

afterEach(() => vi.unstubAllGlobals());

async function until(check: () => boolean) {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error(`timed out waiting for ${check}`);
}

/** A fake server: the search matches rows 3 and 8 of 12,345; row r lies at (r, r / 2); neighbours of r are r + 1, r + 2. */
function serve(asked: string[]) {
  vi.stubGlobal('fetch', async (url: URL) => {
    const u = new URL(url);
    asked.push(u.pathname + u.search);
    const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    if (u.pathname.endsWith('/search')) return json({ column: 'label', count: 12345, indices: [3, 8] });
    if (u.pathname.endsWith('/neighbors')) {
      const p = Number(u.searchParams.get('point'));
      return json({ point: p, metric: 'cosine', neighbors: [{ index: p + 1, distance: 0.1 }, { index: p + 2, distance: 0.25 }] });
    }
    if (u.pathname.endsWith('/tiles/points')) {
      const ids = u.searchParams.get('ids')!.split(',').map(Number);
      return json({ ids, positions: ids.flatMap((r) => [r, r / 2]) });
    }
    return new Response(JSON.stringify({ detail: 'no such thing' }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
  });
}

function fakeView() {
  const marks: TileMark[][] = [];
  const focused: [number, number][] = [];
  const view = { setMarks: (m: TileMark[]) => marks.push(m), focus: (at: [number, number]) => focused.push(at) } as unknown as TileView;
  return { view, marks, focused };
}

describe('tile search', () => {
  it('maps data coordinates to the world square as tiles are decoded', () => {
    expect(worldOf(info, -5, 0)).toEqual([-1, -1]);
    expect(worldOf(info, 5, 10)).toEqual([1, 1]);
    expect(worldOf(info, 0, 5)).toEqual([0, 0]);
  });

  it('searches through the server, rings the matches, and lists and rings a chosen row and its neighbours', async () => {
    const asked: string[] = [];
    serve(asked);
    const { view, marks, focused } = fakeView();
    const panel = tileSearchPanel(api, 'set', info, () => view, ['label', 'score']);
    const input = panel.element.querySelector<HTMLInputElement>('[data-testid="tile-search-input"]')!;
    input.value = 'cat';
    panel.element.querySelector<HTMLButtonElement>('[data-testid="tile-search-go"]')!.click();
    await until(() => marks.length > 0);

    expect(asked[0]).toBe('/api/datasets/set/search?q=cat&column=label&limit=50');
    expect(asked[1]).toBe('/api/tiles/points?ids=3,8');
    expect(marks[0]).toEqual([{ at: worldOf(info, 3, 1.5), kind: 'match' }, { at: worldOf(info, 8, 4), kind: 'match' }]);
    expect(panel.element.querySelector('[data-testid="tile-search-status"]')!.textContent).toBe('12,345 matches, the first 2 listed and ringed.');
    const rows = [...panel.element.querySelectorAll<HTMLButtonElement>('[data-testid="tile-result"]')];
    expect(rows.map((b) => b.textContent)).toEqual(['Row 3', 'Row 8']);

    rows[1].click();
    await until(() => marks.length > 1);
    expect(asked).toContain('/api/datasets/set/neighbors?point=8&k=10&metric=cosine');
    expect(marks[1].filter((m) => m.kind === 'match')).toHaveLength(2);
    expect(marks[1].filter((m) => m.kind === 'neighbor').map((m) => m.at)).toEqual([worldOf(info, 9, 4.5), worldOf(info, 10, 5)]);
    expect(marks[1].find((m) => m.kind === 'selected')!.at).toEqual(worldOf(info, 8, 4));
    expect(focused).toEqual([worldOf(info, 8, 4)]);
    expect([...panel.element.querySelectorAll('[data-testid="tile-neighbour"]')].map((b) => b.textContent)).toEqual(['Row 9', 'Row 10']);

    // A click on the map chooses without moving the camera.
    await panel.choose(20, false);
    expect(focused).toHaveLength(1);
    expect(panel.element.querySelector('[data-testid="tile-neighbours-title"]')!.textContent).toMatch(/row 20/);
  });

  it('says what went wrong in one line when the server refuses', async () => {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ title: 'Bad Request', status: 400, detail: "'[' is not a valid regular expression" }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }));
    const { view } = fakeView();
    const panel = tileSearchPanel(api, 'set', info, () => view, ['label']);
    panel.element.querySelector<HTMLInputElement>('[data-testid="tile-search-input"]')!.value = '[';
    panel.element.querySelector<HTMLButtonElement>('[data-testid="tile-search-go"]')!.click();
    const status = panel.element.querySelector('[data-testid="tile-search-status"]')!;
    await until(() => status.textContent !== 'Searching…' && status.textContent !== '');
    expect(status.textContent).toContain('not a valid regular expression');
  });

  it('offers no search box for a dataset without metadata, only neighbours of a clicked point', () => {
    const { view } = fakeView();
    const panel = tileSearchPanel(api, 'set', info, () => view, []);
    expect(panel.element.querySelector('[data-testid="tile-search-input"]')).toBeNull();
    expect(panel.element.textContent).toContain('Click a point');
  });
});
