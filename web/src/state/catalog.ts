// Choices among the catalog's items: a group is one source, its items the tensors, runs and steps.

import type { CatalogItem } from '../api/contract';

/** The item of `group` to open first: the latest step of its first tensor and run. */
export function latestOf(catalog: CatalogItem[], group: string): CatalogItem | undefined {
  const items = catalog.filter((c) => c.group === group);
  const first = items[0];
  if (!first) return undefined;
  return items
    .filter((c) => c.tensor === first.tensor && c.run === first.run)
    .reduce((best, c) => ((c.step ?? -1) > (best.step ?? -1) ? c : best), first);
}
