// Writes the table's Parquet file off the main thread: writing a million rows takes seconds (most of
// it hyparquet-writer encoding the pages), which on the page would freeze it. The pieces arrive from
// compute/table-pieces.ts; the file goes back as a transferred buffer. One worker per download.

import { tableParquet } from './parquet-table';
import { TableAssembler, type TablePiece } from './table-pieces';

export type ParquetWorkerRequest = { type: 'piece'; piece: TablePiece } | { type: 'write' };
export type ParquetWorkerMessage = { type: 'done'; bytes: Uint8Array } | { type: 'error'; message: string };

const table = new TableAssembler();

self.onmessage = (event: MessageEvent<ParquetWorkerRequest>) => {
  const m = event.data;
  if (m.type === 'piece') {
    table.add(m.piece);
    return;
  }
  let answer: ParquetWorkerMessage;
  try {
    answer = { type: 'done', bytes: tableParquet(table.finish()) };
  } catch (error) {
    answer = { type: 'error', message: `The Parquet file could not be written: ${error instanceof Error ? error.message : String(error)}` };
  }
  (self as unknown as Worker).postMessage(answer, answer.type === 'done' ? [answer.bytes.buffer] : []);
};
