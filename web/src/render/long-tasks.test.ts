import { describe, expect, it } from 'vitest';
import { watchLongTasks } from './long-tasks';

type Entries = { getEntries(): { duration: number; startTime: number }[] };

/** A PerformanceObserver stand-in that hands its callback to the test. */
function fakeObserver(types: string[]) {
  const state: { callback: ((list: Entries) => void) | null; observed: unknown; disconnected: boolean } = { callback: null, observed: null, disconnected: false };
  class Fake {
    static supportedEntryTypes = types;
    constructor(callback: (list: Entries) => void) {
      state.callback = callback;
    }
    observe(options: unknown) {
      state.observed = options;
    }
    disconnect() {
      state.disconnected = true;
    }
  }
  return { state, observer: Fake as unknown as typeof PerformanceObserver };
}

describe('watchLongTasks', () => {
  it('reports each long task with its duration and end time, and stops', () => {
    const { state, observer } = fakeObserver(['longtask', 'mark']);
    const seen: [number, number][] = [];
    const stop = watchLongTasks((ms, end) => seen.push([ms, end]), observer);
    expect(state.observed).toEqual({ type: 'longtask' });
    state.callback!({ getEntries: () => [{ duration: 120, startTime: 1000 }, { duration: 60, startTime: 1500 }] });
    expect(seen).toEqual([[120, 1120], [60, 1560]]);
    stop();
    expect(state.disconnected).toBe(true);
  });

  it('does nothing where the browser does not report long tasks', () => {
    const { state, observer } = fakeObserver(['mark']);
    const stop = watchLongTasks(() => {}, observer);
    expect(state.callback).toBeNull();
    stop();
    expect(watchLongTasks(() => {}, undefined)).toBeTypeOf('function');
  });
});
