// The files the download buttons offer, made from what is on screen.

import { layoutCsv, layoutNpy, selectionTsv } from '../data/export';
import type { App } from './app';

export interface DownloadFile {
  name: string;
  content: string | Uint8Array;
  type: string;
}

/**
 * The layout on screen: PCA gives the components on the axes (x, y and, in 3-D, z), other methods
 * all their columns. CSV adds the dataset index and the metadata; .npy is float32 rows x dims.
 */
export function layoutFile(app: App, format: 'csv' | 'npy'): DownloadFile {
  const layout = app.layout;
  if (!layout?.raw) throw new Error('There is no layout to download yet.');
  const pca = app.shownMethod === 'pca';
  const dims = pca ? (layout.axes[2] === null ? 2 : 3) : layout.rawDims;
  let values = layout.raw;
  if (pca) {
    const axes = layout.axes.slice(0, dims) as number[];
    values = new Float32Array(layout.points * dims);
    for (let i = 0; i < layout.points; i++) for (let d = 0; d < dims; d++) values[i * dims + d] = layout.raw[i * layout.rawDims + axes[d]];
  }
  const name = `${app.item?.id ?? 'layout'}-${app.shownMethod}`;
  if (format === 'npy') return { name: `${name}.npy`, content: layoutNpy(values, layout.points, dims), type: 'application/octet-stream' };
  const rows = app.rows ?? Int32Array.from({ length: layout.points }, (_, i) => i);
  return { name: `${name}.csv`, content: layoutCsv(values, dims, rows, app.metadata), type: 'text/csv' };
}

/** The metadata of the selected points, in dataset order. */
export function selectionFile(app: App): DownloadFile {
  if (!app.metadata) throw new Error('The metadata is not loaded yet.');
  if (app.state.selection.length === 0) throw new Error('Select points first; the TSV holds the metadata of the selection.');
  const rows = [...app.state.selection].sort((a, b) => a - b);
  return { name: `${app.item?.id ?? 'dataset'}-selection.tsv`, content: selectionTsv(app.metadata, rows), type: 'text/tab-separated-values' };
}
