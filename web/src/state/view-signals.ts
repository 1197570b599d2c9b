// The view state (what the URL and bookmarks carry) as one signal per field, so that what shows the
// colour column is not redrawn when the camera moves, while the URL can still follow all of it.

import { batch, signal, type Signal } from '@preact/signals-core';
import { defaultViewState, type ViewState } from '../data/view-state';

export type ViewSignals = { readonly [K in keyof ViewState]: Signal<ViewState[K]> };

export function viewSignals(initial: ViewState = defaultViewState()): ViewSignals {
  const fields = {} as Record<keyof ViewState, Signal<unknown>>;
  for (const key of Object.keys(initial) as (keyof ViewState)[]) fields[key] = signal(initial[key]);
  return fields as unknown as ViewSignals;
}

/** The whole view state; read inside an effect it subscribes to every field. */
export function snapshot(view: ViewSignals): ViewState {
  const state = {} as Record<keyof ViewState, unknown>;
  for (const key of Object.keys(view) as (keyof ViewState)[]) state[key] = view[key].value;
  return state as ViewState;
}

/** The whole view state without subscribing to it. */
export function peekSnapshot(view: ViewSignals): ViewState {
  const state = {} as Record<keyof ViewState, unknown>;
  for (const key of Object.keys(view) as (keyof ViewState)[]) state[key] = view[key].peek();
  return state as ViewState;
}

/** Sets the given fields at once: effects see the new state only when all are set. */
export function assign(view: ViewSignals, changes: Partial<ViewState>): void {
  batch(() => {
    for (const key of Object.keys(changes) as (keyof ViewState)[]) (view[key] as Signal<unknown>).value = changes[key];
  });
}
