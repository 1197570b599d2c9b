// Everything the page shows, as signals: panels and the scene subscribe to the parts they draw, and
// controllers are the only writers. Derived values are computed here once for every reader.

import { computed, signal } from '@preact/signals-core';
import type { Bookmark, CatalogItem, Job, Metadata, Method, Neighbor } from '../api/contract';
import type { Placed } from '../api/place';
import type { MethodOffers } from '../api/source';
import { displayValue, encodeColors, legendOfRows } from '../data/coloring';
import { placeOnLayout, type Layout } from '../data/layout';
import type { ViewState } from '../data/view-state';
import { MapLayers } from './map-layers';
import { requestKey } from './request';
import { viewSignals, type ViewSignals } from './view-signals';

/** The nearest neighbours of one point; `of` is null while none are known (or being fetched again). */
export interface NeighborList {
  of: number | null;
  items: Neighbor[];
}

export interface SearchResult {
  indices: number[];
  count: number;
  error: string | null;
}

/** New items placed into the finished layout of job `job`. */
export interface PlacedItems extends Placed {
  job: string;
}

export const NO_NEIGHBORS: NeighborList = { of: null, items: [] };
export const NO_MATCHES: SearchResult = { indices: [], count: 0, error: null };

export class Store {
  readonly view: ViewSignals = viewSignals();
  /** Clusters, quality, density and point appearance of the map (state/map-layers.ts). */
  readonly layers = new MapLayers();
  readonly catalog = signal<CatalogItem[]>([]);
  readonly item = signal<CatalogItem | null>(null);
  readonly metadata = signal<Metadata | null>(null);
  /** What can be projected for the current dataset; null when everything can (the server). */
  readonly offers = signal<MethodOffers | null>(null);

  /** The positions on screen; the object is kept while frames rewrite it in place (see `layoutVersion`). */
  readonly layout = signal<Layout | null>(null);
  /** Bumped on every rewrite of the layout's buffer (frames, axis changes). */
  readonly layoutVersion = signal(0);
  /** Dataset row of each layout row when isolated; null when the layout holds every row in order. */
  readonly rows = signal<Int32Array | null>(null);
  /** Method of the positions on screen (the view's method may already name the next run). */
  readonly shownMethod = signal<Method>('pca');
  /** Iteration of the positions on screen; null until the first positions of a request arrive. */
  readonly iteration = signal<number | null>(null);
  readonly cost = signal<number | null>(null);
  /** The request key of the layout on screen (or being fetched). */
  readonly layoutFor = signal('');
  readonly job = signal<Job | null>(null);
  readonly explainedVariance = signal<number[] | null>(null);

  readonly neighbors = signal<NeighborList>(NO_NEIGHBORS);
  readonly search = signal<SearchResult>(NO_MATCHES);
  readonly bookmarks = signal<Bookmark<ViewState>[]>([]);
  /** The layout row under the pointer. */
  readonly hovered = signal<number | null>(null);
  /** Layout rows labelled because they fit without overlapping (zoomed in). */
  readonly thinned = signal<number[]>([]);
  /** An object URL of the loaded sprite sheet. */
  readonly spriteUrl = signal<string | null>(null);
  /** Items placed into the layout on screen; shown only while that job's layout is (see `placedPositions`). */
  readonly placed = signal<PlacedItems | null>(null);
  /** The message of the error banner. */
  readonly error = signal<string | null>(null);
  /** One byte per dataset row, 1 = passes every filter; null = no filter active (written by the filters controller only). */
  readonly filterMask = signal<Uint8Array | null>(null);
  /** Rows passing the filters; null = no filter. */
  readonly filterCount = signal<number | null>(null);

  /** Where the placed items are drawn (M x 3, like the layout's positions); null when none belong to this layout. */
  readonly placedPositions = computed(() => {
    const placed = this.placed.value;
    const layout = this.layout.value;
    this.layoutVersion.value;
    if (!placed || !layout || this.job.value?.id !== placed.job) return null;
    return placeOnLayout(layout, placed.positions, placed.dims);
  });
  readonly columns = computed(() => this.metadata.value?.columns ?? []);
  /** Items of the current dataset's group. */
  readonly groupItems = computed(() => {
    const group = this.item.value?.group;
    return group ? this.catalog.value.filter((c) => c.group === group) : [];
  });
  readonly encoding = computed(() => {
    const item = this.item.value;
    return item ? encodeColors(this.column(this.view.color.value), item.points) : null;
  });
  /** The legend of the points on the map: an isolated layout counts only its rows. */
  readonly legend = computed(() => {
    const legend = this.encoding.value?.legend ?? { kind: 'none' as const };
    return legendOfRows(legend, this.column(this.view.color.value), this.rows.value);
  });
  readonly requestKey = computed(() => {
    const v = this.view;
    return requestKey(this.item.value, {
      method: v.method.value, dims: v.dims.value, seed: v.seed.value, isolated: v.isolated.value,
      tsne: v.tsne.value, umap: v.umap.value, custom: v.custom.value,
    });
  });
  /** True when the layout on screen was made with exactly the current options. */
  readonly layoutIsCurrent = computed(() => this.layoutFor.value === this.requestKey.value);

  column(name: string | null) {
    if (name === null || name === '') return null;
    return this.columns.value.find((c) => c.name === name) ?? this.layers.derivedColumns.value.find((c) => c.name === name) ?? null;
  }

  labelOf(row: number): string {
    const column = this.column(this.view.label.value);
    const text = column ? displayValue(column.values[row]) : '';
    return text === '' ? `#${row}` : text;
  }

  datasetRow(layoutRow: number): number {
    const rows = this.rows.value;
    return rows ? rows[layoutRow] : layoutRow;
  }

  /** -1 when the row is not in the layout. */
  layoutRowOf(datasetRow: number): number {
    const rows = this.rows.value;
    const layout = this.layout.value;
    if (!rows) return layout && datasetRow < layout.points ? datasetRow : -1;
    // Isolated layouts are small enough for a scan to be cheaper than keeping an inverse map.
    return rows.indexOf(datasetRow);
  }

  /** True when this source shows `method` for the dataset. */
  offered(method: Method): boolean {
    return this.offers.value?.[method].available ?? true;
  }
}
