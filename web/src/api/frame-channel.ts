// The page's side of the frame worker: one worker per followed job, its messages turned into the
// FrameListener calls every source makes. The worker takes the WebSocket, the parsing and the
// normalising off the main thread; `ready()` tells it the page can take the next frame.

import type { Job } from './contract';
import type { FrameListener, Subscription } from './source';
import type { FrameWorkerMessage, FrameWorkerRequest } from './frame-worker';

/** Counters the browser tests read: frames decoded in a worker, and frames the worker dropped for a newer one. */
export const frameStats = { decodedInWorker: 0, skipped: 0 };

/** Follows the frames at `url` (ws: or wss:) in a worker; null when the browser has no workers. */
export function workerFrames(url: URL, listener: FrameListener): Subscription | null {
  if (typeof Worker === 'undefined') return null;
  const worker = new Worker(new URL('./frame-worker.ts', import.meta.url), { type: 'module', name: 'projection frames' });
  const send = (request: FrameWorkerRequest) => worker.postMessage(request);
  let done = false;
  let skippedBefore = 0;
  const finish = (error: Error | null) => {
    if (done) return;
    done = true;
    worker.terminate();
    listener.closed(error);
  };
  worker.onmessage = (event: MessageEvent<FrameWorkerMessage>) => {
    if (done) return;
    const m = event.data;
    if (m.type === 'frame') {
      frameStats.decodedInWorker++;
      frameStats.skipped += m.skipped - skippedBefore;
      skippedBefore = m.skipped;
      listener.frame({ iteration: m.iteration, totalIterations: m.totalIterations, points: m.points, dims: m.dims, cost: m.cost, positions: m.raw, normalized: { axes: m.axes, positions: m.positions } });
    } else if (m.type === 'status') {
      try {
        const message = JSON.parse(m.text) as { type?: string } & Job;
        if (message.type === 'status') listener.status(message);
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
      }
    } else {
      finish(m.error === null ? null : new Error(m.error));
    }
  };
  worker.onerror = (event) => finish(new Error(event.message || 'The projection frame worker failed.'));
  send({ type: 'open', url: url.toString() });
  return {
    close: () => {
      done = true;
      send({ type: 'close' });
      // Let the worker close its socket cleanly before it goes.
      setTimeout(() => worker.terminate(), 1000);
    },
    ready: () => {
      if (!done) send({ type: 'ready' });
    },
  };
}
