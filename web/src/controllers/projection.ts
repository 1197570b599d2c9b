// Projections: runs the one the view asks for, shows its frames, keeps PCA axes and 2-D/3-D in step,
// and isolates the selection. A refused request rolls back exactly what it changed.

import { batch } from '@preact/signals-core';
import type { Method, ProjectionRequest } from '../api/contract';
import type { LayoutFrame } from '../api/frame';
import { messageOf } from '../api/problem';
import { Layout, defaultAxes, type Axes } from '../data/layout';
import type { ViewState } from '../data/view-state';
import { methodName } from '../data/method-name';
import { projectionRequest } from '../state/request';
import { assign, peekSnapshot } from '../state/view-signals';
import { ProjectionRunner } from './projection-runner';
import type { Context } from './context';
import type { StepsController } from './steps';

export class ProjectionController {
  /** Fit the camera to the next layout that arrives (a new dataset, isolating, showing all). */
  fitNext = true;
  private readonly runner: ProjectionRunner;
  /** The isolation the current layout was made for (compared by identity: the view always gets a new array). */
  private layoutIsolation: number[] | null = null;
  /** Perturbations so far: each takes the next seed. */
  private perturbs = 0;

  constructor(private readonly ctx: Context, private readonly steps: StepsController | null = null) {
    const { store } = ctx;
    this.runner = new ProjectionRunner(ctx.source, {
      layout: (raw, dims, iteration, cost, normalized) => this.show(raw, dims, iteration, cost, normalized),
      job: (job) => batch(() => {
        store.job.value = job;
        if (job.explainedVariance) store.explainedVariance.value = job.explainedVariance;
      }),
      error: (message) => (store.error.value = message),
    });
  }

  /** Leaves the running job (stopping it on the server). */
  cancel(): void {
    this.runner.cancel();
  }

  /**
   * Runs the projection of the current view (from the server's cache when it has it), with `adjust`
   * applied to the request. Returns false when refused; the layout on screen then stays as it was.
   */
  async project(adjust?: (request: ProjectionRequest) => void): Promise<boolean> {
    const { store, busy } = this.ctx;
    const item = store.item.peek();
    if (!item) return false;
    const request = projectionRequest(item, peekSnapshot(store.view));
    adjust?.(request);
    if (request.method === 'custom' && (!request.custom?.left || !request.custom?.right)) {
      store.error.value = 'Custom axes need a query for left and for right; up and down are optional.';
      return false;
    }
    const before = { layoutFor: store.layoutFor.peek(), iteration: store.iteration.peek(), cost: store.cost.peek(), explainedVariance: store.explainedVariance.peek() };
    batch(() => {
      store.layoutFor.value = store.requestKey.peek();
      store.iteration.value = null;
      store.cost.value = null;
      if (request.method !== 'pca') store.explainedVariance.value = null;
      store.error.value = null;
    });
    try {
      await busy.during(`Starting ${methodName(request.method)}…`, this.runner.start(request));
      return true;
    } catch (error) {
      batch(() => {
        store.layoutFor.value = before.layoutFor;
        store.iteration.value = before.iteration;
        store.cost.value = before.cost;
        store.explainedVariance.value = before.explainedVariance;
        store.error.value = messageOf(error);
      });
      return false;
    }
  }

  /** Runs `method` with `changes` to the options; when the server refuses, the view keeps its method and seed. */
  async run(method: Method, changes: Partial<ViewState> = {}): Promise<void> {
    const view = this.ctx.store.view;
    const before = { method: view.method.peek(), seed: view.seed.peek() };
    assign(view, { ...changes, method });
    if (!(await this.project())) assign(view, before);
  }

  /**
   * Nudges the t-SNE layout on the map at random (seeded: the view's seed plus how many nudges came
   * before) and goes on from there, to escape a local arrangement. The server perturbs its own copy.
   */
  async perturb(): Promise<void> {
    const { store } = this.ctx;
    const job = this.runner.job;
    if (!job || job.method !== 'tsne' || store.shownMethod.peek() !== 'tsne') {
      store.error.value = 'Perturb nudges the t-SNE layout on the map: run t-SNE first.';
      return;
    }
    const seed = store.view.seed.peek() + ++this.perturbs;
    this.fitNext = false;
    await this.project((request) => {
      if (request.tsne) request.tsne.perturb = { from: job.id, seed };
    });
  }

  async control(action: 'pause' | 'resume' | 'stop'): Promise<void> {
    try {
      await this.runner.control(action);
    } catch (error) {
      this.ctx.store.error.value = messageOf(error);
    }
  }

  /** Copies a precomputed layout's options into the view (static sites cannot run other options). */
  alignToPrecomputed(method: Method): void {
    const { store } = this.ctx;
    const layout = store.offers.peek()?.[method].precomputed;
    if (!layout) return;
    const o = layout.options;
    const n = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
    const view = store.view;
    batch(() => {
      if (method === 'tsne') {
        const tsne = view.tsne.peek();
        const rate = o.learningRate === 'auto' || o.learningRate === undefined ? 'auto' : n(o.learningRate, 200);
        view.tsne.value = { ...tsne, perplexity: n(o.perplexity, tsne.perplexity), learningRate: rate, iterations: n(o.iterations, tsne.iterations), supervise: null };
      } else if (method === 'umap') {
        const umap = view.umap.peek();
        view.umap.value = { ...umap, neighbors: n(o.neighbors, umap.neighbors), minDist: n(o.minDist, umap.minDist), supervise: null };
      }
      if (method === 'tsne' || method === 'umap') view.seed.value = layout.seed;
    });
  }

  /** Re-reads the kept layout with the current axes (PCA components, 2-D/3-D). */
  applyAxes(): void {
    const { store } = this.ctx;
    const layout = store.layout.peek();
    if (!layout?.raw) return;
    layout.reaxis(this.axesFor(layout.rawDims));
    store.layoutVersion.value++;
  }

  setPcaComponents(pca: [number, number, number]): void {
    const { store } = this.ctx;
    store.view.pca.value = pca;
    if (store.shownMethod.peek() === 'pca') this.applyAxes();
  }

  async setDims(dims: 2 | 3): Promise<void> {
    const { store, scene } = this.ctx;
    if (store.view.dims.peek() === dims) return;
    store.view.dims.value = dims;
    scene.setView(dims, null);
    store.view.camera.value = scene.camera();
    const layout = store.layout.peek();
    const shown = store.shownMethod.peek();
    const exported = store.offers.peek()?.[shown].precomputed;
    if (exported && exported.dims < dims) {
      // A static site cannot compute another layout: the 3-D view shows the exported one flat, and says so.
      store.error.value = `This site's ${methodName(shown)} layout was exported in ${exported.dims}-D, so the 3-D view shows it flat; export with --dims 3 for a 3-D ${methodName(shown)}.`;
      this.applyAxes();
      return;
    }
    if ((shown === 'tsne' || shown === 'umap') && layout && layout.rawDims !== dims) await this.project();
    else this.applyAxes();
  }

  /** Projects only the selected points; when refused, the view stays as it was. */
  async isolate(): Promise<void> {
    const view = this.ctx.store.view;
    const selection = view.selection.peek();
    if (selection.length < 2) {
      this.ctx.store.error.value = 'Select at least two points to isolate them (click, or shift-drag a lasso).';
      return;
    }
    const before = view.isolated.peek();
    view.isolated.value = [...selection].sort((a, b) => a - b);
    this.fitNext = true;
    if (!(await this.project())) {
      view.isolated.value = before;
      this.fitNext = false;
    }
  }

  async showAll(): Promise<void> {
    const view = this.ctx.store.view;
    if (!view.isolated.peek()) return;
    view.isolated.value = null;
    this.fitNext = true;
    await this.project();
  }

  /** New positions from the runner: `raw` is rows x dims. */
  private show(raw: Float32Array, dims: number, iteration: number, cost: number, normalized?: LayoutFrame['normalized']): void {
    const { store, scene } = this.ctx;
    const item = store.item.peek();
    if (!item || dims <= 0) return;
    const points = Math.floor(raw.length / dims);
    const isolated = store.view.isolated.peek();
    let layout = store.layout.peek();
    let rows = store.rows.peek();
    if (!layout || layout.points !== points || this.layoutIsolation !== isolated) {
      layout = new Layout(points);
      this.layoutIsolation = isolated;
      rows = isolated && isolated.length === points ? Int32Array.from(isolated) : null;
      if (points !== item.points && !rows) {
        batch(() => {
          store.error.value = `The server sent ${points} positions for ${item.points} points.`;
          store.layout.value = null;
        });
        return;
      }
    }
    const method = this.runner.job?.method ?? store.view.method.peek();
    const axes = this.axesFor(dims, method);
    // A move between steps still under way ends where it was going before the buffer is rewritten.
    this.steps?.settle();
    try {
      if (normalized && normalized.axes.every((a, i) => a === axes[i])) layout.adopt(raw, dims, axes, normalized.positions);
      else layout.write(raw, dims, axes);
    } catch (error) {
      store.error.value = messageOf(error);
      return;
    }
    // One batch: the scene and the panels see the new layout, its rows and its iteration together.
    batch(() => {
      store.shownMethod.value = method;
      store.layout.value = layout;
      store.rows.value = rows;
      store.layoutVersion.value++;
      store.iteration.value = iteration;
      if (Number.isFinite(cost)) store.cost.value = cost;
    });
    this.steps?.arrived(layout, this.runner.job);
    if (this.fitNext) {
      this.fitNext = false;
      scene.fit();
    }
  }

  private axesFor(dims: number, method: Method = this.ctx.store.shownMethod.peek()): Axes {
    const view = this.ctx.store.view;
    if (method === 'pca') {
      const [x, y, z] = view.pca.peek().map((c) => Math.min(c, dims - 1));
      return [x, y, view.dims.peek() === 3 && dims >= 3 ? z : null];
    }
    return defaultAxes(dims, view.dims.peek());
  }
}
