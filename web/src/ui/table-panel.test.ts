// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Metadata } from '../api/contract';
import { StaticSource } from '../api/static-source';
import { createControllers } from '../controllers/controllers';
import { context, item, settle } from '../testing/fakes';
import { TablePanel } from './table-panel';
import { TagPanel } from './tag-panel';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));

const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));

function setup(rows: number) {
  const ctx = context();
  const c = createControllers(ctx);
  const metadata: Metadata = { rows, columns: [{ name: 'n', kind: 'number', values: Array.from({ length: rows }, (_, i) => rows - i) }] };
  ctx.store.item.value = item({ points: rows });
  ctx.store.metadata.value = metadata;
  const table = new TablePanel(ctx.store, c, () => {});
  document.body.append(table.element);
  disposers.push(table.dispose, c.table.dispose, c.tags.dispose);
  return { ...ctx, c, table };
}

describe('table panel', () => {
  it('keeps only the rows in view in the DOM, whatever the row count', async () => {
    const { c, table } = setup(100_000);
    c.table.open.value = true;
    await frame();
    const rows = table.element.querySelectorAll('[data-testid="table-row"]:not([hidden])');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(60);
    expect(table.element.querySelector('[data-testid="table-source"]')?.textContent).toBe('All 100,000 points');
  });

  it('folded, the bar still says what the table would list', async () => {
    const { store, table } = setup(1000);
    const source = () => table.element.querySelector('[data-testid="table-source"]')?.textContent;
    await frame();
    expect(source()).toBe('All 1,000 points');
    store.filterMask.value = new Uint8Array(1000).fill(1, 0, 350);
    store.filterCount.value = 350;
    await frame();
    expect(source()).toBe('Filtered: 350 of 1,000 points');
    store.view.selection.value = [3, 4];
    await frame();
    expect(source()).toBe('Selection: 2 of 1,000 points');
  });

  it('a header click sorts, a row click selects', async () => {
    const { c, store, table } = setup(50);
    c.table.open.value = true;
    (table.element.querySelector('[data-testid="table-header"][data-column="n"]') as HTMLElement).click();
    await settle();
    await frame();
    const first = table.element.querySelector('[data-testid="table-row"]') as HTMLElement;
    expect(first.dataset.index).toBe('49');
    first.querySelector('span')!.click();
    expect(store.view.selection.value).toEqual([49]);
  });
});

describe('tag panel', () => {
  it('on a static site says that tags need the server', () => {
    const { store, c } = setup(4);
    const source = new StaticSource(new URL('http://localhost/'), { version: 1, generator: 'projector', datasets: 'data/datasets.json' });
    const panel = new TagPanel(store, c.tags, source);
    expect(panel.element.querySelector('[data-testid="tag-note"]')?.textContent).toContain('projector serve');
    expect(panel.element.querySelector('[data-testid="tag-apply"]')).toBeNull();
  });

  it('tags the selected points from the form', async () => {
    const { store, c, source } = setup(4);
    const panel = new TagPanel(store, c.tags, source);
    disposers.push(panel.dispose);
    store.view.selection.value = [1, 2];
    const apply = panel.element.querySelector('[data-testid="tag-apply"]') as HTMLButtonElement;
    expect(apply.textContent).toBe('Tag 2');
    (panel.element.querySelector('[data-testid="tag-column"]') as HTMLInputElement).value = 'kept';
    (panel.element.querySelector('[data-testid="tag-value"]') as HTMLInputElement).value = 'yes';
    apply.click();
    await settle();
    expect(source.tagRequests).toEqual([{ column: 'kept', value: 'yes', indices: [1, 2] }]);
    expect(panel.element.querySelector('[data-testid="tag-status"]')?.textContent).toBe('Tagged 2 points: kept = yes.');
    expect(store.column('kept')?.values).toEqual(['', 'yes', 'yes', '']);
  });
});
