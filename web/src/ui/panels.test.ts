// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createControllers } from '../controllers/controllers';
import { METADATA, context, item } from '../testing/fakes';
import { BookmarksPanel } from './bookmarks-panel';
import { DataPanel } from './data-panel';
import { InspectorPanel } from './inspector-panel';
import { ProjectionPanel } from './projection-panel';

const disposers: (() => void)[] = [];
afterEach(() => disposers.splice(0).forEach((dispose) => dispose()));

function panels() {
  const ctx = context();
  const c = createControllers(ctx);
  const { store, source } = ctx;
  store.catalog.value = [item()];
  store.item.value = item();
  store.metadata.value = METADATA;
  const all = {
    data: new DataPanel(store, c, source),
    projection: new ProjectionPanel(store, c.projection, source),
    inspector: new InspectorPanel(store, c, source),
    bookmarks: new BookmarksPanel(store, c.bookmarks, source),
  };
  for (const panel of Object.values(all)) {
    document.body.append(panel.element);
    disposers.push(panel.dispose);
  }
  return { store, ...all };
}

/** Names of the panels whose DOM changed while `change` ran. */
async function redrawn(all: Record<string, { element: HTMLElement }>, change: () => void): Promise<string[]> {
  const changed = new Set<string>();
  const observers = Object.entries(all).map(([name, panel]) => {
    const observer = new MutationObserver(() => changed.add(name));
    observer.observe(panel.element, { subtree: true, childList: true, attributes: true, characterData: true });
    return { name, observer };
  });
  change();
  await new Promise((resolve) => setTimeout(resolve, 0));
  for (const { name, observer } of observers) if (observer.takeRecords().length > 0) changed.add(name);
  observers.forEach(({ observer }) => observer.disconnect());
  return [...changed].sort();
}

describe('panels', () => {
  it('a new bookmark list redraws the bookmarks panel only', async () => {
    const { store, data, projection, inspector, bookmarks } = panels();
    const changed = await redrawn({ data, projection, inspector, bookmarks }, () => {
      store.bookmarks.value = [{ id: 'b1', name: 'Sevens', created: null, state: null as never, readOnly: false }];
    });
    expect(changed).toEqual(['bookmarks']);
    expect(bookmarks.element.querySelectorAll('[data-testid="bookmark-item"]')).toHaveLength(1);
  });

  it('search results redraw the inspector only', async () => {
    const { store, data, projection, inspector, bookmarks } = panels();
    const changed = await redrawn({ data, projection, inspector, bookmarks }, () => {
      store.search.value = { indices: [0, 2], count: 2, error: null };
    });
    expect(changed).toEqual(['inspector']);
    expect(inspector.element.querySelector('[data-testid="search-count"]')?.textContent).toBe('2');
  });

  it('moving the camera redraws no panel', async () => {
    const { store, data, projection, inspector, bookmarks } = panels();
    const changed = await redrawn({ data, projection, inspector, bookmarks }, () => {
      store.view.camera.value = { target: [1, 1, 0], zoom: 4 };
    });
    expect(changed).toEqual([]);
  });

  it('a projection frame redraws the projection panel (iteration) and nothing else', async () => {
    const { store, data, projection, inspector, bookmarks } = panels();
    const changed = await redrawn({ data, projection, inspector, bookmarks }, () => {
      store.iteration.value = 120;
    });
    expect(changed).toEqual(['projection']);
    expect(projection.element.querySelector('[data-testid="projection-iteration"]')?.textContent).toBe('120');
  });

  it('the colour column redraws the legend of the data panel', async () => {
    const { store, data, projection, inspector, bookmarks } = panels();
    store.view.color.value = '';
    const changed = await redrawn({ data, projection, inspector, bookmarks }, () => {
      store.view.color.value = 'label';
    });
    expect(changed).toEqual(['data']);
    expect(data.element.querySelector('[data-testid="legend"]')?.textContent).toContain('label');
    expect((data.element.querySelector('[data-testid="color-by"]') as HTMLSelectElement).value).toBe('label');
  });

  it('the upload form takes the extensions the source reads, asked once when it opens', async () => {
    const { data } = panels();
    const details = data.element.querySelector('details.upload') as HTMLDetailsElement;
    const tensor = data.element.querySelector('[data-testid="upload-tensor"]') as HTMLInputElement;
    expect(tensor.accept).toBe('.tsv,.bytes,.f32,.npy');
    details.open = true;
    details.dispatchEvent(new Event('toggle'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(tensor.accept).toBe('.npy');
  });
});
