// The map layers' costs for 10k, 100k and 1M points: the server's clusters of a finished layout
// (HDBSCAN and names), the page's density grid (in its worker), and the page's frame time with the
// density shading on (median and 95th percentile), in Debian's headless Chromium (software WebGL).
// Usage (after `dotnet build Projector.slnx -c Release` and `npm ci` in tests/e2e):
//   node bench/browser/layers-bench.mjs [--sizes 10000,100000,1000000] [--runs 3]
// References measured in the same run: a PCA layout of the same points (server), one pass copying
// and summing the positions (page), and the frame time with the density off (alternated with on).
// 10k is the MNIST demo; larger sets are the page benchmark's seeded mixtures. Prints Markdown.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../tests/e2e/lib/server.mjs';
import { openBrowser } from '../../tests/e2e/lib/browser.mjs';
import { writeMixture } from './mixture.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '10000,100000,1000000').split(',').filter(Boolean).map(Number);
const runs = Number(arg('runs', '3'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Seconds the page's fetch of `path` takes (a new request each time; the answer is read whole). */
const timed = (page, path, init) => page.evaluate(async ({ p, i }) => {
  const start = performance.now();
  const r = await fetch(p, i && { ...i, headers: { 'Content-Type': 'application/json' } });
  if (!r.ok) throw new Error(`${p}: ${r.status} ${await r.text()}`);
  const body = await r.json();
  return { seconds: (performance.now() - start) / 1000, body };
}, { p: path, i: init });

/** The 95th percentile of `xs`. */
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/** Median and 95th-percentile frame interval (ms) while the view is dragged and zoomed a little. */
async function frameTime(page) {
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frames.length < 5000) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  const box = await page.getByTestId('canvas').boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  // 40 pointer moves (about 100 frames or more): enough intervals for a 95th percentile to mean something.
  for (let i = 0; i < 40; i++) await page.mouse.move(cx + 150 * Math.sin(i / 3), cy + 100 * Math.cos(i / 3));
  await page.mouse.up();
  await page.mouse.wheel(0, -120);
  await page.mouse.wheel(0, 120);
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const frames = await page.evaluate(() => window.__frames.slice(1));
  return { median: median(frames), p95: p95(frames), frames: frames.length };
}

async function setDensity(page, on) {
  const count = await page.evaluate(() => window.__projectorLayers.density().count);
  if (on) await page.getByTestId('density-toggle').check();
  else await page.getByTestId('density-toggle').uncheck();
  if (on) await page.waitForFunction((c) => window.__projectorLayers.density().count > c, count, { timeout: 600_000 });
  await page.waitForTimeout(500);
  return page.evaluate(() => window.__projectorLayers.density().milliseconds);
}

const rows = [];
for (const n of sizes) {
  let args = [];
  if (n !== 10000) {
    const dir = mkdtempSync(join(tmpdir(), `projector-layers-bench-${n}-`));
    await writeMixture(dir, n);
    args = [join(dir, 'projector_config.json')];
  }
  const server = await startServer(args);
  const browser = await openBrowser({ width: 1280, height: 800 });
  const { page } = browser;
  try {
    await page.goto(server.url, { timeout: 600_000 });
    await page.waitForFunction((count) => window.__projector?.ready === true
      && document.querySelector('[data-testid="point-count"]')?.textContent.replace(/\D/g, '') === String(count), n, { timeout: 900_000, polling: 200 });
    const dataset = await page.evaluate(() => window.__projector.job().dataset);
    const r = { n, pca: [], clusters: [], clusterCount: 0, copy: [], density: [], off: [], on: [], onP95: [], offP95: [], frames: [] };
    const defaultSize = Math.min(10_000, Math.max(10, Math.round(n / 100)));
    for (let run = 0; run < runs; run++) {
      // Server: a PCA layout with a new seed (the reference), then its clusters.
      const pca = await timed(page, 'api/projections', { method: 'POST', body: JSON.stringify({ dataset, method: 'pca', dims: 2, seed: 1000 + run }) });
      let job = pca.body;
      const start = Date.now();
      while (job.status !== 'done') {
        if (job.status === 'failed' || Date.now() - start > 900_000) throw new Error(`PCA ${job.status}: ${job.error}`);
        await new Promise((ok) => setTimeout(ok, 100));
        job = (await timed(page, `api/projections/${job.id}`)).body;
      }
      r.pca.push((Date.now() - start) / 1000 + pca.seconds);
      const clusters = await timed(page, `api/projections/${job.id}/clusters?minClusterSize=${defaultSize}`);
      r.clusters.push(clusters.seconds);
      r.clusterCount = clusters.body.clusters.length;
      // Page: one pass over the positions (the reference), then the density grid in its worker.
      r.copy.push(await page.evaluate(() => {
        const p = window.__projector.positions();
        const start = performance.now();
        const copy = p.slice();
        let s = 0;
        for (let i = 0; i < copy.length; i += 3) s += copy[i] + copy[i + 1];
        window.__sink = s;
        return performance.now() - start;
      }));
      // On and off alternate which is measured first, so neither always follows the other's toggle.
      for (const on of run % 2 === 0 ? [true, false] : [false, true]) {
        const ms = await setDensity(page, on);
        if (on) r.density.push(ms);
        const t = await frameTime(page);
        r[on ? 'on' : 'off'].push(t.median);
        r[on ? 'onP95' : 'offP95'].push(t.p95);
        r.frames.push(t.frames);
      }
      await setDensity(page, false);
      console.error(`${n} run ${run + 1}: ${JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.at(-1) : v])))}`);
    }
    rows.push(r);
  } finally {
    await browser.close();
    await server.stop();
  }
}

const f = (v, d = 1) => v.toFixed(d);
console.log(`| points | clusters (server), s | clusters found | PCA layout (reference), s | density grid (page worker), ms | copy+sum pass (reference), ms | frame, density on, ms | frame, density off, ms |`);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.n.toLocaleString('en')} | ${f(median(r.clusters), 2)} | ${r.clusterCount} | ${f(median(r.pca), 2)} | ${f(median(r.density))} | ${f(median(r.copy))} | ${f(median(r.on))} | ${f(median(r.off))} |`);
}
// The frame-time tail: the 95th percentile of each run's intervals, the slowest run's and each run's.
console.log('');
console.log(`| points | p95 frame, density on, ms | p95 frame, density off (reference), ms | runs | frames per measurement |`);
console.log('|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const each = (xs) => xs.map((x) => f(x)).join(', ');
  console.log(`| ${r.n.toLocaleString('en')} | ${f(Math.max(...r.onP95))} (${each(r.onP95)}) | ${f(Math.max(...r.offP95))} (${each(r.offP95)}) | ${r.onP95.length} | ${Math.min(...r.frames)} to ${Math.max(...r.frames)} |`);
}
