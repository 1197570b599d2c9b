import { describe, expect, it } from 'vitest';
import { encodeFrame } from './frame';
import { decodeFrame, FrameGate } from './frame-gate';

describe('FrameGate', () => {
  it('hands over the first frame at once and holds the next until the page is ready', () => {
    const got: number[] = [];
    const gate = new FrameGate<number>((x) => got.push(x));
    gate.offer(1);
    gate.offer(2);
    expect(got).toEqual([1]);
    gate.ready();
    expect(got).toEqual([1, 2]);
  });

  it('keeps only the newest frame while the page draws, counting the ones dropped', () => {
    const got: number[] = [];
    const gate = new FrameGate<number>((x) => got.push(x));
    gate.offer(1);
    gate.offer(2);
    gate.offer(3);
    gate.offer(4);
    expect(gate.skipped).toBe(2);
    gate.ready();
    expect(got).toEqual([1, 4]);
    gate.ready();
    expect(got).toEqual([1, 4]);
  });

  it('flushes a waiting frame when the stream ends, so the last layout is not lost', () => {
    const got: number[] = [];
    const gate = new FrameGate<number>((x) => got.push(x));
    gate.offer(1);
    gate.offer(2);
    gate.flush();
    expect(got).toEqual([1, 2]);
  });
});

describe('decodeFrame', () => {
  it('parses a frame and normalises it for drawing', () => {
    const buffer = encodeFrame({ iteration: 7, totalIterations: 750, points: 2, dims: 2, cost: 1.5, positions: new Float32Array([0, 0, 4, 0]) });
    const frame = decodeFrame(buffer);
    expect(frame.iteration).toBe(7);
    expect(frame.normalized!.axes).toEqual([0, 1, null]);
    expect(Array.from(frame.normalized!.positions)).toEqual([-1, 0, 0, 1, 0, 0]);
  });

  it('keeps z for a 3-D layout', () => {
    const buffer = encodeFrame({ iteration: 0, totalIterations: 1, points: 2, dims: 3, cost: Number.NaN, positions: new Float32Array([0, 0, -2, 0, 0, 2]) });
    expect(Array.from(decodeFrame(buffer).normalized!.positions)).toEqual([0, 0, -1, 0, 0, 1]);
  });

  it('rejects a truncated frame with the sizes in the message', () => {
    const buffer = encodeFrame({ iteration: 0, totalIterations: 1, points: 2, dims: 2, cost: 0, positions: new Float32Array(4) });
    expect(() => decodeFrame(buffer.slice(0, 30))).toThrow(/should be 40 bytes, not 30/);
  });
});
