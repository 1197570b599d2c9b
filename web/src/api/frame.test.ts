import { describe, expect, it } from 'vitest';
import { FRAME_HEADER_BYTES, encodeFrame, parseFrame } from './frame';

describe('parseFrame', () => {
  it('reads the header and views the positions without copying', () => {
    const positions = new Float32Array([1.5, -2, 3, 4, 5, 6]);
    const buffer = encodeFrame({ iteration: 120, totalIterations: 750, points: 3, dims: 2, cost: 1.25, positions });
    const frame = parseFrame(buffer);
    expect(frame).toMatchObject({ iteration: 120, totalIterations: 750, points: 3, dims: 2, cost: 1.25 });
    expect(Array.from(frame.positions)).toEqual(Array.from(positions));
    expect(frame.positions.buffer).toBe(buffer);
    expect(frame.positions.byteOffset).toBe(FRAME_HEADER_BYTES);
  });

  it('reads a hand-written little-endian header with a NaN cost', () => {
    const buffer = new ArrayBuffer(24 + 12);
    const view = new DataView(buffer);
    [0x50, 0x52, 0x4a, 0x46].forEach((b, i) => view.setUint8(i, b));
    view.setUint32(4, 7, true);
    view.setUint32(8, 9, true);
    view.setUint32(12, 1, true);
    view.setUint32(16, 3, true);
    view.setFloat32(20, Number.NaN, true);
    view.setFloat32(24 + 8, 2.5, true);
    const frame = parseFrame(buffer);
    expect(frame.iteration).toBe(7);
    expect(frame.totalIterations).toBe(9);
    expect(Number.isNaN(frame.cost)).toBe(true);
    expect(frame.positions[2]).toBe(2.5);
  });

  it('rejects short, foreign and truncated messages', () => {
    expect(() => parseFrame(new ArrayBuffer(10))).toThrow(/shorter than its 24-byte header/);
    const foreign = encodeFrame({ iteration: 0, totalIterations: 0, points: 1, dims: 2, cost: 0, positions: new Float32Array(2) });
    new Uint8Array(foreign)[0] = 0x41;
    expect(() => parseFrame(foreign)).toThrow(/starts with "ARJF"/);
    const whole = encodeFrame({ iteration: 0, totalIterations: 0, points: 2, dims: 2, cost: 0, positions: new Float32Array(4) });
    expect(() => parseFrame(whole.slice(0, whole.byteLength - 4))).toThrow(/should be 40 bytes/);
  });
});
