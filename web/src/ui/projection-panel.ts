// Method tabs (PCA, t-SNE, UMAP, custom axes), their options and run controls, the 2-D/3-D switch.

import type { AxisQuery, Method } from '../api/contract';
import { formatNumber } from '../data/coloring';
import { matchRows } from '../data/search';
import { methodName, type App, type Panel } from './app';
import { field, h, section, setOptions, setValue } from './dom';

type Side = 'left' | 'right' | 'up' | 'down';

export class ProjectionPanel implements Panel {
  readonly element: HTMLElement;
  private tab: Method | null = null;
  private shownFor: Method | null = null;
  private readonly tabs = new Map<Method, HTMLButtonElement>();
  private readonly panes = new Map<Method, HTMLElement>();
  private readonly dims = h('button', { class: 'dims-toggle', testid: 'dims-toggle', type: 'button', title: 'Switch between 2-D and 3-D' },
    h('span', { 'data-dims': '2' }, '2-D'), h('span', { 'data-dims': '3' }, '3-D'));
  private readonly iteration = h('span', { testid: 'projection-iteration' }, '');
  private readonly total = h('span', { class: 'projection-total' });
  private readonly status = h('div', { class: 'projection-status' });
  /** Per method: why it cannot be shown here, or where its layout comes from (static sites). */
  private readonly reasons = new Map<Method, HTMLElement>();

  // PCA
  private readonly pcaAxes = [0, 1, 2].map((i) => h('select', { testid: `pca-${'xyz'[i]}`, 'aria-label': `PCA component on ${'xyz'[i]}` }));
  private readonly variance = h('div', { class: 'variance-chart', testid: 'explained-variance' });
  // t-SNE
  private readonly perplexity = h('input', { type: 'number', min: 2, max: 100, step: 1, testid: 'tsne-perplexity' });
  private readonly learningRate = h('input', { type: 'text', testid: 'tsne-learning-rate', placeholder: 'auto' });
  private readonly iterations = h('input', { type: 'number', min: 50, max: 10000, step: 50, testid: 'tsne-iterations' });
  private readonly tsneSupervise = h('select', { testid: 'tsne-supervise' });
  private readonly tsneFactor = h('input', { type: 'range', min: 0, max: 1, step: 0.05, testid: 'tsne-supervise-factor' });
  private readonly tsneRun = h('button', { class: 'primary', testid: 'tsne-run', type: 'button' }, 'Run');
  private readonly tsnePause = h('button', { testid: 'tsne-pause', type: 'button' }, 'Pause');
  private readonly tsneStop = h('button', { testid: 'tsne-stop', type: 'button' }, 'Stop');
  // UMAP
  private readonly umapNeighbors = h('input', { type: 'number', min: 2, max: 200, step: 1, testid: 'umap-neighbors' });
  private readonly umapMinDist = h('input', { type: 'number', min: 0, max: 1, step: 0.01, testid: 'umap-min-dist' });
  private readonly umapSupervise = h('select', { testid: 'umap-supervise' });
  private readonly umapRun = h('button', { class: 'primary', testid: 'umap-run', type: 'button' }, 'Run');
  // Custom
  private readonly axes: Record<Side, { column: HTMLSelectElement; pattern: HTMLInputElement; count: HTMLElement }>;
  private readonly customRun = h('button', { class: 'primary', testid: 'custom-run', type: 'button' }, 'Apply');

  constructor(private readonly app: App) {
    for (const method of ['pca', 'tsne', 'umap', 'custom'] as const) this.reasons.set(method, h('p', { class: 'method-reason hint', testid: `${method}-reason`, hidden: true }));
    const tabBar = h('div', { class: 'tabs', role: 'tablist' });
    for (const method of ['pca', 'tsne', 'umap', 'custom'] as const) {
      const button = h('button', { type: 'button', role: 'tab', testid: `method-${method}`, class: 'tab' }, method === 'custom' ? 'Custom' : methodName(method));
      button.addEventListener('click', () => this.choose(method));
      this.tabs.set(method, button);
      tabBar.append(button);
    }
    this.dims.addEventListener('click', () => void app.setDims(app.state.dims === 2 ? 3 : 2));

    for (const s of this.pcaAxes) s.addEventListener('change', () => app.setPcaComponents(this.pcaAxes.map((x) => Number(x.value)) as [number, number, number]));
    this.panes.set('pca', h('div', { class: 'pane' }, this.reasons.get('pca'),
      h('div', { class: 'row3' }, field('X', this.pcaAxes[0]), field('Y', this.pcaAxes[1]), field('Z', this.pcaAxes[2])),
      h('div', { class: 'field-label' }, 'Explained variance'), this.variance));

    this.tsneRun.addEventListener('click', () => void this.runTsne());
    this.tsnePause.addEventListener('click', () => void app.control(app.job?.status === 'paused' ? 'resume' : 'pause'));
    this.tsneStop.addEventListener('click', () => void app.control('stop'));
    this.panes.set('tsne', h('div', { class: 'pane' }, this.reasons.get('tsne'),
      h('div', { class: 'row2' }, field('Perplexity', this.perplexity), field('Learning rate', this.learningRate)),
      h('div', { class: 'row2' }, field('Iterations', this.iterations), field('Supervise with', this.tsneSupervise)),
      field('Supervision weight', this.tsneFactor),
      h('div', { class: 'buttons' }, this.tsneRun, this.tsnePause, this.tsneStop)));

    this.umapRun.addEventListener('click', () => void this.runUmap());
    this.panes.set('umap', h('div', { class: 'pane' }, this.reasons.get('umap'),
      h('div', { class: 'row2' }, field('Neighbours', this.umapNeighbors), field('Min distance', this.umapMinDist)),
      field('Supervise with', this.umapSupervise),
      h('div', { class: 'buttons' }, this.umapRun)));

    const makeAxis = (side: Side) => {
      const column = h('select', { testid: `custom-${side}-column`, 'aria-label': `${side} column` });
      const pattern = h('input', { type: 'text', testid: `custom-${side}`, placeholder: 'regex, e.g. ^king$' });
      const count = h('span', { class: 'hint' });
      const recount = () => this.countAxis(side);
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
      this.status);
  }

  private choose(method: Method): void {
    this.tab = method;
    const app = this.app;
    if (method !== app.state.method && app.offered(method)) {
      // PCA, and on a static site a precomputed t-SNE or UMAP, are ready to show at once.
      if (method === 'pca') void app.run('pca');
      else if (app.offers?.[method].precomputed) void this.showPrecomputed(method);
    }
    this.update(app);
  }

  private async showPrecomputed(method: Method): Promise<void> {
    this.app.alignToPrecomputed(method);
    await this.app.run(method);
  }

  private async runTsne(): Promise<void> {
    const app = this.app;
    if (app.source.mode === 'static') {
      await this.showPrecomputed('tsne');
      return;
    }
    const rate = this.learningRate.value.trim();
    const tsne = {
      perplexity: Number(this.perplexity.value) || 30,
      learningRate: rate === '' || rate === 'auto' ? ('auto' as const) : Number(rate),
      iterations: Number(this.iterations.value) || 750,
      supervise: this.tsneSupervise.value || null,
      superviseFactor: Number(this.tsneFactor.value),
    };
    if (tsne.learningRate !== 'auto' && !(tsne.learningRate > 0)) {
      app.fail('The learning rate is "auto" or a positive number.');
      return;
    }
    const again = app.state.method === 'tsne' && app.layoutIsCurrent && JSON.stringify(app.state.tsne) === JSON.stringify(tsne) && !app.job?.status.match(/running|queued|paused/);
    // Running the same options again starts from a new random seed, as a re-run should.
    await app.run('tsne', { tsne, seed: again ? app.state.seed + 1 : app.state.seed });
  }

  private async runUmap(): Promise<void> {
    if (this.app.source.mode === 'static') {
      await this.showPrecomputed('umap');
      return;
    }
    const umap = {
      neighbors: Number(this.umapNeighbors.value) || 15,
      minDist: Number(this.umapMinDist.value),
      supervise: this.umapSupervise.value || null,
    };
    await this.app.run('umap', { umap });
  }

  private async runCustom(): Promise<void> {
    const read = (side: Side): AxisQuery | null => {
      const a = this.axes[side];
      return a.pattern.value.trim() ? { column: a.column.value, pattern: a.pattern.value.trim() } : null;
    };
    const custom = { left: read('left'), right: read('right'), up: read('up'), down: read('down') };
    if (!custom.left || !custom.right) {
      this.app.fail('Custom axes need a query for left and for right (e.g. ^man$ and ^woman$); up and down are optional.');
      return;
    }
    await this.app.run('custom', { custom });
  }

  private countAxis(side: Side): void {
    const a = this.axes[side];
    const column = this.app.column(a.column.value);
    if (!column || a.pattern.value.trim() === '') {
      a.count.textContent = '';
      return;
    }
    const rows = matchRows(column.values, a.pattern.value.trim(), true);
    a.count.textContent = Array.isArray(rows) ? `${rows.length} match${rows.length === 1 ? '' : 'es'}` : 'bad regex';
    a.count.classList.toggle('bad', !Array.isArray(rows) || rows.length === 0);
  }

  update(app: App): void {
    const s = app.state;
    // A method set by anything but a tab (a bookmark, a link) brings its tab to the front.
    if (this.shownFor !== null && this.shownFor !== s.method) this.tab = null;
    this.shownFor = s.method;
    const tab = this.tab ?? s.method;
    const isStatic = app.source.mode === 'static';
    for (const [method, button] of this.tabs) {
      button.setAttribute('aria-selected', String(method === tab));
      button.classList.toggle('active', method === tab);
      const offer = app.offers?.[method] ?? null;
      button.classList.toggle('unavailable', offer !== null && !offer.available);
      button.classList.toggle('precomputed', offer?.precomputed != null);
      button.title = offer?.reason ?? '';
      const reason = this.reasons.get(method)!;
      reason.textContent = offer?.reason ?? '';
      reason.hidden = !offer?.reason;
      reason.classList.toggle('bad', offer !== null && !offer.available);
    }
    for (const [method, pane] of this.panes) pane.hidden = method !== tab;
    this.dims.setAttribute('aria-pressed', String(s.dims === 3));
    this.dims.dataset.dims = String(s.dims);

    const job = app.job;
    const shown = app.iteration;
    this.iteration.textContent = shown === null ? '' : String(shown);
    let status = '';
    let total = '';
    if (job) {
      total = job.totalIterations > 0 ? `/ ${job.totalIterations}` : '';
      const parts = [`${methodName(job.method)} ${job.status}`];
      if (job.status === 'running' && job.phase) parts.push(job.phase);
      if (app.cost !== null && Number.isFinite(app.cost)) parts.push(`cost ${formatNumber(app.cost)}`);
      if (job.cached) parts.push('cached');
      status = parts.join(' · ');
    }
    this.total.textContent = total;
    this.status.textContent = status;

    // PCA
    const ev = app.explainedVariance ?? [];
    const count = Math.max(ev.length, app.shownMethod === 'pca' ? (app.layout?.rawDims ?? 0) : 0);
    const options = Array.from({ length: count }, (_, i) => ({ value: String(i), label: `PC${i + 1}${ev[i] !== undefined ? ` · ${(ev[i] * 100).toFixed(0)}%` : ''}` }));
    this.pcaAxes.forEach((select, i) => {
      setOptions(select, options, String(s.pca[i]));
      select.disabled = count === 0 || (i === 2 && s.dims === 2);
    });
    this.renderVariance(ev, s.pca, s.dims);

    // t-SNE
    setValue(this.perplexity, String(s.tsne.perplexity));
    setValue(this.learningRate, String(s.tsne.learningRate));
    setValue(this.iterations, String(s.tsne.iterations));
    setValue(this.tsneFactor, String(s.tsne.superviseFactor));
    const columns = app.metadata?.columns ?? [];
    const columnOptions = columns.map((c) => ({ value: c.name, label: c.name }));
    setOptions(this.tsneSupervise, [{ value: '', label: 'None' }, ...columnOptions], s.tsne.supervise ?? '');
    const tsneJob = job?.method === 'tsne' ? job : null;
    const active = tsneJob !== null && (tsneJob.status === 'running' || tsneJob.status === 'queued' || tsneJob.status === 'paused');
    this.tsneRun.textContent = isStatic ? 'Show' : s.method === 'tsne' && app.layoutIsCurrent && !active ? 'Re-run' : 'Run';
    this.tsneRun.disabled = !app.offered('tsne');
    for (const input of [this.perplexity, this.learningRate, this.iterations, this.tsneSupervise, this.tsneFactor]) input.disabled = isStatic;
    this.tsnePause.hidden = isStatic;
    this.tsneStop.hidden = isStatic;
    this.tsnePause.disabled = !active;
    this.tsnePause.textContent = tsneJob?.status === 'paused' ? 'Resume' : 'Pause';
    this.tsneStop.disabled = !active;

    // UMAP
    setValue(this.umapNeighbors, String(s.umap.neighbors));
    setValue(this.umapMinDist, String(s.umap.minDist));
    setOptions(this.umapSupervise, [{ value: '', label: 'None' }, ...columnOptions], s.umap.supervise ?? '');
    this.umapRun.textContent = isStatic ? 'Show' : 'Run';
    this.umapRun.disabled = !app.offered('umap');
    for (const input of [this.umapNeighbors, this.umapMinDist, this.umapSupervise]) input.disabled = isStatic;
    this.customRun.disabled = !app.offered('custom');

    // Custom
    for (const side of ['left', 'right', 'up', 'down'] as const) {
      const a = this.axes[side];
      const axis = s.custom[side];
      const before = a.column.value;
      setOptions(a.column, columnOptions, axis?.column ?? (before || s.label || ''));
      if (axis) setValue(a.pattern, axis.pattern);
    }
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
