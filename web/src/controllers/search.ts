// Metadata search: the query follows typing (debounced), and only the latest answer is kept.

import { messageOf } from '../api/problem';
import { NO_MATCHES } from '../state/store';
import { debounce } from '../ui/dom';
import type { Context } from './context';
import type { SelectionController } from './selection';

export class SearchController {
  private token = 0;
  private readonly soon = debounce(() => void this.run(), 250);

  constructor(private readonly ctx: Context, private readonly selection: SelectionController) {}

  set(query: string, column: string | null, regex: boolean): void {
    this.ctx.store.view.search.value = { query, column, regex };
    this.soon();
  }

  async run(): Promise<void> {
    const { store, source } = this.ctx;
    const item = store.item.peek();
    const { query, column, regex } = store.view.search.peek();
    const token = ++this.token;
    if (!item || !column || query === '') {
      store.search.value = NO_MATCHES;
      return;
    }
    try {
      const answer = await source.search(item.id, column, query, regex);
      if (token !== this.token) return;
      // Rows filtered out are not matches (the filters controller runs the search again when they change).
      const mask = store.filterMask.peek();
      const indices = mask ? answer.indices.filter((i) => mask[i] === 1) : answer.indices;
      store.search.value = { indices, count: answer.count - (answer.indices.length - indices.length), error: null };
    } catch (error) {
      if (token !== this.token) return;
      store.search.value = { indices: [], count: 0, error: messageOf(error) };
    }
  }

  /** Selects every match. */
  selectMatches(): void {
    const matches = this.ctx.store.search.peek().indices;
    if (matches.length > 0) this.selection.select(matches, 'replace');
  }
}
