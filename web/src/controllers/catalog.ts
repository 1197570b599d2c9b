// Opening datasets: the catalog at start, a view from a link or bookmark, a picked item, an upload.

import { batch } from '@preact/signals-core';
import type { CatalogItem } from '../api/contract';
import { messageOf } from '../api/problem';
import { methodName } from '../data/method-name';
import { checkView } from '../data/view-check';
import { defaultViewState, type ViewState } from '../data/view-state';
import { latestOf } from '../state/catalog';
import { fitColumns } from '../state/columns';
import { PCA_COMPONENTS } from '../state/request';
import { NO_MATCHES, NO_NEIGHBORS } from '../state/store';
import { assign, peekSnapshot } from '../state/view-signals';
import type { BookmarksController } from './bookmarks';
import type { Context } from './context';
import type { ProjectionController } from './projection';
import type { SearchController } from './search';
import type { SelectionController } from './selection';
import type { StepsController } from './steps';

export interface CatalogDeps {
  projection: ProjectionController;
  selection: SelectionController;
  search: SearchController;
  bookmarks: BookmarksController;
  steps?: StepsController;
}

export class CatalogController {
  constructor(private readonly ctx: Context, private readonly deps: CatalogDeps) {}

  /** The link named no method: a static site then opens on its first precomputed layout. */
  private methodOpen = false;

  /** Loads the catalog and opens the view `wanted` (from the URL); `methodGiven` is false when the link names no method. */
  async start(wanted: ViewState, methodGiven = true): Promise<void> {
    this.methodOpen = !methodGiven;
    const { store, source, busy } = this.ctx;
    try {
      store.catalog.value = await busy.during('Loading the list of datasets…', source.datasets());
    } catch (error) {
      store.error.value = messageOf(error);
      return;
    }
    if (store.catalog.peek().length === 0) {
      store.error.value = source.mode === 'static'
        ? 'This site has no dataset; export one with `projector export vectors.tsv --out site`.'
        : 'The server offers no dataset. Start it with a file or folder, e.g. `projector serve vectors.tsv`.';
      return;
    }
    await this.restore(wanted);
  }

  /** Opens the view a link or a bookmark describes. */
  async restore(wanted: ViewState): Promise<void> {
    const { store, scene } = this.ctx;
    const { projection, selection, search } = this.deps;
    const catalog = store.catalog.peek();
    const item = catalog.find((c) => c.id === wanted.dataset) ?? latestOf(catalog, catalog[0].group)!;
    const notices: string[] = [];
    if (wanted.dataset && item.id !== wanted.dataset) {
      const names = catalog.length <= 5 ? ` (the datasets are ${catalog.map((c) => c.id).join(', ')})` : '';
      notices.push(`There is no dataset "${wanted.dataset}"${names}; showing ${item.name} instead.`);
    }
    if (store.item.peek()?.id === item.id && store.metadata.peek()) {
      const before = store.requestKey.peek();
      let problems: string[] = [];
      batch(() => {
        store.error.value = null;
        assign(store.view, { ...wanted, dataset: item.id });
        this.fitColumns();
        this.fitMethodToOffers();
        problems = [...notices, ...this.fitToDataset()];
      });
      const { camera, dims } = { camera: store.view.camera.peek(), dims: store.view.dims.peek() };
      if (camera || scene.is3d !== (dims === 3)) scene.setView(dims, camera);
      if (store.requestKey.peek() !== before) await projection.project();
      else projection.applyAxes();
      // After projecting, which starts with a clear banner.
      this.tell(problems);
      selection.follow();
      void search.run();
      return;
    }
    assign(store.view, { ...wanted, dataset: item.id });
    await this.open(item, false, notices);
  }

  /**
   * Opens a catalog item; `keepView` keeps the camera, colours and projection (switching step).
   * `notices` are shown with whatever of the view this dataset cannot show.
   */
  async open(item: CatalogItem, keepView: boolean, notices: string[] = []): Promise<void> {
    const { store, source, busy, scene } = this.ctx;
    const { projection, selection, search, bookmarks, steps } = this.deps;
    projection.cancel();
    // Another step of the same items keeps the map on screen until the new one, turned onto it, arrives.
    let alignTo: string | null = null;
    if (keepView && steps) alignTo = steps.begin(item);
    else steps?.abandon();
    batch(() => {
      store.error.value = null;
      store.item.value = item;
      store.metadata.value = null;
      if (alignTo === null) store.layout.value = null;
      store.rows.value = null;
      store.explainedVariance.value = null;
      store.iteration.value = null;
      store.neighbors.value = NO_NEIGHBORS;
      store.search.value = NO_MATCHES;
      store.hovered.value = null;
      store.offers.value = null;
      store.view.dataset.value = item.id;
      if (keepView) store.view.isolated.value = null;
    });
    const camera = store.view.camera.peek();
    projection.fitNext = !keepView && !camera;
    scene.setView(store.view.dims.peek(), projection.fitNext ? null : camera);
    try {
      const [metadata, offers] = await Promise.all([
        busy.during(`Loading the metadata of ${item.name}…`, source.metadata(item.id)),
        source.offers(item),
        this.loadSprite(item),
      ]);
      if (store.item.peek() !== item) return;
      let problems: string[] = [];
      batch(() => {
        store.metadata.value = metadata;
        store.offers.value = offers;
        this.fitColumns(keepView);
        this.fitMethodToOffers();
        problems = [...notices, ...this.fitToDataset()];
      });
      void bookmarks.load();
      void search.run();
      let shown = await projection.project(alignTo === null ? undefined : (request) => { request.alignTo = alignTo; });
      if (!shown && alignTo !== null && store.item.peek() === item) {
        // The server could not align this step to the one shown (that job forgotten, say): show it on its own.
        steps?.abandon();
        store.layout.value = null;
        shown = await projection.project();
      }
      if (!shown && store.item.peek() === item && !store.layout.peek() && store.view.method.peek() !== 'pca') {
        // A dataset never opens on an empty map: what the link asked for was refused, so PCA shows instead.
        const refused = store.error.peek();
        store.view.method.value = 'pca';
        if (await projection.project()) store.error.value = `${refused ?? ''} Showing PCA instead.`.trim();
      }
      this.tell(problems);
      selection.follow();
    } catch (error) {
      if (alignTo !== null && store.item.peek() === item) {
        // The map on screen is the previous step's: it does not stay under this step's name.
        steps?.abandon();
        store.layout.value = null;
      }
      store.error.value = messageOf(error);
    }
  }

  /** Opens `item`: a sibling (same group) keeps the view; another dataset starts from a fresh one. */
  async pick(item: CatalogItem): Promise<void> {
    const { store } = this.ctx;
    const current = store.item.peek();
    if (item.id === current?.id) return;
    const sameGroup = item.group === current?.group;
    if (!sameGroup) {
      const view = store.view;
      assign(view, { ...defaultViewState(), dims: view.dims.peek(), sprites: view.sprites.peek(), tint: view.tint.peek() });
    }
    await this.open(item, sameGroup);
  }

  async upload(files: { tensor: File; metadata: File | null; shape: string; name: string }): Promise<boolean> {
    const { store, source, busy } = this.ctx;
    try {
      const item = await busy.during(`Uploading ${files.tensor.name}…`, source.upload(files));
      store.catalog.value = [...store.catalog.peek().filter((c) => c.id !== item.id), item];
      await this.pick(item);
      return true;
    } catch (error) {
      store.error.value = messageOf(error);
      return false;
    }
  }

  private async loadSprite(item: CatalogItem): Promise<void> {
    const { store, source, busy } = this.ctx;
    const previous = store.spriteUrl.peek();
    if (previous) URL.revokeObjectURL(previous);
    store.spriteUrl.value = null;
    const url = source.spriteUrl(item);
    if (!url || !item.sprite) return;
    try {
      const response = await busy.during('Loading the sprite images…', fetch(url));
      if (!response.ok) throw new Error(`The sprite sheet could not be loaded (${response.status}).`);
      const blob = await response.blob();
      if (store.item.peek() !== item) return;
      store.spriteUrl.value = URL.createObjectURL(blob);
    } catch (error) {
      store.error.value = `${messageOf(error)} Points are drawn as dots.`;
    }
  }

  /** Puts `problems` in the error banner beside what is already there. */
  private tell(problems: string[]): void {
    const { store } = this.ctx;
    if (problems.length > 0) store.error.value = [store.error.peek(), ...problems].filter((m) => m).join(' ');
  }

  /** Replaces what the open dataset cannot show (see `checkView`); returns why. */
  private fitToDataset(): string[] {
    const { store } = this.ctx;
    const item = store.item.peek();
    if (!item) return [];
    const { state, problems } = checkView(peekSnapshot(store.view), {
      points: item.points,
      columns: store.columns.peek().map((c) => c.name),
      components: Math.max(1, Math.min(PCA_COMPONENTS, item.dimensions, item.points)),
    });
    if (problems.length > 0) assign(store.view, state);
    return problems;
  }

  private fitColumns(keep = false): void {
    const { store } = this.ctx;
    assign(store.view, fitColumns(peekSnapshot(store.view), store.metadata.peek()?.columns ?? [], store.item.peek()?.columns ?? [], keep));
  }

  /**
   * On a static site: a method the site cannot show falls back to one it can (with the reason), and
   * a precomputed t-SNE or UMAP brings its own options, so the panel and the URL say what is shown.
   */
  private fitMethodToOffers(): void {
    const { store } = this.ctx;
    const offers = store.offers.peek();
    if (!offers) return;
    if (this.methodOpen) {
      // An exported t-SNE (or UMAP) is what the site was made to show; PCA stays one tab away.
      this.methodOpen = false;
      const precomputed = (['tsne', 'umap'] as const).find((m) => offers[m].available && offers[m].precomputed);
      if (precomputed) store.view.method.value = precomputed;
    }
    const wanted = store.view.method.peek();
    if (!offers[wanted].available) {
      const fallback = (['pca', 'tsne', 'umap'] as const).find((m) => offers[m].available);
      if (fallback) {
        store.error.value = `${offers[wanted].reason ?? ''} Showing ${methodName(fallback)} instead.`.trim();
        store.view.method.value = fallback;
      }
    }
    this.deps.projection.alignToPrecomputed(store.view.method.peek());
  }
}
