// Runs one projection job at a time: starts it, streams its frames (coalesced to one per animation
// frame, and paced: the source is told when the page has taken a frame, so a source that can drop
// frames keeps only the newest while the page draws), follows its status, and ends it cleanly when
// another one starts.

import type { DataSource, Subscription } from '../api/source';
import { isFinished, type Job, type ProjectionRequest } from '../api/contract';
import type { LayoutFrame } from '../api/frame';
import { ApiError } from '../api/problem';
import { methodName } from '../data/method-name';

export interface RunnerEvents {
  /** New positions: `raw` is rows x dims; `normalized`, when given, are the drawn positions already computed. */
  layout(raw: Float32Array, dims: number, iteration: number, cost: number, normalized?: LayoutFrame['normalized']): void;
  job(job: Job): void;
  error(message: string): void;
}

export class ProjectionRunner {
  job: Job | null = null;
  private token = 0;
  private subscription: Subscription | null = null;
  private pending: LayoutFrame | null = null;
  private scheduled = false;
  /** The job's frames are not shown, only its final layout (a step aligned to the one on screen). */
  private finalOnly = false;

  constructor(private readonly source: DataSource, private readonly events: RunnerEvents) {}

  get running(): boolean {
    return this.job !== null && !isFinished(this.job.status);
  }

  async start(request: ProjectionRequest): Promise<void> {
    this.cancel();
    const token = ++this.token;
    this.finalOnly = !!request.alignTo;
    const job = await this.source.project(request);
    if (token !== this.token) return;
    this.setJob(job);
    if (job.status === 'failed') {
      this.events.error(job.error ?? 'The projection failed.');
      return;
    }
    if (isFinished(job.status)) {
      await this.fetchLayout(job, token);
      return;
    }
    this.follow(job, token);
  }

  async control(action: 'pause' | 'resume' | 'stop'): Promise<void> {
    if (!this.job) return;
    const token = this.token;
    let job: Job;
    try {
      job = await this.source.control(this.job.id, action);
    } catch (error) {
      // A refusal (the job finished meanwhile) leaves the job as it is; an unreachable server ends it here.
      if (!(error instanceof ApiError) && token === this.token) this.lost(error);
      throw error;
    }
    if (token === this.token) this.setJob({ ...this.job, ...job });
  }

  /**
   * Leaves the current job. A job still running is stopped on the server: it would otherwise hold one
   * of the server's few t-SNE/UMAP slots for a layout nobody looks at (stopped layouts are not cached).
   */
  cancel(): void {
    this.token++;
    this.subscription?.close();
    this.subscription = null;
    this.pending = null;
    const job = this.job;
    if (job && !isFinished(job.status)) {
      this.job = { ...job, status: 'stopped' };
      this.source.control(job.id, 'stop').catch(() => {
        // The server may have finished or forgotten the job meanwhile; nothing to do either way.
      });
    }
  }

  private follow(job: Job, token: number): void {
    let lastIteration = -1;
    this.subscription = this.source.frames(job.id, {
      frame: (frame) => {
        if (token !== this.token) return;
        if (this.job) this.setJob({ ...this.job, iteration: frame.iteration, totalIterations: frame.totalIterations, cost: Number.isNaN(frame.cost) ? this.job.cost : frame.cost });
        if (this.finalOnly) {
          // The progress goes on; the map waits for the aligned layout the job ends with.
          this.subscription?.ready?.();
          return;
        }
        lastIteration = frame.iteration;
        this.pending = frame;
        this.schedule();
      },
      status: (status) => {
        if (token !== this.token) return;
        this.setJob({ ...this.job!, ...status });
        if (status.status === 'failed') this.events.error(status.error ?? 'The projection failed.');
      },
      closed: (error) => {
        if (token !== this.token) return;
        this.subscription = null;
        void this.afterClose(error, lastIteration, token);
      },
    });
  }

  private async afterClose(error: Error | null, lastIteration: number, token: number): Promise<void> {
    try {
      const job = await this.source.job(this.job!.id);
      if (token !== this.token) return;
      this.setJob(job);
      if (job.status === 'failed') {
        this.events.error(job.error ?? 'The projection failed.');
        return;
      }
      if (!isFinished(job.status)) {
        // The socket dropped while the job goes on: follow it again.
        if (error) this.follow(job, token);
        return;
      }
      if (job.iteration !== lastIteration) await this.fetchLayout(job, token);
    } catch (e) {
      if (token === this.token) this.lost(error ?? e);
    }
  }

  /**
   * The server stopped answering: the job ends here as failed, so the progress line, the status and
   * the buttons stop saying it runs, and the message says where it stopped.
   */
  private lost(error: unknown): void {
    const job = this.job;
    if (!job) return;
    this.subscription?.close();
    this.subscription = null;
    const at = job.totalIterations > 0 ? ` at ${job.iteration}/${job.totalIterations}` : '';
    // Whatever broke (the socket, then the status request), the user's question is whether the server still runs.
    const reason = error instanceof ApiError ? error.message : 'the server cannot be reached. Is `projector serve` still running?';
    const message = `${methodName(job.method)} stopped${at}: ${reason}`;
    this.setJob({ ...job, status: 'failed', error: message });
    this.events.error(message);
  }

  private async fetchLayout(job: Job, token: number): Promise<void> {
    const { positions, iteration } = await this.source.layout(job.id);
    if (token !== this.token) return;
    this.events.layout(positions, job.dims, iteration || job.iteration, job.cost ?? Number.NaN);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      const frame = this.pending;
      this.pending = null;
      if (frame) this.events.layout(frame.positions, frame.dims, frame.iteration, frame.cost, frame.normalized);
      this.subscription?.ready?.();
    };
    // A hidden tab gets no animation frames; the positions still follow so the view is current on return.
    if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState === 'visible') requestAnimationFrame(run);
    else setTimeout(run, 0);
  }

  private setJob(job: Job): void {
    this.job = job;
    this.events.job(job);
  }
}
