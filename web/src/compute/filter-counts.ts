// The page's side of the filter worker: at most one count in flight, and while it runs only the newest
// filters wait, so a brush dragged faster than the counts come back skips the positions in between.

import type { MetadataColumn } from '../api/contract';
import type { ColumnCounts, ColumnProfile, Filter, FilterCounts } from '../data/filters';
import { FilterEngine, type FilterReply, type FilterRequest } from './filter-engine';

export interface CountsAnswer {
  result: FilterCounts;
  totals: ColumnCounts[];
  /** Time the worker took for this answer. */
  ms: number;
}

export interface CounterListener {
  profiles(profiles: ColumnProfile[]): void;
  counts(answer: CountsAnswer): void;
}

export class FilterCounter {
  private readonly send: (request: FilterRequest) => void;
  private readonly worker: Worker | null;
  private id = 0;
  private seq = 0;
  private inFlight = false;
  private pending: Filter[] | null = null;

  /** In a worker where the browser has them; `inline` computes on the page (tests, old browsers). */
  constructor(private readonly listener: CounterListener, inline = typeof Worker === 'undefined') {
    if (inline) {
      this.worker = null;
      const engine = new FilterEngine();
      // Answers still arrive later, as the worker's would.
      this.send = (request) => {
        const reply = engine.handle(request);
        if (reply) setTimeout(() => this.receive(reply), 0);
      };
    } else {
      this.worker = new Worker(new URL('./filter-worker.ts', import.meta.url), { type: 'module', name: 'filter counts' });
      this.worker.onmessage = (event: MessageEvent<FilterReply>) => this.receive(event.data);
      this.send = (request) => this.worker!.postMessage(request);
    }
  }

  /** A new dataset: its columns are encoded once; counts asked before the profiles arrive wait for them. */
  setColumns(points: number, columns: MetadataColumn[]): void {
    this.id++;
    this.inFlight = false;
    this.pending = null;
    this.send({ type: 'columns', id: this.id, points, columns: columns.map((c) => ({ name: c.name, kind: c.kind, values: c.values })) });
  }

  /** The rows counted: an isolated layout's dataset rows, or null for all. */
  setRows(rows: Int32Array | null): void {
    this.send({ type: 'rows', id: this.id, rows });
  }

  count(filters: Filter[]): void {
    if (this.inFlight) {
      this.pending = filters;
      return;
    }
    this.inFlight = true;
    this.send({ type: 'count', id: this.id, seq: ++this.seq, filters });
  }

  dispose(): void {
    this.worker?.terminate();
  }

  private receive(reply: FilterReply): void {
    if (reply.id !== this.id) return;
    if (reply.type === 'profiles') {
      this.listener.profiles(reply.profiles);
      return;
    }
    this.inFlight = false;
    const next = this.pending;
    this.pending = null;
    // Shown even when newer filters wait: a brush that keeps moving still sees counts follow it.
    if (next) this.count(next);
    this.listener.counts({ result: reply.result, totals: reply.totals, ms: reply.ms });
  }
}
