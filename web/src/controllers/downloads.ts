// The files the download buttons offer, made from what is on screen.

import { messageOf } from '../api/problem';
import { download, layoutCsv, layoutNpy, selectionTsv } from '../data/export';
import type { Store } from '../state/store';

export interface DownloadFile {
  name: string;
  content: string | Uint8Array;
  type: string;
}

/**
 * The layout on screen: PCA gives the components on the axes (x, y and, in 3-D, z), other methods
 * all their columns. CSV adds the dataset index and the metadata; .npy is float32 rows x dims.
 */
export function layoutFile(store: Store, format: 'csv' | 'npy'): DownloadFile {
  const layout = store.layout.peek();
  if (!layout?.raw) throw new Error('There is no layout to download yet.');
  const method = store.shownMethod.peek();
  const pca = method === 'pca';
  const dims = pca ? (layout.axes[2] === null ? 2 : 3) : layout.rawDims;
  let values = layout.raw;
  if (pca) {
    const axes = layout.axes.slice(0, dims) as number[];
    values = new Float32Array(layout.points * dims);
    for (let i = 0; i < layout.points; i++) for (let d = 0; d < dims; d++) values[i * dims + d] = layout.raw[i * layout.rawDims + axes[d]];
  }
  const name = `${store.item.peek()?.id ?? 'layout'}-${method}`;
  if (format === 'npy') return { name: `${name}.npy`, content: layoutNpy(values, layout.points, dims), type: 'application/octet-stream' };
  const rows = store.rows.peek() ?? Int32Array.from({ length: layout.points }, (_, i) => i);
  return { name: `${name}.csv`, content: layoutCsv(values, dims, rows, store.metadata.peek()), type: 'text/csv' };
}

/** The metadata of the selected points, in dataset order. */
export function selectionFile(store: Store): DownloadFile {
  const metadata = store.metadata.peek();
  const selection = store.view.selection.peek();
  if (!metadata) throw new Error('The metadata is not loaded yet.');
  if (selection.length === 0) throw new Error('Select points first; the TSV holds the metadata of the selection.');
  const rows = [...selection].sort((a, b) => a - b);
  return { name: `${store.item.peek()?.id ?? 'dataset'}-selection.tsv`, content: selectionTsv(metadata, rows), type: 'text/tab-separated-values' };
}

export class DownloadsController {
  constructor(private readonly store: Store) {}

  csv(): void {
    this.offer(() => layoutFile(this.store, 'csv'));
  }

  npy(): void {
    this.offer(() => layoutFile(this.store, 'npy'));
  }

  tsv(): void {
    this.offer(() => selectionFile(this.store));
  }

  private offer(make: () => DownloadFile): void {
    try {
      const file = make();
      download(file.name, file.content, file.type);
    } catch (error) {
      this.store.error.value = messageOf(error);
    }
  }
}
