// The page's controller: owns the view state, the loaded dataset and the layout, and keeps the
// panels, the scene, the URL and the server in step.

import { messageOf } from '../api/problem';
import type { DataSource, MethodOffers } from '../api/source';
import type { Bookmark, CatalogItem, Job, Metadata, Method, Neighbor, ProjectionRequest } from '../api/contract';
import { displayValue, encodeColors, type ColorEncoding } from '../data/coloring';
import { download } from '../data/export';
import { rowsInPolygon, thinLabels, type Point2 } from '../data/geometry';
import { buildMarks, fillColors, highlightMask } from '../data/highlight';
import { Layout, defaultAxes, type Axes } from '../data/layout';
import { decodeHash, encodeHash } from '../data/url-state';
import { defaultViewState, viewStateOfBookmark, type ViewState } from '../data/view-state';
import { Lasso } from '../render/lasso';
import { Scene } from '../render/scene';
import { debounce } from './dom';
import { layoutFile, selectionFile } from './downloads';
import { ProjectionRunner } from './projection-runner';
import type { ErrorBanner, Progress } from './status';

/** Components PCA is asked for; the page picks x, y and z among them. */
const PCA_COMPONENTS = 10;

export interface Panel {
  update(app: App): void;
}

export class App {
  state: ViewState = defaultViewState();
  catalog: CatalogItem[] = [];
  item: CatalogItem | null = null;
  metadata: Metadata | null = null;
  layout: Layout | null = null;
  /** Dataset row of each layout row when isolated; null when the layout holds every row in order. */
  rows: Int32Array | null = null;
  encoding: ColorEncoding | null = null;
  job: Job | null = null;
  explainedVariance: number[] | null = null;
  /** Method of the positions on screen (the state's method may already name the next run). */
  shownMethod: Method = 'pca';
  /** Iteration of the positions on screen. */
  iteration: number | null = null;
  cost: number | null = null;
  neighbors: Neighbor[] = [];
  neighborsOf: number | null = null;
  matches: number[] = [];
  matchCount = 0;
  searchError: string | null = null;
  bookmarks: Bookmark<ViewState>[] = [];
  hovered: number | null = null;
  panels: Panel[] = [];
  /** Told only about the hovered point, which changes far more often than anything else. */
  hoverPanels: Panel[] = [];
  /** What can be projected for the current dataset; null when everything can (the server). */
  offers: MethodOffers | null = null;
  readonly scene: Scene;

  private readonly runner: ProjectionRunner;
  private colors: Uint8Array = new Uint8Array(0);
  private colorsVersion = 0;
  private spriteUrl: string | null = null;
  private layoutFor = '';
  /** The isolation the current layout was made for (compared by identity: the state always gets a new array). */
  private layoutIsolation: number[] | null = null;
  private needsFit = true;
  private searchToken = 0;
  private neighborToken = 0;

  constructor(
    readonly source: DataSource,
    readonly canvas: HTMLDivElement,
    readonly progress: Progress,
    readonly errors: ErrorBanner,
  ) {
    this.scene = new Scene(canvas, {
      hover: (row) => {
        if (row === this.hovered) return;
        this.hovered = row;
        // Its own small layers: the rings and labels of everything else stay as they are.
        this.scene.setHover(row === null ? null : { row, text: this.labelOf(this.datasetRow(row)) });
        for (const panel of this.hoverPanels) panel.update(this);
      },
      click: (row, keys) => {
        if (row === null) {
          if (!keys.shiftKey && !keys.ctrlKey && !keys.metaKey) this.select([], 'replace');
          return;
        }
        this.select([this.datasetRow(row)], keys.ctrlKey || keys.metaKey ? 'toggle' : 'replace');
      },
      camera: (camera) => {
        this.state.camera = camera;
        this.syncUrl();
        this.updateLabelsSoon();
      },
    });
    new Lasso(canvas, (polygon) => this.lasso(polygon));
    this.runner = new ProjectionRunner(source, {
      layout: (raw, dims, iteration, cost) => this.showLayout(raw, dims, iteration, cost),
      job: (job) => {
        this.job = job;
        if (job.explainedVariance) this.explainedVariance = job.explainedVariance;
        this.progress.projection = job.status === 'running' || job.status === 'queued'
          ? { label: `${methodName(job.method)}: ${job.phase ?? job.status} ${job.iteration}/${job.totalIterations}`, fraction: job.totalIterations > 0 ? job.iteration / job.totalIterations : 0 }
          : null;
        this.refresh();
      },
      error: (message) => this.fail(message),
    });
    window.addEventListener('hashchange', () => {
      // replaceState (syncUrl) fires no hashchange: this is a link pasted or edited by hand.
      if (location.hash !== encodeHash(this.state)) void this.restore(decodeHash(location.hash));
    });
    window.addEventListener('resize', () => this.updateLabelsSoon());
    window.addEventListener('pagehide', () => this.runner.cancel());
  }

  // ---- opening -------------------------------------------------------------------------------

  async start(): Promise<void> {
    const wanted = decodeHash(location.hash);
    try {
      this.catalog = await this.progress.during('Loading the list of datasets…', this.source.datasets());
    } catch (error) {
      this.fail(messageOf(error));
      return;
    }
    if (this.catalog.length === 0) {
      this.fail(this.source.mode === 'static'
        ? 'This site has no dataset; export one with `projector export vectors.tsv --out site`.'
        : 'The server offers no dataset. Start it with a file or folder, e.g. `projector serve vectors.tsv`.');
      this.refresh();
      return;
    }
    await this.restore(wanted);
  }

  /** Opens the view a link or a bookmark describes. */
  async restore(wanted: ViewState): Promise<void> {
    const item = this.catalog.find((c) => c.id === wanted.dataset) ?? this.latestOf(this.catalog[0].group)!;
    if (wanted.dataset && item.id !== wanted.dataset) this.fail(`There is no dataset "${wanted.dataset}"; showing ${item.name} instead.`);
    if (this.item?.id === item.id && this.metadata) {
      const before = this.requestKey();
      this.state = { ...wanted, dataset: item.id };
      this.checkColumns();
      this.fitMethodToOffers();
      // The same path as a user's change: the encoding and legend follow the colour column.
      this.applyColor();
      this.scene.setShowSprites(this.state.sprites, this.state.tint);
      if (this.state.camera || this.scene.is3d !== (this.state.dims === 3)) this.scene.setView(this.state.dims, this.state.camera);
      if (this.requestKey() !== before) await this.project();
      else this.applyAxes();
      this.afterSelectionChange();
      void this.runSearch();
      return;
    }
    this.state = { ...wanted, dataset: item.id };
    await this.open(item, false);
  }

  /** Opens a catalog item; `keepView` keeps the camera, colours and projection (switching step). */
  async open(item: CatalogItem, keepView: boolean): Promise<void> {
    this.runner.cancel();
    this.errors.clear();
    const previous = this.state;
    this.item = item;
    this.metadata = null;
    this.layout = null;
    this.rows = null;
    this.encoding = null;
    this.explainedVariance = null;
    this.iteration = null;
    this.neighbors = [];
    this.neighborsOf = null;
    this.matches = [];
    this.matchCount = 0;
    this.hovered = null;
    this.scene.setHover(null);
    this.offers = null;
    this.state = keepView ? { ...previous, dataset: item.id, isolated: null } : { ...previous, dataset: item.id };
    this.needsFit = !keepView && !this.state.camera;
    this.scene.setShowSprites(this.state.sprites, this.state.tint);
    this.scene.setView(this.state.dims, this.needsFit ? null : this.state.camera);
    this.refresh();
    try {
      const [metadata, offers] = await Promise.all([
        this.progress.during(`Loading the metadata of ${item.name}…`, this.source.metadata(item.id)),
        this.source.offers(item),
        this.loadSprite(item),
      ]);
      if (this.item !== item) return;
      this.metadata = metadata;
      this.offers = offers;
      this.checkColumns(keepView);
      this.fitMethodToOffers();
      this.state.selection = this.state.selection.filter((r) => r < item.points);
      if (this.state.isolated) this.state.isolated = this.state.isolated.filter((r) => r < item.points);
      this.encoding = encodeColors(this.column(this.state.color), item.points);
      this.refresh();
      void this.loadBookmarks();
      void this.runSearch();
      await this.project();
      this.afterSelectionChange();
    } catch (error) {
      this.fail(messageOf(error));
    }
  }

  private async loadSprite(item: CatalogItem): Promise<void> {
    if (this.spriteUrl) URL.revokeObjectURL(this.spriteUrl);
    this.spriteUrl = null;
    this.scene.setSprite(null, null, 0);
    const url = this.source.spriteUrl(item);
    if (!url || !item.sprite) return;
    try {
      const response = await this.progress.during('Loading the sprite images…', fetch(url));
      if (!response.ok) throw new Error(`The sprite sheet could not be loaded (${response.status}).`);
      const blob = await response.blob();
      if (this.item !== item) return;
      this.spriteUrl = URL.createObjectURL(blob);
      this.scene.setSprite({ url: this.spriteUrl, info: item.sprite }, this.rows, item.points);
    } catch (error) {
      this.fail(`${messageOf(error)} Points are drawn as dots.`);
    }
  }

  /**
   * Drops colour, label and search columns the dataset does not have; picks sensible defaults unless
   * `keep` (switching step keeps a colour or label the user turned off).
   */
  private checkColumns(keep = false): void {
    const columns = this.metadata?.columns ?? [];
    const has = (name: string | null) => name !== null && columns.some((c) => c.name === name);
    // '' is "none" chosen by the user: kept as it is, unlike a column this dataset lacks.
    if (keep) {
      if (this.state.color !== '' && !has(this.state.color)) this.state.color = '';
      if (this.state.label !== '' && !has(this.state.label)) this.state.label = '';
    }
    if (this.state.color !== '' && !has(this.state.color) && !keep) {
      const summary = this.item?.columns ?? [];
      const categorical = columns.find((c) => {
        const s = summary.find((x) => x.name === c.name);
        return s ? s.distinct > 1 && s.distinct <= 50 : false;
      });
      this.state.color = categorical?.name ?? null;
    }
    if (this.state.label !== '' && !has(this.state.label) && !keep) this.state.label = (columns.find((c) => c.kind === 'text') ?? columns[0])?.name ?? null;
    if (!has(this.state.search.column)) this.state.search.column = has(this.state.label) ? this.state.label : (columns[0]?.name ?? null);
    for (const side of ['left', 'right', 'up', 'down'] as const) {
      const axis = this.state.custom[side];
      if (axis && !has(axis.column)) this.state.custom[side] = null;
    }
    if (!has(this.state.tsne.supervise)) this.state.tsne.supervise = null;
    if (!has(this.state.umap.supervise)) this.state.umap.supervise = null;
  }

  /**
   * On a static site: a method the site cannot show falls back to one it can (with the reason), and
   * a precomputed t-SNE or UMAP brings its own options, so the panel and the URL say what is shown.
   */
  private fitMethodToOffers(): void {
    const offers = this.offers;
    if (!offers) return;
    const wanted = this.state.method;
    if (!offers[wanted].available) {
      const fallback = (['pca', 'tsne', 'umap'] as const).find((m) => offers[m].available);
      if (fallback) {
        this.fail(`${offers[wanted].reason ?? ''} Showing ${methodName(fallback)} instead.`.trim());
        this.state.method = fallback;
      }
    }
    this.alignToPrecomputed(this.state.method);
  }

  /** Copies a precomputed layout's options into the state (static sites cannot run other options). */
  alignToPrecomputed(method: Method): void {
    const layout = this.offers?.[method].precomputed;
    if (!layout) return;
    const o = layout.options;
    const n = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
    if (method === 'tsne') {
      const rate = o.learningRate === 'auto' || o.learningRate === undefined ? 'auto' : n(o.learningRate, 200);
      this.state.tsne = { ...this.state.tsne, perplexity: n(o.perplexity, this.state.tsne.perplexity), learningRate: rate, iterations: n(o.iterations, this.state.tsne.iterations), supervise: null };
    } else if (method === 'umap') {
      this.state.umap = { ...this.state.umap, neighbors: n(o.neighbors, this.state.umap.neighbors), minDist: n(o.minDist, this.state.umap.minDist), supervise: null };
    }
    if (method === 'tsne' || method === 'umap') this.state.seed = layout.seed;
  }

  /** True when this source shows `method` for the dataset; false with the reason otherwise. */
  offered(method: Method): boolean {
    return this.offers?.[method].available ?? true;
  }

  // ---- projections ---------------------------------------------------------------------------

  /** The request for the current state. */
  request(): ProjectionRequest {
    const s = this.state;
    const item = this.item!;
    const request: ProjectionRequest = { dataset: item.id, method: s.method, dims: s.dims, seed: s.seed, indices: s.isolated };
    switch (s.method) {
      case 'pca':
        request.pca = { components: Math.max(1, Math.min(PCA_COMPONENTS, item.dimensions, s.isolated?.length ?? item.points)) };
        request.dims = request.pca.components;
        break;
      case 'tsne':
        request.tsne = {
          perplexity: s.tsne.perplexity, learningRate: s.tsne.learningRate, iterations: s.tsne.iterations,
          supervise: s.tsne.supervise ? { column: s.tsne.supervise, factor: s.tsne.superviseFactor } : null,
        };
        break;
      case 'umap':
        request.umap = { neighbors: s.umap.neighbors, minDist: s.umap.minDist, supervise: s.umap.supervise ? { column: s.umap.supervise, factor: 0.5 } : null };
        break;
      case 'custom':
        request.dims = 2;
        request.custom = { ...s.custom };
        break;
    }
    return request;
  }

  private requestKey(): string {
    if (!this.item) return '';
    const r = this.request();
    if (r.method === 'pca') r.dims = 0; // PCA's view dims only change the axes
    return JSON.stringify(r);
  }

  /** Runs the projection of the current state (from the server's cache when it has it). */
  /** Returns false when the server refused the projection; the layout on screen then stays as it was. */
  async project(): Promise<boolean> {
    if (!this.item) return false;
    const request = this.request();
    if (request.method === 'custom' && (!request.custom?.left || !request.custom?.right)) {
      this.fail('Custom axes need a query for left and for right; up and down are optional.');
      return false;
    }
    const before = { layoutFor: this.layoutFor, iteration: this.iteration, cost: this.cost, explainedVariance: this.explainedVariance };
    this.layoutFor = this.requestKey();
    this.iteration = null;
    this.cost = null;
    if (request.method !== 'pca') this.explainedVariance = null;
    this.errors.clear();
    this.refresh();
    try {
      await this.progress.during(`Starting ${methodName(request.method)}…`, this.runner.start(request));
      this.syncUrl();
      return true;
    } catch (error) {
      Object.assign(this, before);
      this.fail(messageOf(error));
      this.refresh();
      return false;
    }
  }

  /** Runs `method` with `changes` to the options; when the server refuses, the view keeps its method. */
  async run(method: Method, changes: Partial<ViewState> = {}): Promise<void> {
    const before = { method: this.state.method, seed: this.state.seed };
    Object.assign(this.state, changes, { method });
    if (!(await this.project())) {
      Object.assign(this.state, before);
      this.refresh();
    }
  }

  async control(action: 'pause' | 'resume' | 'stop'): Promise<void> {
    try {
      await this.runner.control(action);
    } catch (error) {
      this.fail(messageOf(error));
    }
  }

  /** True when the layout on screen was made with exactly the current options. */
  get layoutIsCurrent(): boolean {
    return this.layoutFor === this.requestKey();
  }

  private showLayout(raw: Float32Array, dims: number, iteration: number, cost: number): void {
    const item = this.item;
    if (!item || dims <= 0) return;
    const points = Math.floor(raw.length / dims);
    const isolated = this.state.isolated;
    if (!this.layout || this.layout.points !== points || this.layoutIsolation !== isolated) {
      this.layout = new Layout(points);
      this.layoutIsolation = isolated;
      this.rows = isolated && isolated.length === points ? Int32Array.from(isolated) : null;
      if (points !== item.points && !this.rows) {
        this.fail(`The server sent ${points} positions for ${item.points} points.`);
        this.layout = null;
        return;
      }
      this.scene.setSprite(this.spriteUrl && item.sprite ? { url: this.spriteUrl, info: item.sprite } : null, this.rows, item.points);
      this.recolor(false);
    }
    this.shownMethod = this.runner.job?.method ?? this.state.method;
    try {
      this.layout.write(raw, dims, this.axesFor(dims));
    } catch (error) {
      this.fail(messageOf(error));
      return;
    }
    this.iteration = iteration;
    this.cost = Number.isFinite(cost) ? cost : this.cost;
    this.scene.setPoints(this.layout, this.colors, this.colorsVersion);
    if (this.needsFit) {
      this.needsFit = false;
      this.scene.fit();
    }
    this.updateMarks();
    this.updateLabelsSoon();
    this.refresh();
  }

  private axesFor(dims: number): Axes {
    if (this.shownMethod === 'pca') {
      const [x, y, z] = this.state.pca.map((c) => Math.min(c, dims - 1));
      return [x, y, this.state.dims === 3 && dims >= 3 ? z : null];
    }
    return defaultAxes(dims, this.state.dims);
  }

  /** Re-reads the kept layout with the current axes (PCA components, 2-D/3-D). */
  applyAxes(): void {
    if (!this.layout?.raw) return;
    this.layout.reaxis(this.axesFor(this.layout.rawDims));
    this.scene.setPoints(this.layout, this.colors, this.colorsVersion);
    this.updateMarks();
    this.syncUrl();
    this.refresh();
  }

  setPcaComponents(pca: [number, number, number]): void {
    this.state.pca = pca;
    if (this.shownMethod === 'pca') this.applyAxes();
    this.syncUrl();
  }

  async setDims(dims: 2 | 3): Promise<void> {
    if (this.state.dims === dims) return;
    this.state.dims = dims;
    this.scene.setView(dims, null);
    this.state.camera = this.scene.camera();
    const layoutDims = this.layout?.rawDims ?? 0;
    if ((this.shownMethod === 'tsne' || this.shownMethod === 'umap') && layoutDims !== dims && this.layout) {
      await this.project();
    } else {
      this.applyAxes();
    }
    this.refresh();
  }

  // ---- colours, labels, marks ----------------------------------------------------------------

  column(name: string | null) {
    return name === null || name === '' ? null : (this.metadata?.columns.find((c) => c.name === name) ?? null);
  }

  /** `null` or '' is "no colour", kept as such in the URL and bookmarks. */
  setColor(name: string | null): void {
    this.state.color = name ?? '';
    this.applyColor();
    this.syncUrl();
    this.refresh();
  }

  /** Encodes the state's colour column and repaints: every colour change, the user's or a restore's, ends here. */
  private applyColor(): void {
    this.encoding = this.item ? encodeColors(this.column(this.state.color), this.item.points) : null;
    this.recolor();
  }

  /** `null` or '' labels points by their index. */
  setLabel(name: string | null): void {
    this.state.label = name ?? '';
    this.updateMarks();
    this.syncUrl();
    this.refresh();
  }

  setSprites(show: boolean, tint: boolean): void {
    this.state.sprites = show;
    this.state.tint = tint;
    this.scene.setShowSprites(show, tint);
    this.syncUrl();
    this.refresh();
  }

  labelOf(row: number): string {
    const column = this.column(this.state.label);
    const text = column ? displayValue(column.values[row]) : '';
    return text === '' ? `#${row}` : text;
  }

  /** Builds the RGBA buffer: the colour column's colours, faded where something else is highlighted. */
  private recolor(push = true): void {
    const item = this.item;
    const layout = this.layout;
    if (!item) return;
    if (!this.encoding) this.encoding = encodeColors(this.column(this.state.color), item.points);
    const n = layout?.points ?? item.points;
    if (this.colors.length !== n * 4) this.colors = new Uint8Array(n * 4);
    const mask = highlightMask(item.points, this.state.selection, this.matches, this.neighbors.map((nb) => nb.index));
    fillColors(this.colors, this.encoding.rgb, this.rows, mask);
    this.colorsVersion++;
    if (push && layout) this.scene.setPoints(layout, this.colors, this.colorsVersion);
  }

  private layoutRowOf(datasetRow: number): number {
    const rows = this.rows;
    if (!rows) return this.layout && datasetRow < this.layout.points ? datasetRow : -1;
    // Isolated layouts are small enough for a scan to be cheaper than keeping an inverse map.
    return rows.indexOf(datasetRow);
  }

  datasetRow(layoutRow: number): number {
    return this.rows ? this.rows[layoutRow] : layoutRow;
  }

  private updateMarks(): void {
    const layout = this.layout;
    if (!layout) return;
    const { marks, labels } = buildMarks({
      selection: this.state.selection,
      matches: this.matches,
      neighbors: this.neighbors.map((nb) => nb.index),
      hovered: null,
      thinned: this.thinnedLabels,
      layoutRowOf: (r) => this.layoutRowOf(r),
      labelOf: (row) => this.labelOf(this.datasetRow(row)),
    });
    this.scene.setMarks(marks, labels);
  }

  private thinnedLabels: number[] = [];

  /** When zoomed in, labels for as many points as fit without overlapping. */
  private readonly updateLabelsSoon = debounce(() => {
    const previous = this.thinnedLabels.length;
    this.thinnedLabels = [];
    if (this.layout && this.scene.zoomedIn() > 1.5 && this.layout.points <= 2_000_000) {
      const { width, height } = this.scene.size();
      const screen = this.scene.screenPositions();
      const order = Array.from({ length: this.layout.points }, (_, i) => i);
      this.thinnedLabels = thinLabels(screen, order, width, height, 110, 28, 200);
    }
    if (previous > 0 || this.thinnedLabels.length > 0) this.updateMarks();
  }, 120);

  // ---- selection and neighbours --------------------------------------------------------------

  select(rows: number[], mode: 'replace' | 'add' | 'toggle'): void {
    let next: number[];
    if (mode === 'replace') next = [...new Set(rows)];
    else {
      const set = new Set(this.state.selection);
      for (const r of rows) {
        if (mode === 'toggle' && set.has(r)) set.delete(r);
        else set.add(r);
      }
      next = [...set];
    }
    this.state.selection = next;
    this.afterSelectionChange();
  }

  clearSelection(): void {
    this.state.selection = [];
    this.afterSelectionChange();
  }

  private afterSelectionChange(): void {
    const one = this.state.selection.length === 1 ? this.state.selection[0] : null;
    if (one !== this.neighborsOf) {
      this.neighbors = [];
      this.neighborsOf = null;
      if (one !== null) void this.loadNeighbors();
    }
    this.recolor();
    this.updateMarks();
    this.syncUrl();
    this.refresh();
  }

  async loadNeighbors(): Promise<void> {
    const item = this.item;
    const point = this.state.selection.length === 1 ? this.state.selection[0] : null;
    if (!item || point === null) return;
    const token = ++this.neighborToken;
    const k = Math.max(1, Math.min(this.state.neighbors.k, 1000, item.points - 1));
    try {
      const answer = await this.progress.during('Finding the nearest neighbours…', this.source.neighbors(item.id, point, k, this.state.neighbors.metric));
      if (token !== this.neighborToken || this.item !== item) return;
      this.neighbors = answer.neighbors;
      this.neighborsOf = point;
      this.recolor();
      this.updateMarks();
      this.refresh();
    } catch (error) {
      if (token === this.neighborToken) this.fail(messageOf(error));
    }
  }

  setNeighborOptions(k: number, metric: 'cosine' | 'euclidean'): void {
    this.state.neighbors = { k, metric };
    this.neighborsOf = null;
    this.syncUrl();
    void this.loadNeighbors();
  }

  private lasso(polygon: Point2[]): void {
    if (!this.layout) return;
    if (polygon.length < 3) {
      // A shift-click: add or remove the point under the pointer.
      const screen = this.scene.screenPositions();
      const [x, y] = polygon[0];
      let best = -1;
      let bestDistance = 8 * 8;
      for (let i = 0; i < this.layout.points; i++) {
        const d = (screen[i * 2] - x) ** 2 + (screen[i * 2 + 1] - y) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = i;
        }
      }
      if (best >= 0) this.select([this.datasetRow(best)], 'toggle');
      return;
    }
    const rows = rowsInPolygon(this.scene.screenPositions(), polygon).map((r) => this.datasetRow(r));
    this.select(rows, 'add');
  }

  async isolate(): Promise<void> {
    if (this.state.selection.length < 2) {
      this.fail('Select at least two points to isolate them (click, or shift-drag a lasso).');
      return;
    }
    const before = this.state.isolated;
    this.state.isolated = [...this.state.selection].sort((a, b) => a - b);
    this.needsFit = true;
    if (!(await this.project())) {
      this.state.isolated = before;
      this.needsFit = false;
      this.refresh();
    }
  }

  async showAll(): Promise<void> {
    if (!this.state.isolated) return;
    this.state.isolated = null;
    this.needsFit = true;
    await this.project();
  }

  // ---- search --------------------------------------------------------------------------------

  setSearch(query: string, column: string | null, regex: boolean): void {
    this.state.search = { query, column, regex };
    this.syncUrl();
    this.searchSoon();
  }

  private readonly searchSoon = debounce(() => void this.runSearch(), 250);

  async runSearch(): Promise<void> {
    const item = this.item;
    const { query, column, regex } = this.state.search;
    const token = ++this.searchToken;
    this.searchError = null;
    if (!item || !column || query === '') {
      this.matches = [];
      this.matchCount = 0;
      this.recolor();
      this.updateMarks();
      this.refresh();
      return;
    }
    try {
      const answer = await this.source.search(item.id, column, query, regex);
      if (token !== this.searchToken) return;
      this.matches = answer.indices;
      this.matchCount = answer.count;
    } catch (error) {
      if (token !== this.searchToken) return;
      this.matches = [];
      this.matchCount = 0;
      this.searchError = messageOf(error);
    }
    this.recolor();
    this.updateMarks();
    this.refresh();
  }

  /** Selects every search match. */
  selectMatches(): void {
    if (this.matches.length > 0) this.select(this.matches, 'replace');
  }

  // ---- bookmarks -----------------------------------------------------------------------------

  async loadBookmarks(): Promise<void> {
    const item = this.item;
    if (!item) return;
    try {
      const list = await this.source.bookmarks<ViewState>(item.id);
      if (this.item === item) this.bookmarks = list;
    } catch (error) {
      this.fail(messageOf(error));
    }
    this.refresh();
  }

  async saveBookmark(name: string): Promise<void> {
    const item = this.item;
    if (!item) return;
    const state = { ...this.state, camera: this.scene.camera() };
    try {
      const saved = await this.progress.during('Saving the bookmark…', this.source.saveBookmark(item.id, name.trim() || `View ${this.bookmarks.length + 1}`, state));
      this.bookmarks = [...this.bookmarks, saved];
    } catch (error) {
      this.fail(messageOf(error));
    }
    this.refresh();
  }

  async deleteBookmark(bookmark: Bookmark<ViewState>): Promise<void> {
    if (!this.item) return;
    try {
      await this.source.deleteBookmark(this.item.id, bookmark.id);
      this.bookmarks = this.bookmarks.filter((b) => b.id !== bookmark.id);
    } catch (error) {
      this.fail(messageOf(error));
    }
    this.refresh();
  }

  async openBookmark(bookmark: Bookmark<ViewState>): Promise<void> {
    const state = viewStateOfBookmark(bookmark.state);
    if (!state.dataset) state.dataset = this.item?.id ?? null;
    await this.restore(state);
  }

  // ---- downloads ---------------------------------------------------------------------------

  downloadCsv(): void {
    this.offer(() => layoutFile(this, 'csv'));
  }

  downloadNpy(): void {
    this.offer(() => layoutFile(this, 'npy'));
  }

  downloadTsv(): void {
    this.offer(() => selectionFile(this));
  }

  private offer(make: () => { name: string; content: string | Uint8Array; type: string }): void {
    try {
      const file = make();
      download(file.name, file.content, file.type);
    } catch (error) {
      this.fail(messageOf(error));
    }
  }

  // ---- catalog pickers -----------------------------------------------------------------------

  /** The item of `group` to open first: the latest step of its first tensor and run. */
  latestOf(group: string): CatalogItem | undefined {
    const items = this.catalog.filter((c) => c.group === group);
    const first = items[0];
    if (!first) return undefined;
    return items
      .filter((c) => c.tensor === first.tensor && c.run === first.run)
      .reduce((best, c) => ((c.step ?? -1) > (best.step ?? -1) ? c : best), first);
  }

  /** Items of the current dataset's group. */
  groupItems(): CatalogItem[] {
    const group = this.item?.group;
    return group ? this.catalog.filter((c) => c.group === group) : [];
  }

  async pick(item: CatalogItem): Promise<void> {
    if (item.id === this.item?.id) return;
    const sameGroup = item.group === this.item?.group;
    if (!sameGroup) {
      const fresh = defaultViewState();
      fresh.dims = this.state.dims;
      fresh.sprites = this.state.sprites;
      fresh.tint = this.state.tint;
      this.state = fresh;
    }
    await this.open(item, sameGroup);
  }

  async upload(files: { tensor: File; metadata: File | null; shape: string; name: string }): Promise<boolean> {
    try {
      const item = await this.progress.during(`Uploading ${files.tensor.name}…`, this.source.upload(files));
      this.catalog = [...this.catalog.filter((c) => c.id !== item.id), item];
      await this.pick(item);
      return true;
    } catch (error) {
      this.fail(messageOf(error));
      return false;
    }
  }

  // ---- plumbing ------------------------------------------------------------------------------

  fail(message: string): void {
    this.errors.show(message);
  }

  refresh(): void {
    for (const panel of this.panels) panel.update(this);
  }

  readonly syncUrl = debounce(() => {
    const hash = encodeHash(this.state);
    if (hash === location.hash || (hash === '' && location.hash === '')) return;
    history.replaceState(null, '', hash === '' ? location.pathname + location.search : hash);
  }, 200);

  /** The hook browser tests use (`window.__projector`). */
  testHook() {
    const app = this;
    return {
      /** A layout is drawn and nothing the page asked for is still loading (a projection may still run). */
      get ready(): boolean {
        return app.layout !== null && app.iteration !== null && app.scene.hasRendered && app.progress.idle;
      },
      screenOf: (index: number): [number, number] | null => {
        const row = this.layoutRowOf(index);
        return row < 0 ? null : this.scene.clientOf(row);
      },
      selected: (): number[] => [...this.state.selection],
      positions: (): Float32Array | null => this.layout?.positions ?? null,
      view: (): '2d' | '3d' => (this.scene.is3d ? '3d' : '2d'),
    };
  }
}

export function methodName(method: Method): string {
  return method === 'pca' ? 'PCA' : method === 'tsne' ? 't-SNE' : method === 'umap' ? 'UMAP' : 'Custom axes';
}
