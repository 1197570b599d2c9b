// The progress line and the error banner: every long action shows in one, every failure in the other.

import type { Job } from '../api/contract';
import { methodName } from '../data/method-name';
import type { Store } from '../state/store';
import { h, setText } from './dom';
import { watch } from './watch';

export class Progress {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;
  private readonly bar: HTMLElement;
  private readonly tasks = new Map<number, string>();
  private next = 0;

  constructor() {
    this.text = h('span', { class: 'progress-text' });
    this.bar = h('span', { class: 'progress-bar' });
    this.element = h('div', { class: 'progress', testid: 'progress', role: 'status', 'aria-live': 'polite', hidden: true },
      h('span', { class: 'spinner' }), this.text, h('span', { class: 'progress-track' }, this.bar));
  }

  /** No task is pending (a running projection does not count). */
  get idle(): boolean {
    return this.tasks.size === 0;
  }

  /** Shows `label` until the returned function is called. */
  begin(label: string): () => void {
    const id = this.next++;
    this.tasks.set(id, label);
    this.show();
    return () => {
      this.tasks.delete(id);
      this.show();
    };
  }

  /** Runs `work` with `label` showing. */
  async during<T>(label: string, work: Promise<T>): Promise<T> {
    const end = this.begin(label);
    try {
      return await work;
    } finally {
      end();
    }
  }

  /** A determinate step of a running projection; null clears it. */
  set projection(value: { label: string; fraction: number } | null) {
    this.projectionState = value;
    this.show();
  }

  private projectionState: { label: string; fraction: number } | null = null;

  private show(): void {
    const labels = [...this.tasks.values()];
    const p = this.projectionState;
    if (labels.length === 0 && !p) {
      this.element.hidden = true;
      return;
    }
    this.element.hidden = false;
    setText(this.text, labels.length > 0 ? labels[labels.length - 1] : p!.label);
    const determinate = labels.length === 0 && p !== null;
    this.element.classList.toggle('indeterminate', !determinate);
    this.bar.style.width = determinate ? `${Math.round(Math.min(1, Math.max(0, p.fraction)) * 100)}%` : '';
  }
}

/** The determinate step a running job shows in the progress line; null when it is not running. */
export function jobProgress(job: Job | null): { label: string; fraction: number } | null {
  return job && (job.status === 'running' || job.status === 'queued')
    // Before the first iteration the phase carries its own count ("neighbours 3,200/10,000", "affinities").
    ? { label: `${methodName(job.method)}: ${job.phase ?? job.status}${job.iteration > 0 ? ` ${job.iteration}/${job.totalIterations}` : ''}`, fraction: job.totalIterations > 0 ? job.iteration / job.totalIterations : 0 }
    : null;
}

/** Shows the store's error; dismissing it clears it there. */
export class ErrorBanner {
  readonly element: HTMLElement;
  readonly dispose: () => void;
  private readonly text: HTMLElement;

  constructor(private readonly store: Store) {
    this.text = h('span', { class: 'error-text' });
    this.element = h('div', { class: 'error-banner', testid: 'error-banner', role: 'alert', hidden: true },
      // The icon and the close mark are drawn by CSS so the banner's text is the message alone.
      h('span', { class: 'error-icon', 'aria-hidden': 'true' }), this.text,
      h('button', { class: 'icon-button close', title: 'Dismiss', 'aria-label': 'Dismiss', testid: 'dismiss-error', onclick: () => (this.store.error.value = null) }));
    this.dispose = watch(() => {
      const message = store.error.value;
      this.text.textContent = message ?? '';
      this.element.hidden = message === null;
    });
  }
}
