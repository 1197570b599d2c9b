// Training steps that hold still: a TensorBoard log with three checkpoints of the same 90 items. Moving
// the step picker keeps the map, the server lays the new step out turned onto the one shown, and the
// page moves every point from where it was to where it is now; how far each moved colours the map.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSite, startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { waitText as waitTextOf } from '../lib/wait.mjs';

const DIMS = 5;
const PER_BLOB = 30;
const STEPS = [100, 200, 300];

let server;
let browser;
let page;
let folder;
const byId = (id) => page.getByTestId(id);
const waitText = (id, predicate, timeout) => waitTextOf(page, id, predicate, timeout);

// Three blobs whose centres drift apart from one checkpoint to the next; the scatter is a fixed hash.
function stepRows(k) {
  const scatter = (row, d) => {
    const h = Math.sin(row * 12.9898 + d * 78.233) * 43758.5453;
    return 2 * (h - Math.floor(h)) - 1;
  };
  return Array.from({ length: 3 * PER_BLOB }, (_, i) => {
    const blob = Math.floor(i / PER_BLOB);
    return Array.from({ length: DIMS }, (_, d) => {
      const centre = (d === blob ? 8 : 0) + (d === 3 ? 2 * k * (blob - 1) : 0);
      return Number((centre + 1.2 * scatter(i, d) + 0.4 * k * scatter(i + 7, d + 3)).toFixed(4));
    });
  });
}

/**
 * A log folder as TensorBoard reads it: one run, the same embedding at steps 100, 200 and 300. Each
 * checkpoint comes from `projector export --format tensorboard` of that step's rows, renamed to its step.
 */
async function writeLog() {
  const log = join(folder, 'log');
  const run = join(log, 'run');
  mkdirSync(run, { recursive: true });
  for (const [k, step] of STEPS.entries()) {
    const src = join(folder, `src${step}`);
    mkdirSync(src);
    const labels = stepRows(k).map((r, i) => [`blob${Math.floor(i / PER_BLOB)}`, ...r].join('\t'));
    writeFileSync(join(src, 'emb.tsv'), `${labels.join('\n')}\n`);
    const out = join(folder, `export${step}`);
    await exportSite(join(src, 'emb.tsv'), out, ['--format', 'tensorboard']);
    for (const file of readdirSync(out)) {
      if (file.startsWith('embeddings.ckpt-0.')) copyFileSync(join(out, file), join(run, file.replace('ckpt-0.', `ckpt-${step}.`)));
      else if (k === 0 && file !== 'checkpoint' && !file.startsWith('.')) copyFileSync(join(out, file), join(run, file));
    }
  }
  writeFileSync(join(run, 'checkpoint'), [`model_checkpoint_path: "embeddings.ckpt-${STEPS.at(-1)}"`, ...STEPS.map((s) => `all_model_checkpoint_paths: "embeddings.ckpt-${s}"`)].join('\n') + '\n');
  return log;
}

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'projector-e2e-steps-'));
  server = await startServer([await writeLog()]);
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const idOfStep = async (step) => {
  const items = await (await fetch(`${server.url}api/datasets`)).json();
  const item = items.find((i) => i.step === step);
  assert.ok(item, `no catalog item for step ${step}: ${JSON.stringify(items.map((i) => [i.id, i.step]))}`);
  return item.id;
};

const layoutOf = async (jobId) => new Float32Array(await (await fetch(`${server.url}api/projections/${jobId}/layout`)).arrayBuffer());

/** Per point, how far it moved over columns 0 and 1, in per cent of the earlier layout's spread (RMS from its centroid). */
function movedPercent(a, b, dims) {
  const n = a.length / dims;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    cx += a[i * dims] / n;
    cy += a[i * dims + 1] / n;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (a[i * dims] - cx) ** 2 + (a[i * dims + 1] - cy) ** 2;
  const spread = Math.sqrt(sum / n);
  return Array.from({ length: n }, (_, i) => (100 * Math.hypot(b[i * dims] - a[i * dims], b[i * dims + 1] - a[i * dims + 1])) / spread);
}

/** Waits for the move to `step` to end; returns positions sampled on animation frames while it moved. */
async function switchStep(step, { duration = 2000 } = {}) {
  await page.evaluate((ms) => window.__projector.steps(ms), duration);
  // Samples taken in the page on every animation frame, so a slow test process cannot miss the middle.
  await page.evaluate(() => {
    window.__stepSamples = [];
    const sample = () => {
      const s = window.__projector.steps();
      if (s.moving && s.progress > 0.15 && s.progress < 0.85) window.__stepSamples.push({ progress: s.progress, positions: Array.from(window.__projector.positions()) });
      window.__stepSampler = requestAnimationFrame(sample);
    };
    sample();
  });
  await byId('step-picker').selectOption(String(step));
  await page.waitForFunction((id) => {
    const hook = window.__projector;
    return hook.job()?.dataset === id && hook.job()?.status === 'done' && hook.steps().change !== null && !hook.steps().moving && hook.ready;
  }, await idOfStep(step), { timeout: 90_000 });
  return page.evaluate(() => {
    cancelAnimationFrame(window.__stepSampler);
    return window.__stepSamples;
  });
}

test('moving the step picker moves the points from the shown layout to the next step turned onto it', async () => {
  await page.goto(`${server.url}#d=${await idOfStep(100)}&m=pca&c=label`);
  await page.waitForFunction(() => window.__projector?.ready === true && window.__projector.job()?.status === 'done', null, { timeout: 90_000 });
  const firstJob = await page.evaluate(() => window.__projector.job().id);
  const start = await page.evaluate(() => Array.from(window.__projector.positions()));
  const raw100 = await page.evaluate(() => Array.from(window.__projector.layoutRaw().values));
  assert.deepEqual(raw100, Array.from(await layoutOf(firstJob)), 'the first step is the server\'s layout');

  const samples = await switchStep(200);
  const end = await page.evaluate(() => Array.from(window.__projector.positions()));
  const { dims, values } = await page.evaluate(() => {
    const r = window.__projector.layoutRaw();
    return { dims: r.dims, values: Array.from(r.values) };
  });
  const secondJob = await page.evaluate(() => window.__projector.job().id);
  // The positions the map ends on are the server's aligned layout of step 200, byte for byte.
  assert.deepEqual(values, Array.from(await layoutOf(secondJob)));
  // Aligned: step 200 is turned onto step 100, so the same request without alignTo is another picture.
  const plain = await (await fetch(`${server.url}api/projections`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ dataset: await idOfStep(200), method: 'pca', dims: DIMS, pca: { components: DIMS } }),
  })).json();
  const plainLayout = await layoutOf(plain.id);
  const gap = (a, b) => Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]) ** 2, 0) / a.length);
  assert.ok(gap(values, raw100) < gap(Array.from(plainLayout), raw100), 'the aligned step lies closer to the step before than the unaligned one');

  // Mid-move, every point is on its way: start + f·(end − start) with one f strictly between 0 and 1.
  assert.ok(samples.length > 0, 'no frame was drawn while the points moved');
  for (const { progress, positions } of samples) {
    let far = 0;
    for (let i = 1; i < start.length; i++) if (Math.abs(end[i] - start[i]) > Math.abs(end[far] - start[far])) far = i;
    const f = (positions[far] - start[far]) / (end[far] - start[far]);
    assert.ok(f > 0 && f < 1, `at progress ${progress.toFixed(2)} the points are ${f.toFixed(3)} of the way`);
    for (let i = 0; i < start.length; i++) {
      const expected = start[i] + f * (end[i] - start[i]);
      assert.ok(Math.abs(positions[i] - expected) < 1e-4, `value ${i} is ${positions[i]}, not ${expected}, at ${f.toFixed(3)} of the way`);
    }
  }

  // The summary and the legend of "moved" give the figures of the server's two layouts.
  const moved = movedPercent(raw100, values, dims);
  const mean = moved.reduce((s, v) => s + v, 0) / moved.length;
  const max = Math.max(...moved);
  const min = Math.min(...moved);
  await waitText('step-change-text', (t) => t.startsWith('From step 100 to step 200'));
  const summary = await byId('step-change-text').textContent();
  const [meanShown, maxShown] = [...summary.matchAll(/([\d.]+) %/g)].map((m) => Number(m[1]));
  assert.ok(Math.abs(meanShown - mean) <= 0.06 * mean + 0.05, `summary mean ${meanShown} against ${mean.toFixed(2)}: ${summary}`);
  assert.ok(Math.abs(maxShown - max) <= 0.06 * max + 0.05, `summary max ${maxShown} against ${max.toFixed(2)}: ${summary}`);

  await browser.shot('42-step-200-by-label');
  await byId('color-by-moved').click();
  await waitText('legend', (t) => t.startsWith('moved since previous step'));
  const scale = (await page.locator('[data-testid="legend"] .gradient-scale span').allTextContents()).map(Number);
  assert.ok(Math.abs(scale[0] - min) < 1e-3 * Math.max(1, min) + 1e-3, `legend min ${scale[0]} against ${min}`);
  assert.ok(Math.abs(scale[2] - max) < 1e-3 * max, `legend max ${scale[2]} against ${max}`);
  await browser.shot('43-step-200-by-move');
  assert.deepEqual(browser.errors, []);
});

test('moving again mid-move settles the first move and goes on from where the points were headed', async () => {
  // A long move to step 300, interrupted by going back to step 200.
  await page.evaluate(() => window.__projector.steps(8000));
  const from = await page.evaluate(() => window.__projector.job().id);
  await byId('step-picker').selectOption('300');
  await page.waitForFunction(() => window.__projector.steps().moving, null, { timeout: 90_000 });
  const job300 = await page.evaluate(() => window.__projector.job().id);
  const raw300 = Array.from(await layoutOf(job300));
  const samples = await switchStep(200, { duration: 600 });
  assert.ok(Array.isArray(samples));
  const change = await page.evaluate(() => window.__projector.steps().change);
  assert.equal(change.from, 'step 300');
  assert.equal(change.to, 'step 200');
  // The map went on from step 300 (turned onto step 200 as it was): the move to 200 starts where 300 ended.
  const values = await page.evaluate(() => Array.from(window.__projector.layoutRaw().values));
  const job200 = await page.evaluate(() => window.__projector.job().id);
  assert.notEqual(job200, from, 'step 200 aligned to step 300 is a new layout');
  assert.deepEqual(values, Array.from(await layoutOf(job200)));
  assert.equal(raw300.length, values.length);
  // Colouring by the move follows the new pair of steps.
  await waitText('legend', (t) => t.startsWith('moved since previous step'));
  await browser.shot('44-step-back-to-200');
  assert.deepEqual(browser.errors, []);
});
