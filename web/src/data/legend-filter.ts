// The legend as the filters leave it: each category's count among the rows the other columns' filters
// keep, and which categories the colour column's own filter hides (the legend's clicks toggle them).

import type { CountsAnswer } from '../compute/filter-counts';
import type { Legend } from './coloring';
import { MISSING, keeps, type ColumnProfile, type Filter } from './filters';

export interface LegendView {
  legend: Legend;
  /** Labels hidden by the colour column's filter ('' is the missing entry). */
  hidden: string[];
  /** The entries can be clicked: the colour column is filtered as categories. */
  toggles: boolean;
}

export function legendView(legend: Legend, profiles: readonly ColumnProfile[], answer: CountsAnswer | null, filters: readonly Filter[]): LegendView {
  if (legend.kind !== 'categorical') return { legend, hidden: [], toggles: false };
  const j = profiles.findIndex((p) => p.name === legend.column);
  const profile = profiles[j];
  if (!profile || profile.kind !== 'category') return { legend, hidden: [], toggles: false };
  const filter = filters.find((f) => f.column === legend.column);
  const hidden = [...legend.entries.map((e) => e.label), MISSING].filter((label) => !keeps(filter, label));
  const counted = answer?.result.columns[j];
  if (!counted) return { legend, hidden, toggles: true };
  const code = new Map(profile.labels.map((label, i) => [label, i]));
  let all = 0;
  for (const c of counted.counts) all += c;
  const entries = legend.entries.map((e) => ({ ...e, count: counted.counts[code.get(e.label) ?? -1] ?? 0 }));
  const missing = counted.counts[0];
  const other = all - missing - entries.reduce((sum, e) => sum + e.count, 0);
  return { legend: { ...legend, entries, missing, other }, hidden, toggles: true };
}
