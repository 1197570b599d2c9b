// The progress line and the error banner: every long action shows in one, every failure in the other.

import { h } from './dom';

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
    this.text.textContent = labels.length > 0 ? labels[labels.length - 1] : p!.label;
    const determinate = labels.length === 0 && p !== null;
    this.element.classList.toggle('indeterminate', !determinate);
    this.bar.style.width = determinate ? `${Math.round(Math.min(1, Math.max(0, p.fraction)) * 100)}%` : '';
  }
}

export class ErrorBanner {
  readonly element: HTMLElement;
  private readonly text: HTMLElement;

  constructor() {
    this.text = h('span', { class: 'error-text' });
    this.element = h('div', { class: 'error-banner', testid: 'error-banner', role: 'alert', hidden: true },
      // The icon and the close mark are drawn by CSS so the banner's text is the message alone.
      h('span', { class: 'error-icon', 'aria-hidden': 'true' }), this.text,
      h('button', { class: 'icon-button close', title: 'Dismiss', 'aria-label': 'Dismiss', onclick: () => this.clear() }));
  }

  show(message: string): void {
    this.text.textContent = message;
    this.element.hidden = false;
  }

  clear(): void {
    this.element.hidden = true;
    this.text.textContent = '';
  }
}
