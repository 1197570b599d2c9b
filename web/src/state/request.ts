// The projection request a view asks for, and the key that says whether two views need the same layout.

import type { CatalogItem, ProjectionRequest } from '../api/contract';
import type { ViewState } from '../data/view-state';

/** Components PCA is asked for; the page picks x, y and z among them. */
export const PCA_COMPONENTS = 10;

export type RequestState = Pick<ViewState, 'method' | 'dims' | 'seed' | 'isolated' | 'tsne' | 'umap' | 'custom'>;

export function projectionRequest(item: CatalogItem, s: RequestState): ProjectionRequest {
  const request: ProjectionRequest = { dataset: item.id, method: s.method, dims: s.dims, seed: s.seed, indices: s.isolated };
  switch (s.method) {
    case 'pca':
      request.pca = { components: Math.max(1, Math.min(PCA_COMPONENTS, item.dimensions, s.isolated?.length ?? item.points)) };
      request.dims = request.pca.components;
      break;
    case 'tsne':
      request.tsne = {
        perplexity: s.tsne.perplexity, learningRate: s.tsne.learningRate, iterations: s.tsne.iterations,
        supervise: s.tsne.supervise ? { column: s.tsne.supervise, factor: s.tsne.superviseFactor } : null,
      };
      break;
    case 'umap':
      request.umap = { neighbors: s.umap.neighbors, minDist: s.umap.minDist, supervise: s.umap.supervise ? { column: s.umap.supervise, factor: 0.5 } : null };
      break;
    case 'custom':
      request.dims = 2;
      request.custom = { ...s.custom };
      break;
  }
  return request;
}

/** Equal for views that show the same layout: PCA's view dims only change the axes. */
export function requestKey(item: CatalogItem | null, s: RequestState): string {
  if (!item) return '';
  const r = projectionRequest(item, s);
  if (r.method === 'pca') r.dims = 0;
  return JSON.stringify(r);
}
