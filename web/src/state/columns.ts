// Which columns a view may name for a dataset: the ones it has, with sensible defaults.

import type { ColumnSummary, MetadataColumn } from '../api/contract';
import type { ViewState } from '../data/view-state';

type ColumnState = Pick<ViewState, 'color' | 'label' | 'search' | 'custom' | 'tsne' | 'umap' | 'filters'>;

/**
 * The changes that drop colour, label and search columns the dataset does not have, picking sensible
 * defaults unless `keep` (switching step keeps a colour or label the user turned off). Unchanged
 * fields are left out, so their signals do not fire.
 */
export function fitColumns(s: ColumnState, columns: MetadataColumn[], summary: ColumnSummary[], keep = false): Partial<ViewState> {
  const has = (name: string | null) => name !== null && columns.some((c) => c.name === name);
  let { color, label } = s;
  // '' is "none" chosen by the user: kept as it is, unlike a column this dataset lacks.
  if (keep) {
    if (color !== '' && !has(color)) color = '';
    if (label !== '' && !has(label)) label = '';
  }
  if (color !== '' && !has(color) && !keep) {
    const categorical = columns.find((c) => {
      const x = summary.find((y) => y.name === c.name);
      return x ? x.distinct > 1 && x.distinct <= 50 : false;
    });
    color = categorical?.name ?? null;
  }
  if (label !== '' && !has(label) && !keep) label = (columns.find((c) => c.kind === 'text') ?? columns[0])?.name ?? null;
  const changes: Partial<ViewState> = {};
  if (color !== s.color) changes.color = color;
  if (label !== s.label) changes.label = label;
  if (!has(s.search.column)) changes.search = { ...s.search, column: has(label) ? label : (columns[0]?.name ?? null) };
  const sides = ['left', 'right', 'up', 'down'] as const;
  if (sides.some((side) => s.custom[side] && !has(s.custom[side]!.column))) {
    changes.custom = { ...s.custom };
    for (const side of sides) if (s.custom[side] && !has(s.custom[side]!.column)) changes.custom[side] = null;
  }
  if (s.tsne.supervise !== null && !has(s.tsne.supervise)) changes.tsne = { ...s.tsne, supervise: null };
  if (s.umap.supervise !== null && !has(s.umap.supervise)) changes.umap = { ...s.umap, supervise: null };
  // Filters on columns this dataset lacks are dropped (another step of a run may lack a column).
  if (s.filters.some((f) => !has(f.column))) changes.filters = s.filters.filter((f) => has(f.column));
  return changes;
}
