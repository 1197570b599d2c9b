import { describe, expect, it } from 'vitest';
import { principalComponents, symmetricEigen } from './pca';

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

describe('symmetric eigen decomposition', () => {
  it('finds the eigenvalues, largest first, with orthonormal vectors', () => {
    const { values, vectors } = symmetricEigen(Float64Array.from([2, 1, 0, 1, 2, 0, 0, 0, 5]), 3);
    expect(values[0]).toBeCloseTo(5);
    expect(values[1]).toBeCloseTo(3);
    expect(values[2]).toBeCloseTo(1);
    // The eigenvector of 3 is (1, 1, 0) / sqrt 2.
    expect(Math.abs(vectors[0 * 3 + 1])).toBeCloseTo(Math.SQRT1_2);
    expect(Math.abs(vectors[1 * 3 + 1])).toBeCloseTo(Math.SQRT1_2);
  });
});

describe('PCA in the page', () => {
  it('recovers the axes of an elongated cloud and their share of the variance', async () => {
    // 400 points in 5-D: variance 100 along (1,1,0,0,0)/sqrt2, 9 along e3, 1 along the rest.
    const r = rng(3);
    const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
    const n = 400;
    const d = 5;
    const m = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      const a = gauss() * 10;
      const b = gauss() * 3;
      m[i * d] = a / Math.SQRT2 + gauss() * 0.3 + 4;
      m[i * d + 1] = a / Math.SQRT2 + gauss() * 0.3 - 2;
      m[i * d + 2] = b;
      m[i * d + 3] = gauss() * 0.3;
      m[i * d + 4] = gauss() * 0.3;
    }
    const pca = await principalComponents(m, d, 3);
    expect(pca.components).toBe(3);
    expect(pca.positions).toHaveLength(n * 3);
    const ev = pca.explainedVariance;
    expect(ev[0]).toBeGreaterThan(0.85);
    expect(ev[1]).toBeGreaterThan(0.05);
    expect(ev[0]).toBeGreaterThan(ev[1]);
    expect(ev[1]).toBeGreaterThan(ev[2]);
    expect(ev.reduce((s, x) => s + x, 0)).toBeLessThanOrEqual(1 + 1e-9);
    // PC1 is (x0 + x1) / sqrt2 up to sign and centring: the coordinates correlate fully.
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += (m[i * d] + m[i * d + 1]) / Math.SQRT2 / n;
      my += pca.positions[i * 3] / n;
    }
    for (let i = 0; i < n; i++) {
      const x = (m[i * d] + m[i * d + 1]) / Math.SQRT2 - mx;
      const y = pca.positions[i * 3] - my;
      sxy += x * y;
      sxx += x * x;
      syy += y * y;
    }
    expect(Math.abs(sxy / Math.sqrt(sxx * syy))).toBeGreaterThan(0.999);
    // Centred: each component's mean is 0.
    expect(Math.abs(my)).toBeLessThan(1e-3);
  });

  it('caps the components at D and N and is the same for the same seed', async () => {
    const m = Float32Array.from([1, 2, 3, 4, 5, 7, 2, 1]);
    const a = await principalComponents(m, 2, 10);
    expect(a.components).toBe(2);
    const b = await principalComponents(m, 2, 10);
    expect(Array.from(b.positions)).toEqual(Array.from(a.positions));
  });
});
