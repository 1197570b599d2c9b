// Cross-filter counts off the page's main thread: a recount of a million rows takes tens of
// milliseconds (docs/benchmarks.md), which would stall a brush dragged on the page itself.

import { FilterEngine, type FilterReply, type FilterRequest } from './filter-engine';

const engine = new FilterEngine();

self.onmessage = (event: MessageEvent<FilterRequest>) => {
  const reply: FilterReply | null = engine.handle(event.data);
  if (!reply) return;
  // The mask is new for every answer and handed over; the totals are kept here, so they are copied.
  const transfer = reply.type === 'counts' ? [reply.result.mask?.buffer, ...reply.result.columns.map((c) => c.counts.buffer)].filter((b) => b !== undefined) : [];
  (self as unknown as Worker).postMessage(reply, transfer as Transferable[]);
};
