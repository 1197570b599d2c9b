// Custom axes in the page, as the server computes them: each axis runs from the centroid of the rows
// one query matches to the centroid of another's; a row's coordinate is its dot product with the unit axis.

import { ApiError } from '../api/problem';
import type { AxisQuery, Metadata } from '../api/contract';

export function matchAxis(metadata: Metadata, query: AxisQuery): number[] {
  const column = metadata.columns.find((c) => c.name === query.column);
  if (!column) throw new ApiError(`No metadata column '${query.column}'. Columns: ${metadata.columns.map((c) => c.name).join(', ')}.`, 400);
  let pattern: RegExp;
  try {
    pattern = new RegExp(query.pattern, 'i');
  } catch (error) {
    throw new ApiError(`'${query.pattern}' is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`, 400);
  }
  const rows: number[] = [];
  column.values.forEach((v, i) => {
    if (v !== null && v !== '' && pattern.test(String(v))) rows.push(i);
  });
  if (rows.length === 0) throw new ApiError(`No point matches '${query.pattern}' in ${query.column}.`, 400);
  return rows;
}

function direction(matrix: Float32Array, dims: number, from: number[], to: number[]): Float64Array {
  const d = new Float64Array(dims);
  for (const r of to) for (let j = 0; j < dims; j++) d[j] += matrix[r * dims + j] / to.length;
  for (const r of from) for (let j = 0; j < dims; j++) d[j] -= matrix[r * dims + j] / from.length;
  const norm = Math.sqrt(d.reduce((s, x) => s + x * x, 0));
  if (norm > 0) for (let j = 0; j < dims; j++) d[j] /= norm;
  return d;
}

/** N x 2 positions: x from left to right, y from down to up (0 without a y axis). */
export function customAxes(matrix: Float32Array, dims: number, metadata: Metadata,
  axes: { left: AxisQuery | null; right: AxisQuery | null; down: AxisQuery | null; up: AxisQuery | null }): Float32Array {
  if (!axes.left || !axes.right) throw new ApiError('Custom axes need a query for left and for right.', 400);
  if ((axes.down === null) !== (axes.up === null)) throw new ApiError('Give both ends of the y axis, or neither.', 400);
  const x = direction(matrix, dims, matchAxis(metadata, axes.left), matchAxis(metadata, axes.right));
  const y = axes.down && axes.up ? direction(matrix, dims, matchAxis(metadata, axes.down), matchAxis(metadata, axes.up)) : null;
  const n = Math.floor(matrix.length / dims);
  const out = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    let sx = 0;
    let sy = 0;
    for (let j = 0; j < dims; j++) {
      const v = matrix[i * dims + j];
      sx += v * x[j];
      if (y) sy += v * y[j];
    }
    out[i * 2] = sx;
    out[i * 2 + 1] = sy;
  }
  return out;
}
