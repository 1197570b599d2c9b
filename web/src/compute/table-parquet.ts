// The table's rows as a Parquet file, for the table's download: built in a worker
// (compute/parquet-worker.ts) from columns gathered on the page in blocks (compute/table-pieces.ts),
// so a million rows never freeze the page. Without workers (unit tests) it is written here, the
// writer loaded by a dynamic import: either way the page's first load does not carry it.

import type { Metadata } from '../api/contract';
import type { ParquetWorkerMessage, ParquetWorkerRequest } from './parquet-worker';
import { TableAssembler, tablePieces } from './table-pieces';

/** The Parquet bytes of `rows` of `metadata`, in that order: `index` then every metadata column. */
export async function tableParquetFile(metadata: Metadata, rows: ArrayLike<number>, useWorker = typeof Worker !== 'undefined'): Promise<Uint8Array> {
  let worker: Worker | null = null;
  if (useWorker) {
    try {
      worker = new Worker(new URL('./parquet-worker.ts', import.meta.url), { type: 'module', name: 'parquet' });
    } catch {
      worker = null;
    }
  }
  if (!worker) {
    const table = new TableAssembler();
    for await (const piece of tablePieces(metadata, rows)) table.add(piece);
    const { tableParquet } = await import('./parquet-table');
    return tableParquet(table.finish());
  }
  try {
    const answer = new Promise<ParquetWorkerMessage>((resolve) => {
      worker.onmessage = (event: MessageEvent<ParquetWorkerMessage>) => resolve(event.data);
      worker.onerror = () => resolve({ type: 'error', message: 'The Parquet worker failed.' });
    });
    const post = (request: ParquetWorkerRequest, transfer: Transferable[] = []) => worker.postMessage(request, transfer);
    for await (const piece of tablePieces(metadata, rows)) {
      const transfer = piece.kind === 'number' ? [piece.values.buffer, ...(piece.missing ? [piece.missing.buffer] : [])] : [];
      post({ type: 'piece', piece }, transfer);
    }
    post({ type: 'write' });
    const done = await answer;
    if (done.type === 'error') throw new Error(done.message);
    return done.bytes;
  } finally {
    worker.terminate();
  }
}
