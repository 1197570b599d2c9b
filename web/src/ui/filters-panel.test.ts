// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createControllers } from '../controllers/controllers';
import { context, item } from '../testing/fakes';
import { DataPanel } from './data-panel';
import { FiltersPanel } from './filters-panel';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));

async function until(check: () => boolean) {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!check()) throw new Error(`timed out waiting for ${check}`);
}

function setup() {
  const ctx = context();
  const c = createControllers(ctx);
  const { store, source } = ctx;
  const n = 40;
  store.catalog.value = [item({ points: n })];
  store.item.value = item({ points: n });
  store.metadata.value = {
    rows: n,
    columns: [
      { name: 'label', kind: 'text', values: Array.from({ length: n }, (_, i) => (i < 10 ? 'a' : i < 25 ? 'b' : i === 39 ? null : 'c')) },
      { name: 'score', kind: 'number', values: Array.from({ length: n }, (_, i) => i) },
      // 13 values, w0 four times and the rest three: ten listed by name, three under "other".
      { name: 'word', kind: 'text', values: Array.from({ length: n }, (_, i) => `w${i % 13}`) },
    ],
  };
  store.view.color.value = 'label';
  const filters = new FiltersPanel(store, c.filters);
  const data = new DataPanel(store, c, source);
  document.body.replaceChildren(filters.element, filters.badge, data.element);
  disposers.push(filters.dispose, data.dispose, () => c.filters.dispose());
  const q = (selector: string) => document.querySelector<HTMLElement>(selector);
  return { store, c, q };
}

describe('FiltersPanel', () => {
  it('lists each category with its count and a histogram for numbers', async () => {
    const { q } = setup();
    await until(() => q('[data-testid="filter-count"]')?.textContent === '40 of 40 points');
    expect(q('[data-testid="filter-label"] [data-value="b"] .value-count')?.textContent).toBe('15');
    expect(q('[data-testid="filter-label"] [data-value=""] .value-count')?.textContent).toBe('1');
    expect(q('[data-testid="filter-score"] canvas')).not.toBeNull();
    expect(q('[data-testid="filter-score"] [data-testid="filter-range"]')?.textContent).toBe('0 … 39');
    expect(q('[data-testid="filter-badge"]')?.hidden).toBe(true);
  });

  it('a click on "other" keeps the values not listed by name, and again shows everything', async () => {
    const { store, q } = setup();
    await until(() => q('[data-testid="filter-word"] [data-testid="filter-other"]') !== null);
    expect(q('[data-testid="filter-word"] [data-testid="filter-other"]')?.textContent).toContain('other (3 values)');
    q('[data-testid="filter-word"] [data-testid="filter-other"]')!.click();
    await until(() => q('[data-testid="filter-count"]')?.textContent === '9 of 40 points');
    expect(store.view.filters.value[0]).toMatchObject({ column: 'word', kind: 'values', mode: 'out' });
    q('[data-testid="filter-word"] [data-testid="filter-other"]')!.click();
    await until(() => q('[data-testid="filter-count"]')?.textContent === '40 of 40 points');
    expect(store.view.filters.value).toEqual([]);
  });

  it('a value click filters, the count and the badge follow, and clear shows everything', async () => {
    const { store, q } = setup();
    await until(() => q('[data-testid="filter-label"] [data-value="b"]') !== null);
    q('[data-testid="filter-label"] [data-value="b"]')!.click();
    await until(() => q('[data-testid="filter-count"]')?.textContent === '15 of 40 points');
    expect(store.view.filters.value).toEqual([{ column: 'label', kind: 'values', mode: 'in', values: ['b'] }]);
    expect(q('[data-testid="filter-badge"]')?.hidden).toBe(false);
    expect(q('[data-testid="filter-label"] [data-value="a"]')?.classList.contains('off')).toBe(true);
    q('[data-testid="filters-clear"]')!.click();
    await until(() => q('[data-testid="filter-count"]')?.textContent === '40 of 40 points');
    expect(store.view.filters.value).toEqual([]);
  });

  it('a range shows on the histogram\'s line, and the legend toggles and solos the colour column', async () => {
    const { store, c, q } = setup();
    await until(() => c.filters.profiles.value.length === 3);
    // A span of 39 rounds to tenths: 11..19 are in.
    c.filters.setRange('score', [10.2, 19.7]);
    await until(() => q('[data-testid="filter-count"]')?.textContent === '9 of 40 points');
    expect(q('[data-testid="filter-score"] [data-testid="filter-range"]')?.textContent).toBe('10.2 – 19.7');
    const legend = (v: string) => q(`[data-testid="legend"] [data-value="${v}"]`);
    await until(() => legend('b') !== null);
    legend('b')!.click();
    await until(() => store.filterCount.value === 0);
    await until(() => legend('b')?.classList.contains('off') === true);
    legend('c')!.dispatchEvent(new MouseEvent('click', { bubbles: true, altKey: true }));
    expect(store.view.filters.value.find((f) => f.column === 'label')).toEqual({ column: 'label', kind: 'values', mode: 'in', values: ['c'] });
    c.filters.setRange('score', null);
    await until(() => store.filterCount.value === 14);
    // The legend counts each class under the other filters (none now): c holds 14 rows.
    await until(() => legend('c')?.querySelector('.legend-count')?.textContent === '14');
    expect(legend('a')?.querySelector('.legend-count')?.textContent).toBe('10');
  });
});
