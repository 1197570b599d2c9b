// How far to trust the picture: the finished layout's kNN preservation and trustworthiness (k = 10,
// as `projector project --quality` prints them), the sample they were measured on, its clusters, and
// a button to colour the points by the share of their neighbours each one kept.

import { NEIGHBORHOOD_KEPT } from '../controllers/clusters';
import type { ColouringController } from '../controllers/colouring';
import type { Store } from '../state/store';
import { h, section, setChildren } from './dom';
import { watch } from './watch';

/** Three decimals, as the command line prints them; "n/a" for NaN. */
export function figure(v: number | null): string {
  return v === null || !Number.isFinite(v) ? 'n/a' : v.toFixed(3);
}

export class QualityView {
  readonly element: HTMLElement;
  readonly dispose: () => void;
  private readonly body = h('div', { class: 'quality', testid: 'quality' });
  /** The colour column before "neighbourhood kept" was chosen here, put back by the same button. */
  private before = '';

  /** `measures`: the source computes quality figures (the server; a static site has none). */
  constructor(store: Store, colouring: ColouringController, measures: boolean) {
    this.element = section('Layout quality', this.body);
    this.element.classList.add('quality-section');
    this.dispose = watch(() => {
      const layers = store.layers;
      const quality = layers.quality.value;
      const clusters = layers.clusters.value;
      const error = layers.analysisError.value;
      const job = store.job.value;
      const finished = job !== null && (job.status === 'done' || job.status === 'stopped');
      const parts: (HTMLElement | string)[] = [];
      if (quality) {
        const f = quality.figures;
        const sampled = f.sampleSize < f.points;
        parts.push(
          h('div', { class: 'quality-figures' },
            h('span', { class: 'quality-figure', title: `Mean share of each point's ${f.k} nearest input neighbours that stay among its ${f.k} nearest on the map` },
              'kNN kept ', h('strong', { testid: 'quality-knn' }, figure(f.knnPreservation))),
            h('span', { class: 'quality-figure', title: 'Trustworthiness (Venna and Kaski): 1 when the map shows no false neighbours' },
              'trustworthiness ', h('strong', { testid: 'quality-trust' }, figure(f.trustworthiness)))),
          h('div', { class: 'hint', testid: 'quality-sample' },
            sampled ? `k = ${f.k}, on a sample of ${f.sampleSize.toLocaleString('en')} of ${f.points.toLocaleString('en')} points` : `k = ${f.k}, on all ${f.points.toLocaleString('en')} points`),
        );
        const kept = store.view.color.value === NEIGHBORHOOD_KEPT;
        const button = h('button', { type: 'button', class: 'small', testid: 'color-by-kept', 'aria-pressed': String(kept) },
          kept ? 'Colour as before' : 'Colour by neighbourhood kept');
        button.addEventListener('click', () => {
          if (store.view.color.peek() === NEIGHBORHOOD_KEPT) colouring.setColor(this.before || null);
          else {
            this.before = store.view.color.peek() ?? '';
            colouring.setColor(NEIGHBORHOOD_KEPT);
          }
        });
        parts.push(h('div', { class: 'buttons' }, button));
      } else if (finished && !error && measures) {
        parts.push(h('div', { class: 'hint' }, 'Measuring the layout…'));
      } else if (!measures) {
        parts.push(h('div', { class: 'hint' }, 'The quality of a layout is measured by projector serve (or projector project --quality).'));
      }
      if (clusters) {
        const noise = clusters.assignments.reduce((s, c) => s + (c < 0 ? 1 : 0), 0);
        parts.push(h('div', { class: 'hint', testid: 'cluster-summary' },
          `${clusters.clusters.length} cluster${clusters.clusters.length === 1 ? '' : 's'} (HDBSCAN on the map), ${noise.toLocaleString('en')} points in none`));
      }
      if (error) parts.push(h('div', { class: 'hint warning' }, error));
      if (parts.length === 0) parts.push(h('div', { class: 'hint' }, 'Shown once a layout is finished.'));
      setChildren(this.body, parts);
    });
  }
}
