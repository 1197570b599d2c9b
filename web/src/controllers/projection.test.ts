import { describe, expect, it } from 'vitest';
import { context, item, settle } from '../testing/fakes';
import { ProjectionController } from './projection';

async function opened() {
  const ctx = context();
  ctx.store.item.value = item();
  const projection = new ProjectionController(ctx);
  expect(await projection.project()).toBe(true);
  await settle();
  return { ctx, store: ctx.store, projection };
}

describe('ProjectionController', () => {
  it('shows the layout the source sends, fitted once, with its iteration and method', async () => {
    const { ctx, store } = await opened();
    expect(store.layout.value?.points).toBe(4);
    expect(store.iteration.value).toBe(0);
    expect(store.shownMethod.value).toBe('pca');
    expect(store.explainedVariance.value).toEqual([0.5, 0.3, 0.2]);
    expect(store.layoutIsCurrent.value).toBe(true);
    expect(ctx.scene.fits).toBe(1);
    expect(ctx.source.requests[0]).toMatchObject({ dataset: 'd', method: 'pca', pca: { components: 3 } });
  });

  it('a refused run rolls back the method, seed and the shown layout state, and says why', async () => {
    const { ctx, store, projection } = await opened();
    const version = store.layoutVersion.value;
    ctx.source.refuse = 'Perplexity must be below the number of points.';
    await projection.run('tsne', { seed: 9 });
    expect(store.view.method.value).toBe('pca');
    expect(store.view.seed.value).toBe(42);
    expect(store.iteration.value).toBe(0);
    expect(store.explainedVariance.value).toEqual([0.5, 0.3, 0.2]);
    expect(store.layoutIsCurrent.value).toBe(true);
    expect(store.layoutVersion.value).toBe(version);
    expect(store.error.value).toBe('Perplexity must be below the number of points.');
  });

  it('a run the source accepts keeps the new method and options', async () => {
    const { store, projection } = await opened();
    await projection.run('umap', { umap: { neighbors: 3, minDist: 0.2, supervise: null } });
    await settle();
    expect(store.error.value).toBeNull();
    expect(store.view.method.value).toBe("umap");
    expect(store.shownMethod.value).toBe('umap');
    expect(store.error.value).toBeNull();
  });

  it('a refused isolation keeps showing every point', async () => {
    const { ctx, store, projection } = await opened();
    store.view.selection.value = [2, 0];
    ctx.source.refuse = 'No.';
    await projection.isolate();
    expect(store.view.isolated.value).toBeNull();
    expect(projection.fitNext).toBe(false);
    await projection.isolate();
    await settle();
    expect(ctx.source.requests.at(-1)?.indices).toEqual([0, 2]);
    expect(store.rows.value).toEqual(Int32Array.from([0, 2]));
    expect(store.datasetRow(1)).toBe(2);
    expect(store.layoutRowOf(2)).toBe(1);
  });

  it('isolating fewer than two points asks for more instead of projecting', async () => {
    const { ctx, store, projection } = await opened();
    store.view.selection.value = [1];
    await projection.isolate();
    expect(ctx.source.requests).toHaveLength(1);
    expect(store.error.value).toMatch(/at least two points/);
  });

  it('PCA components re-read the kept layout instead of projecting again', async () => {
    const { ctx, store, projection } = await opened();
    const before = store.layoutVersion.value;
    projection.setPcaComponents([2, 0, 1]);
    expect(store.layout.value?.axes).toEqual([2, 0, null]);
    expect(store.layoutVersion.value).toBe(before + 1);
    expect(ctx.source.requests).toHaveLength(1);
  });

  it('custom axes without left and right are refused before asking the source', async () => {
    const { ctx, store, projection } = await opened();
    await projection.run('custom');
    expect(ctx.source.requests).toHaveLength(1);
    expect(store.view.method.value).toBe('pca');
    expect(store.error.value).toMatch(/Custom axes need/);
  });

  it('3-D of a layout a static site exported in 2-D says it is shown flat, and asks for nothing', async () => {
    const { ctx, store, projection } = await opened();
    const offer = (dims: number) => ({ available: true, reason: null, precomputed: { method: 'pca' as const, dims, options: {}, seed: 42, file: 'pca.bin', explainedVariance: null } });
    const none = { available: false, reason: 'not exported', precomputed: null };
    store.offers.value = { pca: offer(2), tsne: none, umap: none, custom: none };
    const requests = ctx.source.requests.length;
    await projection.setDims(3);
    expect(store.view.dims.value).toBe(3);
    expect(ctx.source.requests.length).toBe(requests);
    expect(store.error.value).toMatch(/exported in 2-D, so the 3-D view shows it flat/);
  });

  it('perturb asks the server to go on from the t-SNE job on the map, with the next seed', async () => {
    const { ctx, store, projection } = await opened();
    await projection.perturb();
    expect(store.error.value).toMatch(/run t-SNE first/);
    await projection.run('tsne');
    await settle();
    await projection.perturb();
    await settle();
    expect(ctx.source.requests.at(-1)?.tsne?.perturb).toEqual({ from: 'j1', seed: 43 });
  });
});
