// Placing new items into the finished layout on screen: sends the picked files, keeps the answer for
// the scene, and selects the placed items' nearest dataset rows so the map highlights them. Also knows
// which model (if any) the server embeds images with, so the control says what it takes.

import { signal } from '@preact/signals-core';
import type { ModelInfo } from '../api/contract';
import { decodePlaced, placeRequest } from '../api/place';
import { messageOf } from '../api/problem';
import type { Context } from './context';
import type { SelectionController } from './selection';

/** What the file picker takes: images only when the server has a model to embed them. */
export const ACCEPT_WITH_MODEL = 'image/png,image/jpeg,.f32,.bin';
export const ACCEPT_ROWS = '.f32,.bin';

export class PlacementController {
  private token = 0;
  /** The server's model; null until known or when the source places nothing. */
  readonly model = signal<ModelInfo | null>(null);

  constructor(private readonly ctx: Context, private readonly selection: SelectionController) {}

  /** Asks the server which model embeds images (once, at start). */
  async loadModel(): Promise<void> {
    const { source } = this.ctx;
    if (!source.place || !source.model) return;
    try {
      this.model.value = await source.model();
    } catch {
      // An older server without the route: only rows can be placed, which the hint then says.
      this.model.value = { model: null, layer: null };
    }
  }

  /** Why nothing can be placed now, or null when the layout on screen takes new items. */
  blocked(): string | null {
    const { store, source } = this.ctx;
    if (!source.place) return 'This site cannot place new items: it has no server.';
    const job = store.job.value;
    if (store.shownMethod.value === 'custom') return 'New items go into PCA, t-SNE and UMAP layouts, not custom axes.';
    if (!job || job.status !== 'done' || !store.layoutIsCurrent.value) return 'New items can be placed once the layout is finished.';
    return null;
  }

  /** What the picker takes and what to do for images without a model; `dims` is the dataset's width. */
  hint(dims: number): string {
    const model = this.model.value?.model ?? null;
    const rows = `a .f32/.bin file of float32 rows, ${dims} values each (the dataset's own space)`;
    if (!model) {
      return `Pick ${rows}. To place images, start the server with a model: projector serve … --model MODEL.onnx --layer NAME.`;
    }
    const layer = this.model.value?.layer;
    return `Pick PNG or JPEG images (embedded by ${model}${layer ? `, layer ${layer}` : ''}) or ${rows}. They are placed without moving the map; their nearest rows get selected.`;
  }

  /** The picker's `accept`: images only when the server can embed them. */
  accept(): string {
    return this.model.value?.model ? ACCEPT_WITH_MODEL : ACCEPT_ROWS;
  }

  async place(files: readonly File[]): Promise<void> {
    const { store, source, busy } = this.ctx;
    const item = store.item.peek();
    const job = store.job.peek();
    if (!source.place || !item || !job) return;
    const token = ++this.token;
    try {
      const request = placeRequest(files, item.dimensions);
      const answer = await busy.during('Placing the new items…', source.place(job.id, request));
      if (token !== this.token || store.job.peek()?.id !== job.id) return;
      const placed = decodePlaced(answer);
      store.placed.value = { ...placed, job: job.id };
      const rows = placed.neighbors.flatMap((list) => list.map((n) => n.index));
      this.selection.select(rows, 'replace');
    } catch (error) {
      if (token === this.token) store.error.value = messageOf(error);
    }
  }

  clear(): void {
    this.token++;
    this.ctx.store.placed.value = null;
  }
}
