// PCA in the page, for static sites whose PCA was not precomputed: randomized subspace iteration on
// the centred matrix (never formed), then an exact eigen decomposition of the small projected problem.

export interface PcaResult {
  /** N x components, the coordinates of each row on the components. */
  positions: Float32Array;
  components: number;
  /** The share of the total variance each component explains, largest first. */
  explainedVariance: number[];
}

/** Seeded uniform numbers (Mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Orthonormalizes the `k` columns of a rows x k matrix (row-major) in place; returns the column norms before. */
function orthonormalize(m: Float64Array, rows: number, k: number): void {
  for (let c = 0; c < k; c++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < c; p++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += m[r * k + c] * m[r * k + p];
        for (let r = 0; r < rows; r++) m[r * k + c] -= dot * m[r * k + p];
      }
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += m[r * k + c] ** 2;
    norm = Math.sqrt(norm);
    if (norm > 1e-300) for (let r = 0; r < rows; r++) m[r * k + c] /= norm;
    else for (let r = 0; r < rows; r++) m[r * k + c] = 0;
  }
}

/** Eigen decomposition of a symmetric k x k matrix by cyclic Jacobi: values descending, vectors as columns. */
export function symmetricEigen(a: Float64Array, k: number): { values: number[]; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < k; p++) for (let q = p + 1; q < k; q++) off += m[p * k + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = m[p * k + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q * k + q] - m[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const mrp = m[r * k + p];
          const mrq = m[r * k + q];
          m[r * k + p] = c * mrp - s * mrq;
          m[r * k + q] = s * mrp + c * mrq;
        }
        for (let r = 0; r < k; r++) {
          const mpr = m[p * k + r];
          const mqr = m[q * k + r];
          m[p * k + r] = c * mpr - s * mqr;
          m[q * k + r] = s * mpr + c * mqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => m[y * k + y] - m[x * k + x]);
  const vectors = new Float64Array(k * k);
  order.forEach((from, to) => {
    for (let r = 0; r < k; r++) vectors[r * k + to] = v[r * k + from];
  });
  return { values: order.map((i) => m[i * k + i]), vectors };
}

const pause = () => new Promise<void>((ok) => setTimeout(ok, 0));

/**
 * The first `components` principal components of an N x D matrix. Signs are fixed so that each
 * component's largest loading is positive, so the same data always gives the same picture.
 */
export async function principalComponents(matrix: Float32Array, dims: number, components: number, seed = 42, iterations = 4): Promise<PcaResult> {
  const n = Math.floor(matrix.length / dims);
  const c = Math.max(1, Math.min(components, dims, n));
  const k = Math.min(dims, n, c + 10);
  const mean = new Float64Array(dims);
  for (let i = 0; i < n; i++) for (let j = 0; j < dims; j++) mean[j] += matrix[i * dims + j];
  for (let j = 0; j < dims; j++) mean[j] /= n;
  let total = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < dims; j++) total += (matrix[i * dims + j] - mean[j]) ** 2;

  const row = new Float64Array(dims);
  const centred = (i: number) => {
    for (let j = 0; j < dims; j++) row[j] = matrix[i * dims + j] - mean[j];
    return row;
  };
  // Y = Xc Q (N x k) for Q D x k
  const times = (q: Float64Array) => {
    const y = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      const x = centred(i);
      for (let j = 0; j < dims; j++) {
        const xj = x[j];
        if (xj === 0) continue;
        const qj = j * k;
        for (let t = 0; t < k; t++) y[i * k + t] += xj * q[qj + t];
      }
    }
    return y;
  };
  // Z = Xcᵀ Y (D x k) for Y N x k
  const transposeTimes = (y: Float64Array) => {
    const z = new Float64Array(dims * k);
    for (let i = 0; i < n; i++) {
      const x = centred(i);
      for (let j = 0; j < dims; j++) {
        const xj = x[j];
        if (xj === 0) continue;
        for (let t = 0; t < k; t++) z[j * k + t] += xj * y[i * k + t];
      }
    }
    return z;
  };

  const rand = random(seed);
  const omega = new Float64Array(dims * k);
  for (let i = 0; i < omega.length; i++) omega[i] = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  let y = times(omega);
  orthonormalize(y, n, k);
  for (let it = 0; it < iterations; it++) {
    await pause();
    const z = transposeTimes(y);
    orthonormalize(z, dims, k);
    await pause();
    y = times(z);
    orthonormalize(y, n, k);
  }
  await pause();
  // B = Yᵀ Xc is k x D; its rows span the top of the row space. Bᵀ is Xcᵀ Y.
  const bt = transposeTimes(y); // D x k
  const gram = new Float64Array(k * k); // B Bᵀ
  for (let j = 0; j < dims; j++) {
    for (let a = 0; a < k; a++) {
      const va = bt[j * k + a];
      for (let b = a; b < k; b++) gram[a * k + b] += va * bt[j * k + b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) gram[a * k + b] = gram[b * k + a];
  const { values, vectors } = symmetricEigen(gram, k);
  // Components V = Bᵀ U / σ (D x c).
  const v = new Float64Array(dims * c);
  for (let t = 0; t < c; t++) {
    const sigma = Math.sqrt(Math.max(values[t], 0));
    let biggest = 0;
    for (let j = 0; j < dims; j++) {
      let s = 0;
      for (let a = 0; a < k; a++) s += bt[j * k + a] * vectors[a * k + t];
      v[j * c + t] = sigma > 0 ? s / sigma : 0;
      if (Math.abs(v[j * c + t]) > Math.abs(biggest)) biggest = v[j * c + t];
    }
    if (biggest < 0) for (let j = 0; j < dims; j++) v[j * c + t] = -v[j * c + t];
  }
  await pause();
  const positions = new Float32Array(n * c);
  for (let i = 0; i < n; i++) {
    const x = centred(i);
    for (let t = 0; t < c; t++) {
      let s = 0;
      for (let j = 0; j < dims; j++) s += x[j] * v[j * c + t];
      positions[i * c + t] = s;
    }
  }
  const explainedVariance = values.slice(0, c).map((l) => (total > 0 ? Math.max(l, 0) / total : 0));
  return { positions, components: c, explainedVariance };
}
