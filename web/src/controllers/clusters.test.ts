import { describe, expect, it } from 'vitest';
import type { ClustersAnswer } from '../api/contract';
import type { LayoutQualityAnswer } from '../api/source';
import { encodeColors } from '../data/coloring';
import { context, item, job, settle } from '../testing/fakes';
import { ClustersController, NEIGHBORHOOD_KEPT, neighborhoodColumn } from './clusters';
import { SelectionController } from './selection';

const ANSWER: ClustersAnswer = {
  job: 'j1', points: 4, dimensions: 2, minClusterSize: 2, minSamples: 1, noise: 1,
  clusters: [{ id: 0, size: 2, medoid: 1, center: [0, 0], label: 'a (100%)', terms: [] }, { id: 1, size: 1, medoid: 3, center: [1, 1], label: 'b', terms: [] }],
};
const QUALITY: LayoutQualityAnswer = {
  figures: { job: 'j1', points: 4, knnPreservation: 0.5, trustworthiness: 0.9, labelAccuracy: null, sampleSize: 4, k: 10, pointsExact: true, inputRecall: null },
  perPoint: Float32Array.from([0, 0.5, 1, 0.25]),
};

function setup() {
  const ctx = context();
  const asked: string[] = [];
  ctx.source.clusters = (id: string) => {
    asked.push(`clusters ${id}`);
    return Promise.resolve({ answer: { ...ANSWER, job: id }, assignments: Int32Array.from([0, 0, -1, 1]) });
  };
  ctx.source.quality = (id: string) => {
    asked.push(`quality ${id}`);
    return Promise.resolve(QUALITY);
  };
  ctx.store.item.value = item();
  const controller = new ClustersController(ctx, new SelectionController(ctx));
  return { ctx, store: ctx.store, controller, asked };
}

describe('ClustersController', () => {
  it('asks for the clusters and quality once a job is finished, not while it runs', async () => {
    const { store, asked } = setup();
    store.job.value = job({ id: 'j1', status: 'running' });
    await settle();
    expect(asked).toEqual([]);
    store.job.value = job({ id: 'j1', status: 'done' });
    store.job.value = job({ id: 'j1', status: 'done', iteration: 2 });
    await settle();
    expect(asked).toEqual(['clusters j1', 'quality j1']);
    expect(store.layers.clusters.value?.clusters.map((c) => c.label)).toEqual(['a (100%)', 'b']);
    expect(store.layers.quality.value?.figures.trustworthiness).toBe(0.9);
    expect(store.layers.derivedColumns.value.map((c) => c.name)).toEqual([NEIGHBORHOOD_KEPT]);
    expect(store.column(NEIGHBORHOOD_KEPT)?.values).toEqual([0, 0.5, 1, 0.25]);
  });

  it('drops what it showed as soon as another layout starts', async () => {
    const { store } = setup();
    store.job.value = job({ id: 'j1', status: 'done' });
    await settle();
    store.job.value = job({ id: 'j2', status: 'running' });
    expect(store.layers.clusters.value).toBeNull();
    expect(store.layers.quality.value).toBeNull();
    expect(store.layers.derivedColumns.value).toEqual([]);
  });

  it('selects the dataset rows of a cluster, or adds them', async () => {
    const { store, controller } = setup();
    store.job.value = job({ id: 'j1', status: 'done' });
    await settle();
    controller.selectCluster(0);
    expect(store.view.selection.value).toEqual([0, 1]);
    controller.selectCluster(1, true);
    expect(store.view.selection.value).toEqual([0, 1, 3]);
  });

  it('says why when the server cannot answer, and keeps the quality', async () => {
    const { ctx, store } = setup();
    ctx.source.clusters = () => Promise.reject(new Error('The server is busy.'));
    store.job.value = job({ id: 'j1', status: 'done' });
    await settle();
    expect(store.layers.analysisError.value).toMatch(/clusters could not be found: The server is busy/);
    expect(store.layers.quality.value).not.toBeNull();
  });
});

describe('neighborhoodColumn', () => {
  it('spreads an isolated layout over the dataset rows, and colours 0 to 1 whatever the values', () => {
    const column = neighborhoodColumn(Float32Array.from([0.5, 0.75]), 4, (row) => [3, 1][row]);
    expect(column.values).toEqual([null, 0.75, null, 0.5]);
    const legend = encodeColors(column, 4).legend;
    expect(legend).toEqual({ kind: 'gradient', column: NEIGHBORHOOD_KEPT, min: 0, max: 1, missing: 2 });
  });
});
