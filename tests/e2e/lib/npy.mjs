// The header of a NumPy .npy file (format 1.0) of little-endian float32 in C order, padded so the data
// starts on a 64-byte boundary.

/** The bytes before the data of a float32 array of `shape` (e.g. [n, 2]). */
export function npyHeader(shape) {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${shape.join(', ')}), }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const prefix = Buffer.alloc(10);
  prefix.write('\x93NUMPY', 0, 'latin1');
  prefix[6] = 1;
  prefix[7] = 0;
  prefix.writeUInt16LE(header.length, 8);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1')]);
}
