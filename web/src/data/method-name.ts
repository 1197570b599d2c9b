import type { Method } from '../api/contract';

export function methodName(method: Method): string {
  return method === 'pca' ? 'PCA' : method === 'tsne' ? 't-SNE' : method === 'umap' ? 'UMAP' : 'Custom axes';
}
