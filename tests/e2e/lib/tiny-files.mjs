// Small binary files the browser tests write themselves: a grey PNG, and an ONNX model (flatten, then
// one dense layer) written as protobuf by hand, so no test needs Python or a downloaded model.
import { deflateSync } from 'node:zlib';

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit greyscale PNG of `side` x `side` pixels, `pixels` row by row (0..255). */
export function greyPng(side, pixels) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8;
  const rows = Buffer.alloc(side * (side + 1));
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) rows[y * (side + 1) + 1 + x] = pixels[y * side + x];
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

// Protobuf, as much as an ONNX ModelProto needs.
function varint(value) {
  const out = [];
  let v = BigInt(value);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return Buffer.from(out);
}
const int = (field, value) => Buffer.concat([varint((field << 3) | 0), varint(value)]);
const bytes = (field, data) => Buffer.concat([varint((field << 3) | 2), varint(data.length), data]);
const str = (field, text) => bytes(field, Buffer.from(text, 'utf8'));
const msg = (field, ...parts) => bytes(field, Buffer.concat(parts));

const FLOAT = 1;
const dim = (d) => msg(1, typeof d === 'number' ? int(1, d) : str(2, d));
const valueInfo = (field, name, dims) => msg(field, str(1, name), msg(2, msg(1, int(1, FLOAT), msg(2, ...dims.map(dim)))));
const tensor = (name, dims, values) => msg(5, ...dims.map((d) => int(1, d)), int(2, FLOAT), str(8, name), bytes(9, Buffer.from(new Float32Array(values).buffer)));
const node = (op, name, inputs, outputs, attributes = []) => msg(1, ...inputs.map((i) => str(1, i)), ...outputs.map((o) => str(2, o)), str(3, name), str(4, op), ...attributes);
const intAttribute = (name, value) => msg(5, str(1, name), int(3, value), int(20, 2));

/**
 * A model taking grey `side` x `side` images (NCHW, batch "N"), flattening them and applying one dense
 * layer `weights` (`width` x side², row-major) plus `bias`: its output, named `embedding`, is N x `width`.
 */
export function denseImageModel(side, width, weights, bias) {
  const graph = Buffer.concat([
    node('Flatten', 'flatten', ['image'], ['flat'], [intAttribute('axis', 1)]),
    node('Gemm', 'dense', ['flat', 'W', 'B'], ['embedding'], [intAttribute('transB', 1)]),
    str(2, 'dense-image'),
    tensor('W', [width, side * side], weights),
    tensor('B', [width], bias),
    valueInfo(11, 'image', ['N', 1, side, side]),
    valueInfo(12, 'embedding', ['N', width]),
  ]);
  return Buffer.concat([int(1, 8), str(2, 'projector-e2e'), bytes(7, graph), msg(8, str(1, ''), int(2, 13))]);
}
