// Method tabs (PCA, t-SNE, UMAP, custom axes), their options and run controls, the 2-D/3-D switch.

import { computed, signal } from '@preact/signals-core';
import type { AxisQuery, Method } from '../api/contract';
import { LIMITS, capped, check, checkLearningRate, numberOf, type Limit } from '../api/limits';
import { isFinished } from '../api/contract';
import type { DataSource } from '../api/source';
import type { ProjectionController } from '../controllers/projection';
import { formatNumber } from '../data/coloring';
import { methodName } from '../data/method-name';
import { matchRows } from '../data/search';
import type { Store } from '../state/store';
import { field, h, section, setOptions, setText, setValue } from './dom';
import { watch } from './watch';

type Side = 'left' | 'right' | 'up' | 'down';

export class ProjectionPanel {
  readonly element: HTMLElement;
  readonly dispose: () => void;
  /** The tab the user chose; null shows the view's method. */
  private readonly tab = signal<Method | null>(null);
  private shownFor: Method | null = null;
  private readonly isStatic: boolean;
  /** PCA components offered on the axes; computed so that frames of the same layout do not redraw the PCA pane. */
  private readonly pcaCount = computed(() => {
    const store = this.store;
    store.layoutVersion.value;
    const layoutDims = store.shownMethod.value === 'pca' ? (store.layout.value?.rawDims ?? 0) : 0;
    return Math.max(store.explainedVariance.value?.length ?? 0, layoutDims);
  });
  /** The status of a t-SNE job; computed so that its frames do not redraw the t-SNE pane. */
  private readonly tsneStatus = computed(() => {
    const job = this.store.job.value;
    return job?.method === 'tsne' ? job.status : null;
  });
  private readonly umapStatus = computed(() => {
    const job = this.store.job.value;
    return job?.method === 'umap' ? job.status : null;
  });
  private readonly tabs = new Map<Method, HTMLButtonElement>();
  private readonly panes = new Map<Method, HTMLElement>();
  private readonly dims = h('button', { class: 'dims-toggle', testid: 'dims-toggle', type: 'button', title: 'Switch between 2-D and 3-D' },
    h('span', { 'data-dims': '2' }, '2-D'), h('span', { 'data-dims': '3' }, '3-D'));
  private readonly iteration = h('span', { testid: 'projection-iteration' }, '');
  private readonly total = h('span', { class: 'projection-total', testid: 'projection-total' });
  private readonly status = h('div', { class: 'projection-status', testid: 'projection-status' });
  /** Which layout the map shows, and that it is not the chosen tab's when they differ. */
  private readonly shown = h('div', { class: 'projection-shown', testid: 'projection-shown' });
  /** Per method: why it cannot be shown here, or where its layout comes from (static sites). */
  private readonly reasons = new Map<Method, HTMLElement>();

  // PCA
  private readonly pcaAxes = [0, 1, 2].map((i) => h('select', { testid: `pca-${'xyz'[i]}`, 'aria-label': `PCA component on ${'xyz'[i]}` }));
  private readonly variance = h('div', { class: 'variance-chart', testid: 'explained-variance' });
  // t-SNE
  private readonly perplexity = numberField('tsne-perplexity', LIMITS.perplexity, 'any');
  private readonly learningRate = h('input', { type: 'text', testid: 'tsne-learning-rate', placeholder: 'auto' });
  private readonly iterations = numberField('tsne-iterations', LIMITS.iterations, 1);
  private readonly tsneSupervise = h('select', { testid: 'tsne-supervise' });
  private readonly tsneFactor = h('input', { type: 'range', min: LIMITS.superviseFactor.min, max: LIMITS.superviseFactor.max, step: 0.05, testid: 'tsne-supervise-factor' });
  private readonly tsneRun = h('button', { class: 'primary', testid: 'tsne-run', type: 'button' }, 'Run');
  private readonly tsnePause = h('button', { testid: 'tsne-pause', type: 'button' }, 'Pause');
  private readonly tsneStop = h('button', { testid: 'tsne-stop', type: 'button' }, 'Stop');
  private readonly tsnePerturb = h('button', { testid: 'tsne-perturb', type: 'button', title: 'Nudge every point a little at random (seeded) and go on from there, to escape a local arrangement' }, 'Perturb');
  // UMAP
  private readonly umapNeighbors = numberField('umap-neighbors', LIMITS.neighbors, 1);
  private readonly umapMinDist = numberField('umap-min-dist', LIMITS.minDist, 0.01);
  private readonly umapSupervise = h('select', { testid: 'umap-supervise' });
  private readonly umapRun = h('button', { class: 'primary', testid: 'umap-run', type: 'button' }, 'Run');
  private readonly umapStop = h('button', { testid: 'umap-stop', type: 'button' }, 'Stop');
  // Custom
  private readonly axes: Record<Side, { column: HTMLSelectElement; pattern: HTMLInputElement; count: HTMLElement }>;
  private readonly customRun = h('button', { class: 'primary', testid: 'custom-run', type: 'button' }, 'Apply');

  constructor(private readonly store: Store, private readonly projection: ProjectionController, source: DataSource) {
    this.isStatic = source.mode === 'static';
    for (const method of ['pca', 'tsne', 'umap', 'custom'] as const) this.reasons.set(method, h('p', { class: 'method-reason hint', testid: `${method}-reason`, hidden: true }));
    const tabBar = h('div', { class: 'tabs', role: 'tablist' });
    for (const method of ['pca', 'tsne', 'umap', 'custom'] as const) {
      const button = h('button', { type: 'button', role: 'tab', testid: `method-${method}`, class: 'tab' }, method === 'custom' ? 'Custom' : methodName(method));
      button.addEventListener('click', () => this.choose(method));
      this.tabs.set(method, button);
      tabBar.append(button);
    }
    this.dims.addEventListener('click', () => void projection.setDims(store.view.dims.peek() === 2 ? 3 : 2));

    for (const s of this.pcaAxes) s.addEventListener('change', () => projection.setPcaComponents(this.pcaAxes.map((x) => Number(x.value)) as [number, number, number]));
    this.panes.set('pca', h('div', { class: 'pane' }, this.reasons.get('pca'),
      h('div', { class: 'row3' }, field('X', this.pcaAxes[0]), field('Y', this.pcaAxes[1]), field('Z', this.pcaAxes[2])),
      h('div', { class: 'field-label' }, 'Explained variance'), this.variance));

    this.tsneRun.addEventListener('click', () => void this.runTsne());
    this.tsnePause.addEventListener('click', () => void projection.control(store.job.peek()?.status === 'paused' ? 'resume' : 'pause'));
    this.tsneStop.addEventListener('click', () => void projection.control('stop'));
    this.tsnePerturb.addEventListener('click', () => void projection.perturb());
    // The weight means nothing without a column to supervise by.
    this.tsneSupervise.addEventListener('change', () => (this.tsneFactor.disabled = this.isStatic || this.tsneSupervise.value === ''));
    this.panes.set('tsne', h('div', { class: 'pane' }, this.reasons.get('tsne'),
      h('div', { class: 'row2' }, field('Perplexity', this.perplexity), field('Learning rate', this.learningRate)),
      h('div', { class: 'row2' }, field('Iterations', this.iterations), field('Supervise with', this.tsneSupervise)),
      field('Supervision weight', this.tsneFactor),
      h('div', { class: 'buttons' }, this.tsneRun, this.tsnePause, this.tsneStop, this.tsnePerturb)));

    this.umapRun.addEventListener('click', () => void this.runUmap());
    this.umapStop.addEventListener('click', () => void projection.control('stop'));
    this.panes.set('umap', h('div', { class: 'pane' }, this.reasons.get('umap'),
      h('div', { class: 'row2' }, field('Neighbours', this.umapNeighbors), field('Min distance', this.umapMinDist)),
      field('Supervise with', this.umapSupervise),
      h('div', { class: 'buttons' }, this.umapRun, this.umapStop)));

    const makeAxis = (side: Side) => {
      const column = h('select', { testid: `custom-${side}-column`, 'aria-label': `${side} column` });
      const pattern = h('input', { type: 'text', testid: `custom-${side}`, placeholder: 'regex, e.g. ^king$' });
      const count = h('span', { class: 'hint' });
      const recount = () => {
        this.countAxis(side);
        this.renderCustomValidity();
      };
      column.addEventListener('change', recount);
      pattern.addEventListener('input', recount);
      return { column, pattern, count };
    };
    this.axes = { left: makeAxis('left'), right: makeAxis('right'), up: makeAxis('up'), down: makeAxis('down') };
    this.customRun.addEventListener('click', () => void this.runCustom());
    this.panes.set('custom', h('div', { class: 'pane' }, this.reasons.get('custom'),
      h('p', { class: 'hint' }, 'The x axis runs from the mean of the points matching left to the mean of those matching right; up and down (optional) make the y axis.'),
      ...(['left', 'right', 'up', 'down'] as const).map((side) => h('div', { class: 'axis-row' },
        h('span', { class: 'axis-name' }, side), this.axes[side].column, this.axes[side].pattern, this.axes[side].count)),
      h('div', { class: 'buttons' }, this.customRun)));

    this.element = section('Projection',
      h('div', { class: 'projection-head' }, tabBar, this.dims),
      ...this.panes.values(),
      h('div', { class: 'projection-line' }, h('span', { class: 'field-label' }, 'Iteration'), this.iteration, this.total),
      this.status, this.shown);
    this.dispose = watch(
      () => {
        // A method set by anything but a tab (a bookmark, a link) brings its tab to the front.
        const method = store.view.method.value;
        if (this.shownFor !== null && this.shownFor !== method) this.tab.value = null;
        this.shownFor = method;
      },
      () => this.renderTabs(),
      () => {
        const dims = store.view.dims.value;
        this.dims.setAttribute('aria-pressed', String(dims === 3));
        this.dims.dataset.dims = String(dims);
      },
      () => this.renderStatus(),
      () => this.renderShown(),
      () => this.renderPca(),
      () => this.renderTsne(),
      () => this.renderUmap(),
      () => this.renderCustom(),
    );
  }

  /**
   * A tab shows its layout, as the TensorFlow projector's do: PCA and a precomputed layout at once,
   * t-SNE and UMAP start with the pane's options, custom axes apply once left and right are given.
   * Whatever cannot start leaves the map as it is, and the line under the tabs says which layout it shows.
   */
  private choose(method: Method): void {
    this.tab.value = method;
    const store = this.store;
    if (!store.offered(method)) return;
    const showing = store.view.method.peek() === method && store.layoutIsCurrent.peek();
    if (showing && store.shownMethod.peek() === method) return;
    if (store.offers.peek()?.[method].precomputed) void this.showPrecomputed(method);
    else if (method === 'pca') void this.projection.run('pca');
    else if (method === 'tsne') void this.runTsne();
    else if (method === 'umap') void this.runUmap();
    else if (this.axes.left.pattern.value.trim() && this.axes.right.pattern.value.trim() && !this.customRun.disabled) void this.runCustom();
  }

  private async showPrecomputed(method: Method): Promise<void> {
    this.projection.alignToPrecomputed(method);
    await this.projection.run(method);
  }

  private async runTsne(): Promise<void> {
    const store = this.store;
    if (this.isStatic) {
      await this.showPrecomputed('tsne');
      return;
    }
    const rate = this.learningRate.value.trim();
    const tsne = {
      perplexity: numberOf(this.perplexity.value),
      learningRate: rate === '' || rate === 'auto' ? ('auto' as const) : numberOf(rate),
      iterations: numberOf(this.iterations.value),
      supervise: this.tsneSupervise.value || null,
      superviseFactor: Number(this.tsneFactor.value),
    };
    if (!this.valid([
      [this.perplexity, check('The perplexity', tsne.perplexity, LIMITS.perplexity)],
      [this.learningRate, checkLearningRate(tsne.learningRate)],
      [this.iterations, check('The iterations', tsne.iterations, LIMITS.iterations)],
      [this.tsneFactor, tsne.supervise ? check('The supervision weight', tsne.superviseFactor, LIMITS.superviseFactor) : null],
    ])) return;
    const view = store.view;
    const again = view.method.peek() === 'tsne' && store.layoutIsCurrent.peek() && JSON.stringify(view.tsne.peek()) === JSON.stringify(tsne) && !store.job.peek()?.status.match(/running|queued|paused/);
    // Running the same options again starts from a new random seed, as a re-run should.
    await this.projection.run('tsne', { tsne, seed: again ? view.seed.peek() + 1 : view.seed.peek() });
  }

  private async runUmap(): Promise<void> {
    if (this.isStatic) {
      await this.showPrecomputed('umap');
      return;
    }
    const umap = {
      neighbors: numberOf(this.umapNeighbors.value),
      minDist: numberOf(this.umapMinDist.value),
      supervise: this.umapSupervise.value || null,
    };
    if (!this.valid([
      [this.umapNeighbors, check('The neighbours', umap.neighbors, this.neighborLimit())],
      [this.umapMinDist, check('The min distance', umap.minDist, LIMITS.minDist)],
    ])) return;
    await this.projection.run('umap', { umap });
  }

  /** UMAP's neighbours are also fewer than the points of the layout. */
  private neighborLimit(): Limit {
    const store = this.store;
    const points = store.view.isolated.peek()?.length ?? store.item.peek()?.points ?? Number.MAX_SAFE_INTEGER;
    return capped(LIMITS.neighbors, points - 1);
  }

  /** Marks each field by its problem (null: fine) and shows them all; true when there is none. */
  private valid(checks: [HTMLInputElement, string | null][]): boolean {
    for (const [input, problem] of checks) {
      input.classList.toggle('invalid', problem !== null);
      input.setAttribute('aria-invalid', String(problem !== null));
      input.title = problem ?? '';
    }
    const problems = checks.map(([, p]) => p).filter((p) => p !== null);
    if (problems.length > 0) this.store.error.value = problems.join(' ');
    return problems.length === 0;
  }

  private async runCustom(): Promise<void> {
    const read = (side: Side): AxisQuery | null => {
      const a = this.axes[side];
      return a.pattern.value.trim() ? { column: a.column.value, pattern: a.pattern.value.trim() } : null;
    };
    const custom = { left: read('left'), right: read('right'), up: read('up'), down: read('down') };
    if (!custom.left || !custom.right) {
      this.store.error.value = 'Custom axes need a query for left and for right (e.g. ^man$ and ^woman$); up and down are optional.';
      return;
    }
    await this.projection.run('custom', { custom });
  }

  private countAxis(side: Side): void {
    const a = this.axes[side];
    const column = this.store.column(a.column.value);
    if (!column || a.pattern.value.trim() === '') {
      a.count.textContent = '';
      a.count.title = '';
      a.pattern.classList.remove('invalid');
      a.pattern.removeAttribute('aria-invalid');
      return;
    }
    const rows = matchRows(column.values, a.pattern.value.trim(), true);
    const bad = !Array.isArray(rows);
    a.count.textContent = bad ? 'invalid regex' : `${rows.length} match${rows.length === 1 ? '' : 'es'}`;
    a.count.title = bad ? rows.error : '';
    a.count.classList.toggle('bad', bad || rows.length === 0);
    a.pattern.classList.toggle('invalid', bad);
    a.pattern.setAttribute('aria-invalid', String(bad));
  }

  /** Apply waits until every axis's regex compiles; the reason shows beside Apply. */
  private renderCustomValidity(): void {
    const bad = (['left', 'right', 'up', 'down'] as const).filter((side) => this.axes[side].pattern.classList.contains('invalid'));
    this.customRun.disabled = !this.store.offered('custom') || bad.length > 0;
    this.customRun.title = bad.length > 0 ? `Fix the regular expression of ${bad.join(' and ')} first.` : '';
  }

  private renderTabs(): void {
    const store = this.store;
    const tab = this.tab.value ?? store.view.method.value;
    const offers = store.offers.value;
    for (const [method, button] of this.tabs) {
      button.setAttribute('aria-selected', String(method === tab));
      button.classList.toggle('active', method === tab);
      const offer = offers?.[method] ?? null;
      button.classList.toggle('unavailable', offer !== null && !offer.available);
      button.classList.toggle('precomputed', offer?.precomputed != null);
      button.title = offer?.reason ?? '';
      const reason = this.reasons.get(method)!;
      reason.textContent = offer?.reason ?? '';
      reason.hidden = !offer?.reason;
      reason.classList.toggle('bad', offer !== null && !offer.available);
    }
    for (const [method, pane] of this.panes) pane.hidden = method !== tab;
  }

  private renderStatus(): void {
    const store = this.store;
    const job = store.job.value;
    const shown = store.iteration.value;
    const cost = store.cost.value;
    setText(this.iteration, shown === null ? '' : String(shown));
    let status = '';
    let total = '';
    if (job) {
      total = job.totalIterations > 0 ? `/ ${job.totalIterations}` : '';
      const parts = [`${methodName(job.method)} ${job.status}`];
      if (job.status === 'running' && job.phase) parts.push(job.phase);
      if (cost !== null && Number.isFinite(cost)) parts.push(`cost ${formatNumber(cost)}`);
      if (job.cached) parts.push('cached');
      status = parts.join(' · ');
    }
    setText(this.total, total);
    setText(this.status, status);
  }

  private renderShown(): void {
    const store = this.store;
    const tab = this.tab.value ?? store.view.method.value;
    const layout = store.layout.value;
    const shown = store.shownMethod.value;
    const job = store.job.value;
    if (!layout) {
      this.shown.textContent = '';
      this.shown.classList.remove('differs');
      return;
    }
    const starting = job !== null && job.method === tab && !isFinished(job.status) && shown !== tab;
    const differs = shown !== tab;
    setText(this.shown, !differs
      ? `The map shows ${label(shown)}.`
      : starting
        ? `The map shows ${label(shown)} until ${label(tab)}'s first positions arrive.`
        : `The map shows ${label(shown)}, not ${label(tab)}: ${tab === 'custom' ? 'give left and right, then Apply' : store.offered(tab) ? 'press Run' : 'this site cannot show it'}.`);
    this.shown.classList.toggle('differs', differs);
  }

  private renderPca(): void {
    const store = this.store;
    const { pca, dims } = { pca: store.view.pca.value, dims: store.view.dims.value };
    const ev = store.explainedVariance.value ?? [];
    const count = this.pcaCount.value;
    const options = Array.from({ length: count }, (_, i) => ({ value: String(i), label: `PC${i + 1}${ev[i] !== undefined ? ` · ${(ev[i] * 100).toFixed(0)}%` : ''}` }));
    this.pcaAxes.forEach((select, i) => {
      setOptions(select, options, String(pca[i]));
      select.disabled = count === 0 || (i === 2 && dims === 2);
    });
    this.renderVariance(ev, pca, dims);
  }

  private columnOptions(): { value: string; label: string }[] {
    return this.store.columns.value.map((c) => ({ value: c.name, label: c.name }));
  }

  private renderTsne(): void {
    const store = this.store;
    const tsne = store.view.tsne.value;
    const isStatic = this.isStatic;
    setValue(this.perplexity, String(tsne.perplexity));
    setValue(this.learningRate, String(tsne.learningRate));
    setValue(this.iterations, String(tsne.iterations));
    setValue(this.tsneFactor, String(tsne.superviseFactor));
    setOptions(this.tsneSupervise, [{ value: '', label: 'None' }, ...this.columnOptions()], tsne.supervise ?? '');
    const status = this.tsneStatus.value;
    const active = status === 'running' || status === 'queued' || status === 'paused';
    this.tsneRun.textContent = isStatic ? 'Show' : store.view.method.value === 'tsne' && store.layoutIsCurrent.value && !active ? 'Re-run' : 'Run';
    this.tsneRun.disabled = !store.offered('tsne');
    for (const input of [this.perplexity, this.learningRate, this.iterations, this.tsneSupervise]) input.disabled = isStatic;
    this.tsneFactor.disabled = isStatic || !tsne.supervise;
    this.tsnePause.hidden = isStatic;
    this.tsneStop.hidden = isStatic;
    this.tsnePerturb.hidden = isStatic;
    this.tsnePause.disabled = !active;
    this.tsnePause.textContent = status === 'paused' ? 'Resume' : 'Pause';
    this.tsneStop.disabled = !active;
    // Perturbing needs t-SNE positions on the map to start from.
    this.tsnePerturb.disabled = store.shownMethod.value !== 'tsne' || !store.layout.value;
  }

  private renderUmap(): void {
    const store = this.store;
    const umap = store.view.umap.value;
    setValue(this.umapNeighbors, String(umap.neighbors));
    setValue(this.umapMinDist, String(umap.minDist));
    setOptions(this.umapSupervise, [{ value: '', label: 'None' }, ...this.columnOptions()], umap.supervise ?? '');
    this.umapRun.textContent = this.isStatic ? 'Show' : 'Run';
    this.umapRun.disabled = !store.offered('umap');
    for (const input of [this.umapNeighbors, this.umapMinDist, this.umapSupervise]) input.disabled = this.isStatic;
    this.umapNeighbors.max = String(this.neighborLimit().max);
    const status = this.umapStatus.value;
    this.umapStop.hidden = this.isStatic;
    this.umapStop.disabled = !(status === 'running' || status === 'queued' || status === 'paused');
  }

  private renderCustom(): void {
    const store = this.store;
    const custom = store.view.custom.value;
    const label = store.view.label.value;
    const columnOptions = this.columnOptions();
    for (const side of ['left', 'right', 'up', 'down'] as const) {
      const a = this.axes[side];
      const axis = custom[side];
      const before = a.column.value;
      setOptions(a.column, columnOptions, axis?.column ?? (before || label || ''));
      if (axis) setValue(a.pattern, axis.pattern);
      this.countAxis(side);
    }
    this.renderCustomValidity();
  }

  private renderVariance(ev: number[], pca: [number, number, number], dims: 2 | 3): void {
    if (ev.length === 0) {
      this.variance.replaceChildren(h('div', { class: 'hint' }, 'Run PCA to see how much variance each component explains.'));
      return;
    }
    const max = Math.max(...ev, 1e-9);
    const used = new Set(dims === 3 ? pca : pca.slice(0, 2));
    const total = [...used].reduce((sum, i) => sum + (ev[i] ?? 0), 0);
    this.variance.replaceChildren(
      h('div', { class: 'bars' }, ...ev.map((v, i) => h('div', { class: `bar${used.has(i) ? ' used' : ''}`, title: `PC ${i + 1}: ${(v * 100).toFixed(2)}%` },
        h('span', { class: 'bar-fill', style: `height: ${Math.max(2, (v / max) * 100)}%` }), h('span', { class: 'bar-label' }, String(i + 1))))),
      h('div', { class: 'hint' }, `Shown components explain ${(total * 100).toFixed(1)}% of the variance.`));
  }
}

/** A number field whose bounds are the server's (see `api/limits.ts`). */
function numberField(testid: string, limit: Limit, step: number | 'any'): HTMLInputElement {
  const bound = (v: number) => (Math.abs(v) >= Number.MAX_VALUE / 2 ? undefined : v);
  // An exclusive minimum (perplexity above 0) has no HTML form; the check on Run says it.
  return h('input', { type: 'number', min: limit.minExclusive ? undefined : bound(limit.min), max: bound(limit.max), step, testid });
}

function label(method: Method): string {
  return method === 'custom' ? 'custom axes' : methodName(method);
}
