// Placing new items into the finished layout on screen: sends the picked files, keeps the answer for
// the scene, and selects the placed items' nearest dataset rows so the map highlights them.

import { decodePlaced, placeRequest } from '../api/place';
import { messageOf } from '../api/problem';
import type { Context } from './context';
import type { SelectionController } from './selection';

export class PlacementController {
  private token = 0;

  constructor(private readonly ctx: Context, private readonly selection: SelectionController) {}

  /** Why nothing can be placed now, or null when the layout on screen takes new items. */
  blocked(): string | null {
    const { store, source } = this.ctx;
    if (!source.place) return 'This site cannot place new items: it has no server.';
    const job = store.job.value;
    if (store.shownMethod.value === 'custom') return 'New items go into PCA, t-SNE and UMAP layouts, not custom axes.';
    if (!job || job.status !== 'done' || !store.layoutIsCurrent.value) return 'New items can be placed once the layout is finished.';
    return null;
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
