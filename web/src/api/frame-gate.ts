// What the frame worker does with each message, kept free of Worker and WebSocket so it can be tested:
// decode and normalise one frame, and hold only the newest frame until the page is ready for it.

import { defaultAxes, normalizeLayout } from '../data/layout';
import { parseFrame, type LayoutFrame } from './frame';

/**
 * Parses `buffer` and adds the positions the page draws (centred, scaled, N x 3) for the default axes
 * of the layout's own dimensionality.
 */
export function decodeFrame(buffer: ArrayBuffer): LayoutFrame {
  const frame = parseFrame(buffer);
  const axes = defaultAxes(frame.dims, frame.dims >= 3 ? 3 : 2);
  const positions = new Float32Array(frame.points * 3);
  normalizeLayout(frame.positions, frame.dims, axes, positions);
  return { ...frame, normalized: { axes, positions } };
}

/**
 * Lets one frame through at a time: a frame arriving while the page still draws the previous one
 * replaces any frame waiting (only the newest matters), and is counted as skipped.
 */
export class FrameGate<T> {
  private pending: T | null = null;
  private credit = true;
  /** Frames replaced before the page asked for them. */
  skipped = 0;

  constructor(private readonly deliver: (item: T) => void) {}

  /** A new frame arrived. */
  offer(item: T): void {
    if (this.pending !== null) this.skipped++;
    this.pending = item;
    this.pump();
  }

  /** The page drew what it was given and can take the next frame. */
  ready(): void {
    this.credit = true;
    this.pump();
  }

  /** Hands over a frame still waiting regardless of credit (the stream ends: the last one must not be lost). */
  flush(): void {
    const item = this.pending;
    this.pending = null;
    if (item !== null) this.deliver(item);
  }

  private pump(): void {
    if (!this.credit || this.pending === null) return;
    const item = this.pending;
    this.pending = null;
    this.credit = false;
    this.deliver(item);
  }
}
