import { describe, expect, it } from 'vitest';
import type { PlaceAnswer } from '../api/contract';
import type { PlaceRequest } from '../api/place';
import { ApiError } from '../api/problem';
import { Layout } from '../data/layout';
import { FakeSource, context, item, job, settle } from '../testing/fakes';
import { PlacementController } from './placement';
import { SelectionController } from './selection';

/** A server that places every row at (1, 2) with rows 0 and 3 as its neighbours, or refuses like a 400. */
class PlacingSource extends FakeSource {
  placed: { id: string; request: PlaceRequest }[] = [];
  refusal: string | null = null;

  async place(id: string, request: PlaceRequest): Promise<PlaceAnswer> {
    this.placed.push({ id, request });
    if (this.refusal) throw new ApiError(this.refusal, 400);
    const rows = (request.body as Blob).size / 12;
    const bytes = new Uint8Array(new Float32Array(Array.from({ length: rows }, () => [1, 2]).flat()).buffer);
    return {
      points: rows, dimensions: 2, positions: btoa(String.fromCharCode(...bytes)), embedded: false,
      neighbors: Array.from({ length: rows }, () => [{ index: 0, distance: 0 }, { index: 3, distance: 1 }]),
    };
  }
}

function setup() {
  const source = new PlacingSource();
  const ctx = context(source);
  const { store } = ctx;
  store.item.value = item();
  const layout = new Layout(4);
  layout.write(new Float32Array([0, 0, 2, 0, 0, 4, 2, 4]), 2, [0, 1, null]);
  store.layout.value = layout;
  store.job.value = job({ id: 'j7', dims: 2 });
  store.layoutFor.value = store.requestKey.value;
  store.shownMethod.value = 'pca';
  const selection = new SelectionController(ctx);
  return { source, store, placement: new PlacementController(ctx, selection) };
}

const rowsFile = (rows: number) => new File([new Float32Array(rows * 3)], 'new.f32');

describe('PlacementController', () => {
  it('places rows into the job on screen, draws them in the layout\'s coordinates and selects their neighbours', async () => {
    const { source, store, placement } = setup();
    expect(placement.blocked()).toBeNull();
    await placement.place([rowsFile(2)]);
    expect(source.placed.map((p) => [p.id, p.request.query.get('dims')])).toEqual([['j7', '3']]);
    expect(store.placed.value?.points).toBe(2);
    // (1, 2) is the centre of the layout's four corners.
    expect(Array.from(store.placedPositions.value ?? [])).toEqual([0, 0, 0, 0, 0, 0]);
    expect(store.view.selection.value).toEqual([0, 3]);
    placement.clear();
    expect(store.placedPositions.value).toBeNull();
  });

  it('shows a refusal in the error banner and places nothing', async () => {
    const { source, store, placement } = setup();
    source.refusal = 'This server has no model to turn images into vectors.';
    await placement.place([new File([new Uint8Array(4)], 'a.png')]);
    expect(store.error.value).toBe('This server has no model to turn images into vectors.');
    expect(store.placed.value).toBeNull();
  });

  it('is blocked while the job runs and for custom axes, and the placed items leave with their job', async () => {
    const { store, placement } = setup();
    await placement.place([rowsFile(1)]);
    store.job.value = job({ id: 'j8', status: 'running' });
    expect(placement.blocked()).toMatch(/once the layout is finished/);
    expect(store.placedPositions.value).toBeNull();
    store.shownMethod.value = 'custom';
    expect(placement.blocked()).toMatch(/not custom axes/);
    await settle();
  });
});

describe('PlacementController.hint', () => {
  it('without a model says how to start the server with one, and takes rows only', async () => {
    const { source, placement } = setup();
    Object.assign(source, { model: async () => ({ model: null, layer: null }) });
    await placement.loadModel();
    expect(placement.hint(3)).toContain('--model MODEL.onnx --layer NAME');
    expect(placement.hint(3)).toContain('3 values each');
    expect(placement.accept()).toBe('.f32,.bin');
  });

  it('with a model names it and its layer, and takes images too', async () => {
    const { source, placement } = setup();
    Object.assign(source, { model: async () => ({ model: 'cnn.onnx', layer: 'dense_1' }) });
    await placement.loadModel();
    expect(placement.hint(32)).toContain('embedded by cnn.onnx, layer dense_1');
    expect(placement.accept()).toContain('image/png');
  });

  it('an older server without the route counts as one without a model', async () => {
    const { source, placement } = setup();
    Object.assign(source, { model: async () => { throw new ApiError('not found', 404); } });
    await placement.loadModel();
    expect(placement.model.value).toEqual({ model: null, layer: null });
    expect(placement.hint(3)).toContain('--model');
  });
});
