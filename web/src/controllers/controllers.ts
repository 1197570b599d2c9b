// The controllers of one page, wired to each other: the only code that changes the store.

import { BookmarksController } from './bookmarks';
import { CatalogController } from './catalog';
import { ClustersController } from './clusters';
import { ColouringController } from './colouring';
import type { Context } from './context';
import { DownloadsController } from './downloads';
import { PlacementController } from './placement';
import { FiltersController } from './filters';
import { ProjectionController } from './projection';
import { SearchController } from './search';
import { SelectionController } from './selection';
import { StepsController } from './steps';
import { TableController } from './table';
import { TagsController } from './tags';

export interface Controllers {
  catalog: CatalogController;
  projection: ProjectionController;
  selection: SelectionController;
  search: SearchController;
  bookmarks: BookmarksController;
  colouring: ColouringController;
  downloads: DownloadsController;
  table: TableController;
  tags: TagsController;
  placement: PlacementController;
  steps: StepsController;
  filters: FiltersController;
  clusters: ClustersController;
}

export function createControllers(ctx: Context): Controllers {
  const steps = new StepsController(ctx);
  const projection = new ProjectionController(ctx, steps);
  const selection = new SelectionController(ctx);
  const search = new SearchController(ctx, selection);
  // Opening a bookmark is restoring a view, which the catalog controller does.
  const bookmarks = new BookmarksController(ctx, (state) => catalog.restore(state));
  const catalog = new CatalogController(ctx, { projection, selection, search, bookmarks, steps });
  return {
    catalog, projection, selection, search, bookmarks,
    colouring: new ColouringController(ctx.store), downloads: new DownloadsController(ctx.store), placement: new PlacementController(ctx, selection), steps,
    table: new TableController(ctx, selection), tags: new TagsController(ctx), filters: new FiltersController(ctx, search),
    clusters: new ClustersController(ctx, selection),
  };
}
