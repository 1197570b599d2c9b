// Files of an exported static site (docs/api.md, "Static site layout"): written by `projector export`,
// not served by the API, so not in its OpenAPI document.

import type { Method, Metric } from './contract';

/** One entry of a static site's `layouts.json`: a finished layout stored as N x dims float32. */
export interface PrecomputedLayout {
  method: Method;
  dims: number;
  options: Record<string, unknown>;
  seed: number;
  file: string;
  explainedVariance: number[] | null;
  /** The layout's clusters file (`clusters-{method}.json`), absent in sites exported before clusters. */
  clusters?: string;
}

/** One entry of a static site's `neighbors.json`: all-points kNN lists. */
export interface PrecomputedNeighbors {
  metric: Metric;
  k: number;
  /** A folder of chunks `{c}.bin` when `chunkRows` is given; else (older sites) one file of all rows. */
  file: string;
  /** Rows per chunk file. */
  chunkRows?: number;
}

/** `site.json`: a static export names its catalog; the server names its API. */
export interface SiteInfo {
  version: number;
  generator?: string;
  datasets?: string;
  api?: string;
}
