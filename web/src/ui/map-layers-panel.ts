// Switches and sliders of what is drawn besides the points: density shading, cluster names, and the
// size and opacity of the points.

import type { Store } from '../state/store';
import { field, h, section } from './dom';
import { watch } from './watch';

export class MapLayersPanel {
  readonly element: HTMLElement;
  readonly dispose: () => void;
  private readonly density = h('input', { type: 'checkbox', testid: 'density-toggle' });
  private readonly clusters = h('input', { type: 'checkbox', testid: 'cluster-labels-toggle' });
  private readonly size = h('input', { type: 'range', min: '-2', max: '2', step: '0.25', value: '0', testid: 'point-size', 'aria-label': 'Point size' });
  private readonly opacity = h('input', { type: 'range', min: '0.05', max: '1', step: '0.05', value: '1', testid: 'point-opacity', 'aria-label': 'Point opacity' });
  private readonly densityHint = h('div', { class: 'hint', hidden: true }, 'Density is drawn for 2-D layouts.');

  constructor(store: Store) {
    const layers = store.layers;
    this.density.addEventListener('change', () => (layers.showDensity.value = this.density.checked));
    this.clusters.addEventListener('change', () => (layers.showClusterLabels.value = this.clusters.checked));
    // The size slider is in powers of two: each step halves or doubles the automatic size.
    this.size.addEventListener('input', () => (layers.pointScale.value = 2 ** Number(this.size.value)));
    this.opacity.addEventListener('input', () => (layers.pointOpacity.value = Number(this.opacity.value)));
    this.element = section('Map layers',
      h('label', { class: 'check' }, this.density, ' Density (contours of where the points are)'),
      this.densityHint,
      h('label', { class: 'check' }, this.clusters, ' Cluster names'),
      field('Point size', this.size),
      field('Point opacity', this.opacity));
    this.dispose = watch(() => {
      this.density.checked = layers.showDensity.value;
      this.clusters.checked = layers.showClusterLabels.value;
      this.densityHint.hidden = !(layers.showDensity.value && store.view.dims.value === 3);
      this.size.value = String(Math.log2(layers.pointScale.value));
      this.opacity.value = String(layers.pointOpacity.value);
    });
  }
}
