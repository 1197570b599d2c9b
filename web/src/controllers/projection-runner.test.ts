import { describe, expect, it } from 'vitest';
import type { DataSource, FrameListener } from '../api/source';
import type { Job } from '../api/contract';
import type { LayoutFrame } from '../api/frame';
import { ProjectionRunner } from './projection-runner';

function job(over: Partial<Job> = {}): Job {
  return {
    id: 'j1', dataset: 'd', method: 'tsne', status: 'running', iteration: 0, totalIterations: 100, phase: 'optimizing', cost: null,
    points: 2, dims: 2, cached: false, error: null, explainedVariance: null, ...over,
  };
}

function frame(iteration: number, value: number): LayoutFrame {
  return { iteration, totalIterations: 100, points: 2, dims: 2, cost: 1, positions: new Float32Array([value, 0, 0, value]) };
}

class FakeSource {
  listener: FrameListener | null = null;
  started: Job = job();
  current: Job = job();
  layoutCalls = 0;
  closed = 0;
  readies = 0;
  project = async () => this.started;
  job = async () => this.current;
  layout = async () => {
    this.layoutCalls++;
    return { iteration: this.current.iteration, positions: new Float32Array([9, 9, 9, 9]) };
  };
  controls: string[] = [];
  control = async (id: string, action: string) => {
    this.controls.push(`${id}:${action}`);
    return { ...this.current, status: action === 'pause' ? 'paused' as const : 'stopped' as const };
  };
  frames = (_id: string, listener: FrameListener) => {
    this.listener = listener;
    return { close: () => this.closed++, ready: () => this.readies++ };
  };
}

function runner(source: FakeSource) {
  const layouts: { first: number; iteration: number }[] = [];
  const errors: string[] = [];
  const jobs: Job[] = [];
  const r = new ProjectionRunner(source as unknown as DataSource, {
    layout: (raw, _dims, iteration) => layouts.push({ first: raw[0], iteration }),
    job: (j) => jobs.push(j),
    error: (m) => errors.push(m),
  });
  return { r, layouts, errors, jobs };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('ProjectionRunner', () => {
  it('a step aligned to the one on screen shows no frames, only its final (aligned) layout', async () => {
    const source = new FakeSource();
    const { r, layouts, jobs } = runner(source);
    await r.start({ dataset: 'd', method: 'tsne', dims: 2, alignTo: 'j0' });
    source.listener!.frame(frame(1, 1));
    source.listener!.frame(frame(100, 2));
    await tick();
    expect(layouts).toEqual([]);
    // The progress still follows, and the source is told the frames were taken.
    expect(jobs.at(-1)!.iteration).toBe(100);
    expect(source.readies).toBe(2);
    source.current = job({ status: 'done', iteration: 100 });
    source.listener!.status(source.current);
    source.listener!.closed(null);
    await tick();
    expect(source.layoutCalls).toBe(1);
    expect(layouts).toEqual([{ first: 9, iteration: 100 }]);
  });

  it('shows only the latest of frames that arrive together, then the final layout', async () => {
    const source = new FakeSource();
    const { r, layouts, jobs } = runner(source);
    await r.start({ dataset: 'd', method: 'tsne', dims: 2 });
    source.listener!.frame(frame(1, 1));
    source.listener!.frame(frame(2, 2));
    await tick();
    expect(layouts).toEqual([{ first: 2, iteration: 2 }]);
    expect(jobs.at(-1)!.iteration).toBe(2);
    source.current = job({ status: 'done', iteration: 100 });
    source.listener!.status(source.current);
    source.listener!.closed(null);
    await tick();
    expect(source.layoutCalls).toBe(1);
    expect(layouts.at(-1)).toEqual({ first: 9, iteration: 100 });
    expect(r.running).toBe(false);
  });

  it('tells the source it is ready for the next frame once it has shown one, passing normalised positions on', async () => {
    const source = new FakeSource();
    const normals: (Float32Array | undefined)[] = [];
    const r = new ProjectionRunner(source as unknown as DataSource, {
      layout: (_raw, _dims, _iteration, _cost, normalized) => normals.push(normalized?.positions),
      job: () => {},
      error: () => {},
    });
    await r.start({ dataset: 'd', method: 'tsne', dims: 2 });
    const positions = new Float32Array(6);
    source.listener!.frame({ ...frame(1, 1), normalized: { axes: [0, 1, null], positions } });
    expect(source.readies).toBe(0);
    await tick();
    expect(normals).toEqual([positions]);
    expect(source.readies).toBe(1);
  });

  it('does not fetch the layout again when the last frame was already shown', async () => {
    const source = new FakeSource();
    const { r } = runner(source);
    await r.start({ dataset: 'd', method: 'tsne', dims: 2 });
    source.listener!.frame(frame(100, 5));
    source.current = job({ status: 'done', iteration: 100 });
    source.listener!.closed(null);
    await tick();
    expect(source.layoutCalls).toBe(0);
  });

  it('loads a finished (cached or PCA) job at once without a socket', async () => {
    const source = new FakeSource();
    source.started = job({ status: 'done', method: 'pca', iteration: 0, dims: 2 });
    source.current = source.started;
    const { r, layouts } = runner(source);
    await r.start({ dataset: 'd', method: 'pca', dims: 2 });
    expect(source.listener).toBeNull();
    expect(layouts).toHaveLength(1);
  });

  it('reports a failed job with its error', async () => {
    const source = new FakeSource();
    source.started = job({ status: 'failed', error: 'Perplexity too large for 2 points.' });
    const { r, errors, layouts } = runner(source);
    await r.start({ dataset: 'd', method: 'tsne', dims: 2 });
    expect(errors).toEqual(['Perplexity too large for 2 points.']);
    expect(layouts).toHaveLength(0);
  });

  it('ignores frames of a job it has left', async () => {
    const source = new FakeSource();
    const { r, layouts } = runner(source);
    await r.start({ dataset: 'd', method: 'tsne', dims: 2 });
    const old = source.listener!;
    await r.start({ dataset: 'd', method: 'umap', dims: 2 });
    old.frame(frame(3, 3));
    await tick();
    expect(layouts).toHaveLength(0);
    expect(source.closed).toBe(1);
    expect(source.controls).toEqual(['j1:stop']);
  });

  it('does not stop a job that has finished', async () => {
    const source = new FakeSource();
    source.started = job({ status: 'done', method: 'pca' });
    const { r } = runner(source);
    await r.start({ dataset: 'd', method: 'pca', dims: 2 });
    r.cancel();
    expect(source.controls).toEqual([]);
  });

  it('follows the job again when the socket breaks mid-run', async () => {
    const source = new FakeSource();
    const { r } = runner(source);
    await r.start({ dataset: 'd', method: 'tsne', dims: 2 });
    const first = source.listener;
    source.listener!.closed(new Error('broken'));
    await tick();
    expect(source.listener).not.toBe(first);
    await r.control('pause');
    expect(r.job!.status).toBe('paused');
  });

  it('a server that stops answering ends the job as failed, with where it stopped', async () => {
    const source = new FakeSource();
    source.started = job({ method: 'umap', totalIterations: 500 });
    const { r, errors, jobs } = runner(source);
    await r.start({ dataset: 'd', method: 'umap', dims: 2 });
    source.listener!.frame({ ...frame(77, 1), totalIterations: 500 });
    source.job = async () => {
      throw new TypeError('Failed to fetch');
    };
    source.listener!.closed(new Error('The connection for the projection frames broke.'));
    await tick();
    expect(r.running).toBe(false);
    expect(jobs.at(-1)!.status).toBe('failed');
    expect(errors.at(-1)).toMatch(/^UMAP stopped at 77\/500: the server cannot be reached/);
  });

  it('a stop the server cannot receive also ends the job here', async () => {
    const source = new FakeSource();
    const { r, jobs } = runner(source);
    await r.start({ dataset: 'd', method: 'tsne', dims: 2 });
    source.control = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(r.control('stop')).rejects.toThrow();
    expect(jobs.at(-1)!.status).toBe('failed');
    expect(r.running).toBe(false);
  });
});
