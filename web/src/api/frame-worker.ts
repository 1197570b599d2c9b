// The projection's WebSocket, held off the page's main thread: frames are parsed and normalised here
// and handed over as transferred buffers, at most one ahead of what the page drew; frames that arrive
// meanwhile are dropped in favour of the newest.

import { decodeFrame, FrameGate } from './frame-gate';

export type FrameWorkerRequest = { type: 'open'; url: string } | { type: 'ready' } | { type: 'close' };

export type FrameWorkerMessage =
  | { type: 'frame'; iteration: number; totalIterations: number; points: number; dims: number; cost: number; raw: Float32Array; axes: [number, number, number | null]; positions: Float32Array; skipped: number }
  | { type: 'status'; text: string }
  | { type: 'closed'; error: string | null };

const post = (message: FrameWorkerMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

let socket: WebSocket | null = null;
const gate = new FrameGate<ArrayBuffer>((buffer) => {
  try {
    const frame = decodeFrame(buffer);
    const { positions, axes } = frame.normalized!;
    post({ type: 'frame', iteration: frame.iteration, totalIterations: frame.totalIterations, points: frame.points, dims: frame.dims, cost: frame.cost, raw: frame.positions, axes, positions, skipped: gate.skipped },
      [frame.positions.buffer, positions.buffer]);
  } catch (error) {
    post({ type: 'closed', error: (error as Error).message });
    socket?.close();
    socket = null;
  }
});

self.onmessage = (event: MessageEvent<FrameWorkerRequest>) => {
  const request = event.data;
  if (request.type === 'ready') gate.ready();
  else if (request.type === 'close') {
    socket?.close();
    socket = null;
  } else if (request.type === 'open') open(request.url);
};

function open(url: string): void {
  const ws = new WebSocket(url);
  socket = ws;
  ws.binaryType = 'arraybuffer';
  ws.onmessage = (event: MessageEvent) => {
    if (typeof event.data === 'string') post({ type: 'status', text: event.data });
    else gate.offer(event.data as ArrayBuffer);
  };
  ws.onerror = () => {
    if (socket !== ws) return;
    socket = null;
    gate.flush();
    post({ type: 'closed', error: 'The connection for the projection frames broke.' });
  };
  ws.onclose = (event: CloseEvent) => {
    if (socket !== ws) return;
    socket = null;
    gate.flush();
    post({ type: 'closed', error: event.code === 1000 || event.code === 1005 ? null : event.reason || 'The connection for the projection frames closed unexpectedly.' });
  };
}
