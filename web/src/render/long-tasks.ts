// Long main-thread tasks as the browser reports them (PerformanceObserver, entry type 'longtask': any
// task over 50 ms), handed to the frame budget, which makes its plans coarser while they last. The
// page's own frame timing cannot see them all: on software WebGL most of such a task is the browser
// reading the canvas back after the draw, outside any callback of ours.

/** Calls `onTask(duration, end)` (ms, performance.now() time) for each long task; returns the stop. */
export function watchLongTasks(onTask: (ms: number, end: number) => void, observer: typeof PerformanceObserver | undefined = globalThis.PerformanceObserver): () => void {
  if (!observer || !(observer.supportedEntryTypes ?? []).includes('longtask')) return () => {};
  const watch = new observer((list) => {
    for (const entry of list.getEntries()) onTask(entry.duration, entry.startTime + entry.duration);
  });
  watch.observe({ type: 'longtask' });
  return () => watch.disconnect();
}
