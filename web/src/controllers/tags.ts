// Tagging ("edit by" in the TF projector): a value put on the selected points in a new or existing
// metadata column. The server keeps the tags (docs/api.md, "Tags"); the page merges each one into its
// metadata at once, so colour, labels, search, filters and the table show it without reloading.

import { effect, signal } from '@preact/signals-core';
import type { CatalogItem, TagColumnInfo } from '../api/contract';
import { messageOf } from '../api/problem';
import { download } from '../data/export';
import { mergeTag } from '../data/tag-merge';
import type { Context } from './context';

/** The server's bounds (TagStore): checked here first so the message names the field. */
export const MAX_NAME = 128;
export const MAX_VALUE = 256;

export class TagsController {
  /** The tag columns of the open dataset. */
  readonly columns = signal<TagColumnInfo[]>([]);
  /** One line about the last tagging: what was done, or why not. */
  readonly status = signal('');
  readonly busy = signal(false);
  readonly dispose: () => void;

  constructor(private readonly ctx: Context) {
    this.dispose = effect(() => {
      const item = ctx.store.item.value;
      this.columns.value = [];
      this.status.value = '';
      if (item) void this.load(item);
    });
  }

  /** A problem with the column name or value, or null when the server would take them. */
  static check(column: string, value: string): string | null {
    const name = column.trim();
    if (name === '') return 'Name the column to put the value in.';
    const control = /[\u0000-\u001f\u007f]/;
    if (name.length > MAX_NAME || control.test(name)) return `A column name has 1 to ${MAX_NAME} characters without tabs or line breaks.`;
    if (value.length > MAX_VALUE || control.test(value)) return `A value has at most ${MAX_VALUE} characters without tabs or line breaks.`;
    return null;
  }

  /** Puts `value` on the selected points in `column`; an empty value removes their tags there. */
  async apply(column: string, value: string): Promise<boolean> {
    const { store, source } = this.ctx;
    const item = store.item.peek();
    const indices = [...store.view.selection.peek()];
    const problem = TagsController.check(column, value);
    if (!item) return false;
    if (problem || indices.length === 0) {
      this.status.value = problem ?? 'Select the points to tag first.';
      return false;
    }
    const name = column.trim();
    this.busy.value = true;
    try {
      const info = await source.tag(item.id, { column: name, value: value === '' ? null : value, indices });
      if (store.item.peek() !== item) return false;
      const metadata = store.metadata.peek();
      if (metadata && value !== '') store.metadata.value = mergeTag(metadata, name, value, indices);
      // A removed tag brings back the dataset's own value, which only the server still has.
      else if (value === '') store.metadata.value = await source.metadata(item.id);
      const listed = this.columns.peek();
      this.columns.value = listed.some((c) => c.name === info.name) ? listed.map((c) => (c.name === info.name ? info : c)) : [...listed, info];
      const n = indices.length;
      this.status.value = value === ''
        ? `Removed the tags of ${n} point${n === 1 ? '' : 's'} in ${name}.`
        : `Tagged ${n} point${n === 1 ? '' : 's'}: ${name} = ${value}.`;
      return true;
    } catch (error) {
      this.status.value = messageOf(error);
      return false;
    } finally {
      this.busy.value = false;
    }
  }

  /** The tag columns as TSV, one line per dataset row (from the server, which keeps them). */
  async download(): Promise<void> {
    const { store, source } = this.ctx;
    const item = store.item.peek();
    if (!item) return;
    try {
      download(`${item.id}-tags.tsv`, await source.tagsTsv(item.id), 'text/tab-separated-values');
    } catch (error) {
      this.status.value = messageOf(error);
    }
  }

  private async load(item: CatalogItem): Promise<void> {
    try {
      const columns = await this.ctx.source.tags(item.id);
      if (this.ctx.store.item.peek() === item) this.columns.value = columns;
    } catch (error) {
      if (this.ctx.store.item.peek() === item) this.status.value = messageOf(error);
    }
  }
}
