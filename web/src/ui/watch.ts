// Panels draw each of their parts in its own effect, so a change redraws only the parts that show it.

import { effect } from '@preact/signals-core';

/** Runs each function now and again whenever a signal it read changes; the result stops them all. */
export function watch(...parts: (() => void)[]): () => void {
  const stops = parts.map((part) => effect(part));
  return () => stops.forEach((stop) => stop());
}
