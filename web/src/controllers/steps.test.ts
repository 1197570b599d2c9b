import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProjectionRequest } from '../api/contract';
import { defaultViewState } from '../data/view-state';
import { FakeSource, context, item, job, settle } from '../testing/fakes';
import { createControllers } from './controllers';
import { MOVED_COLUMN } from './steps';

// Step 1: a square of side 2; step 2: the same square with point 3 moved by 2 along x (already aligned).
const LAYOUTS: Record<string, number[]> = {
  s1: [0, 0, 2, 0, 0, 2, 2, 2],
  s2: [0, 0, 2, 0, 0, 2, 4, 2],
};

/** A server with two steps of four points whose PCA layouts are two columns each. */
class StepSource extends FakeSource {
  private jobs = new Map<string, string>();

  constructor() {
    super();
    this.catalog = [item({ id: 's1', group: 'run', step: 1 }), item({ id: 's2', group: 'run', step: 2 })];
  }

  async project(request: ProjectionRequest) {
    this.requests.push(request);
    if (this.refuse && request.alignTo) {
      const message = this.refuse;
      this.refuse = null;
      throw new Error(message);
    }
    const id = `j${this.requests.length}`;
    this.jobs.set(id, request.dataset);
    return job({ id, dataset: request.dataset, method: request.method, dims: 2 });
  }

  async layout(id = '') {
    return { iteration: 0, positions: Float32Array.from(LAYOUTS[this.jobs.get(id)!]) };
  }
}

let frames: FrameRequestCallback[] = [];
let now = 0;

beforeEach(() => {
  frames = [];
  now = 0;
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => frames.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => {});
  vi.spyOn(performance, 'now').mockImplementation(() => now);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Moves the clock to `ms` and runs the animation frame waiting then. */
function frameAt(ms: number): void {
  now = ms;
  const waiting = frames;
  frames = [];
  for (const f of waiting) f(ms);
}

async function openStepOne() {
  const source = new StepSource();
  const ctx = context(source);
  const c = createControllers(ctx);
  await c.catalog.start({ ...defaultViewState(), dataset: 's1', method: 'pca' });
  await settle();
  return { ctx, c, source, store: ctx.store };
}

describe('StepsController', () => {
  it('keeps the map, asks for the next step aligned to it and moves the points there', async () => {
    const { c, source, store } = await openStepOne();
    const firstJob = store.job.value!.id;
    const layout = store.layout.value!;
    const start = layout.positions.slice();
    c.steps.duration = 1000;

    const picked = c.catalog.pick(source.catalog[1]);
    // The map stays while the next step is laid out.
    expect(store.layout.value).toBe(layout);
    await picked;
    await settle();
    expect(source.requests.at(-1)).toMatchObject({ dataset: 's2', alignTo: firstJob });
    expect(c.steps.moving).toBe(true);
    expect(Array.from(layout.positions)).toEqual(Array.from(start));

    frameAt(500);
    // Halfway in time is halfway in space (the easing is symmetric); every value is on its way.
    const half = Array.from(layout.positions);
    expect(c.steps.progress()).toBeCloseTo(0.5, 6);
    frameAt(1000);
    expect(c.steps.moving).toBe(false);
    const final = Array.from(layout.positions);
    for (let i = 0; i < final.length; i++) expect(half[i]).toBeCloseTo((start[i] + final[i]) / 2, 5);
    // The end is the new step drawn as any layout is (centred and scaled), not the old one.
    expect(final).not.toEqual(Array.from(start));

    // Only point 3 moved: by 2, against a spread of sqrt(2) → 141 %.
    const moved = store.metadata.value!.columns.find((col) => col.name === MOVED_COLUMN)!;
    expect(moved.kind).toBe('number');
    expect(moved.values.map((v) => Number((v as number).toFixed(1)))).toEqual([0, 0, 0, 141.4]);
    expect(c.steps.change.value).toMatchObject({ from: 'step 1', to: 'step 2', points: 4 });
    expect(c.steps.change.value!.meanPercent).toBeCloseTo(141.42 / 4, 1);
    expect(c.steps.change.value!.maxPercent).toBeCloseTo(141.42, 1);
  });

  it('moving again mid-move ends the first move where it was going', async () => {
    const { c, source, store } = await openStepOne();
    c.steps.duration = 1000;
    await c.catalog.pick(source.catalog[1]);
    await settle();
    frameAt(300);
    const layout = store.layout.value!;
    expect(c.steps.moving).toBe(true);
    // Back to step 1: the move to step 2 is settled at once, and the next one starts from there.
    const back = c.catalog.pick(source.catalog[0]);
    expect(c.steps.moving).toBe(false);
    const settled = Array.from(layout.positions);
    await back;
    await settle();
    // j1 is step 1, j2 step 2 aligned to it, and now step 1 aligned to j2.
    expect(source.requests.at(-1)).toMatchObject({ dataset: 's1', alignTo: 'j2' });
    expect(c.steps.moving).toBe(true);
    expect(Array.from(layout.positions)).toEqual(settled);
    frameAt(5000);
    expect(c.steps.change.value).toMatchObject({ from: 'step 2', to: 'step 1' });
  });

  it('a step the server cannot align is shown on its own, without a comparison', async () => {
    const { c, source, store } = await openStepOne();
    source.refuse = 'There is no projection job \'j1\'.';
    await c.catalog.pick(source.catalog[1]);
    await settle();
    expect(source.requests.slice(-2).map((r) => r.alignTo ?? null)).toEqual(['j1', null]);
    expect(store.job.value?.dataset).toBe('s2');
    expect(c.steps.moving).toBe(false);
    expect(c.steps.change.value).toBeNull();
    expect(store.error.value).toBeNull();
  });

  it('a colour by the move stays on from one step to the next', async () => {
    const { c, source, store } = await openStepOne();
    await c.catalog.pick(source.catalog[1]);
    await settle();
    frameAt(10_000);
    c.colouring.setColor(MOVED_COLUMN);
    expect(store.legend.value).toMatchObject({ kind: 'categorical', column: MOVED_COLUMN });
    await c.catalog.pick(source.catalog[0]);
    await settle();
    frameAt(20_000);
    expect(store.view.color.value).toBe(MOVED_COLUMN);
  });

  it('another dataset is not a step: the map is replaced, nothing is compared', async () => {
    const { c, source, store } = await openStepOne();
    source.catalog.push(item({ id: 'other', group: 'other' }));
    await c.catalog.pick(source.catalog[2]);
    await settle();
    expect(source.requests.at(-1)?.alignTo).toBeUndefined();
    expect(c.steps.change.value).toBeNull();
    expect(store.job.value?.dataset).toBe('other');
  });
});
