// The map layers on the MNIST demo's t-SNE: cluster names (digits) that select their cluster, the
// quality figures the command line prints for the same layout, density shading, and labels that
// never cover one another.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cliDll, exportSite, startServer } from '../lib/server.mjs';
import { startStaticServer } from '../lib/static-server.mjs';
import { openBrowser } from '../lib/browser.mjs';

const ITERATIONS = 300;
let server;
let browser;
let page;
const byId = (id) => page.getByTestId(id);

/** `projector project --quality` of the same t-SNE, started with the page's so that both run at once. */
let cli;
function startCli() {
  const out = join(mkdtempSync(join(tmpdir(), 'projector-layers-')), 'tsne.npy');
  cli ??= promisify(execFile)('dotnet', [cliDll(), 'project', 'demo:mnist', '--method', 'tsne', '--iterations', String(ITERATIONS), '--quality', '-o', out], { timeout: 900_000, maxBuffer: 1 << 24 });
  cli.catch(() => {});
  return cli;
}

before(async () => {
  server = await startServer([]);
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Every label on the map: point labels from the hook, cluster names from their buttons (page pixels). */
async function labelBoxes() {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid="canvas"]').getBoundingClientRect();
    const points = window.__projectorLayers.labels().filter((l) => l.key.startsWith('p'))
      .map((l) => ({ key: l.key, text: l.text, x0: l.box.x0 + canvas.left, y0: l.box.y0 + canvas.top, x1: l.box.x1 + canvas.left, y1: l.box.y1 + canvas.top }));
    const clusters = [...document.querySelectorAll('[data-testid="cluster-label"]')].map((b) => {
      const r = b.getBoundingClientRect();
      return { key: `c${b.dataset.cluster}`, text: b.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom };
    });
    return [...points, ...clusters];
  });
}

function overlapping(boxes) {
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) out.push(`${a.key} "${a.text}" and ${b.key} "${b.text}"`);
    }
  }
  return out;
}

test('a finished t-SNE names its clusters by the digits they hold', async () => {
  startCli();
  await page.goto(`${server.url}#m=tsne&it=${ITERATIONS}`);
  await page.waitForFunction(() => window.__projector?.job()?.method === 'tsne' && window.__projector.job().status === 'done', null, { timeout: 600_000, polling: 500 });
  await page.waitForFunction(() => window.__projector.ready, null, { timeout: 60_000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="cluster-label"]').length >= 5, null, { timeout: 120_000 });
  const labels = await page.$$eval('[data-testid="cluster-label"]', (bs) => bs.map((b) => b.textContent));
  const digits = labels.map((l) => /^(\d) \(\d+%\)$/.exec(l)?.[1]).filter((d) => d !== undefined);
  assert.ok(digits.length >= labels.length * 0.7, `most cluster names should be one digit: ${JSON.stringify(labels)}`);
  assert.ok(new Set(digits).size >= 5, `at least five different digits should be named: ${JSON.stringify(labels)}`);
  assert.match(await byId('cluster-summary').textContent(), /\d+ clusters? \(HDBSCAN on the map\)/);
  await browser.shot('60-layers-cluster-names');
});

test('a click on a cluster name selects exactly that cluster\'s points', async () => {
  // The names are placed again as the last frames settle and the camera fits: click one once its box
  // has stood still for 300 ms (on a busy machine that can take a while), and again if a re-placement
  // still took the click away.
  const button = page.getByTestId('cluster-label').first();
  let id = -1;
  const still = async () => {
    let before = await button.boundingBox();
    for (let i = 0; i < 40; i++) {
      await page.waitForTimeout(300);
      const now = await button.boundingBox();
      if (before && now && before.x === now.x && before.y === now.y) return;
      before = now;
    }
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    await still();
    id = Number(await button.getAttribute('data-cluster'));
    await button.click();
    const picked = await page.waitForFunction(() => window.__projector.selected().length > 0, null, { timeout: 5_000 }).then(() => true, () => false);
    if (picked) break;
  }
  await page.waitForFunction(() => window.__projector.selected().length > 0, null, { timeout: 1_000 });
  const job = await page.evaluate(() => window.__projector.job().id);
  const [answer, bytes] = await page.evaluate(async (jobId) => {
    const a = await (await fetch(`api/projections/${jobId}/clusters`)).json();
    const b = await (await fetch(`api/projections/${jobId}/clusters/points`)).arrayBuffer();
    return [a, [...new Int32Array(b)]];
  }, job);
  const expected = bytes.map((c, i) => (c === id ? i : -1)).filter((i) => i >= 0);
  assert.equal(expected.length, answer.clusters.find((c) => c.id === id).size);
  const selected = (await page.evaluate(() => window.__projector.selected())).sort((a, b) => a - b);
  assert.deepEqual(selected, expected);
  await browser.shot('61-layers-cluster-selected');
  await page.keyboard.press('Escape');
});

test('the quality figures are those `projector project --quality` prints for the same layout', async () => {
  await page.waitForFunction(() => document.querySelector('[data-testid="quality-knn"]') !== null, null, { timeout: 300_000 });
  const knn = await byId('quality-knn').textContent();
  const trust = await byId('quality-trust').textContent();
  const sample = await byId('quality-sample').textContent();
  assert.match(sample, /on all 10,000 points/);
  const { stdout, stderr } = await startCli();
  const line = /quality \(k = 10, on ([\d,]+) points\): kNN preservation ([\d.]+), trustworthiness ([\d.]+)/.exec(stdout + stderr);
  assert.ok(line, `no quality line in:\n${stdout}\n${stderr}`);
  assert.equal(Number(line[1].replace(/,/g, '')), 10_000);
  assert.equal(knn, line[2]);
  assert.equal(trust, line[3]);
  // Colouring by the neighbourhood kept: a gradient legend from 0 to 1.
  await byId('color-by-kept').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="legend"]')?.textContent.includes('neighbourhood kept'));
  const scale = await page.$$eval('[data-testid="legend"] .gradient-scale span', (s) => s.map((x) => x.textContent));
  assert.deepEqual(scale, ['0', '0.5', '1']);
  await browser.shot('62-layers-neighbourhood-kept');
  await byId('color-by-kept').click();
});

/**
 * Of the map's pixels that were background (the colour of its corner) in `before`, how many `after`
 * changes, both PNG screenshots compared in the page (every other pixel).
 */
async function changedEmptyPixels(before, after, rect) {
  return page.evaluate(async ({ a, b, r }) => {
    const decode = async (b64) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const g = c.getContext('2d');
      g.drawImage(bitmap, 0, 0);
      return { width: bitmap.width, data: g.getImageData(0, 0, bitmap.width, bitmap.height).data };
    };
    const [x, y] = [await decode(a), await decode(b)];
    const at = (img, px, py) => (py * img.width + px) * 4;
    const corner = at(x, Math.round(r.x + 3), Math.round(r.y + 3));
    let empty = 0;
    let changed = 0;
    for (let py = Math.round(r.y); py < r.y + r.height; py += 2) {
      for (let px = Math.round(r.x); px < r.x + r.width; px += 2) {
        const i = at(x, px, py);
        let d = 0;
        for (let k = 0; k < 3; k++) d += Math.abs(x.data[i + k] - x.data[corner + k]);
        if (d > 6) continue;
        empty++;
        let e = 0;
        for (let k = 0; k < 3; k++) e += Math.abs(y.data[i + k] - x.data[i + k]);
        if (e > 12) changed++;
      }
    }
    return { empty, changed };
  }, { a: before.toString('base64'), b: after.toString('base64'), r: rect });
}

test('the density shading draws in the empty space around the clusters', async () => {
  await byId('cluster-labels-toggle').uncheck();
  await page.mouse.move(1, 1);
  await page.waitForTimeout(500);
  const rect = await page.getByTestId('canvas').boundingBox();
  const before = await page.screenshot();
  const count = await page.evaluate(() => window.__projectorLayers.density().count);
  await byId('density-toggle').check();
  await page.waitForFunction((n) => window.__projectorLayers.density().count > n, count, { timeout: 60_000 });
  await page.waitForTimeout(800);
  const after = await page.screenshot();
  await browser.shot('63-layers-density');
  const { empty, changed } = await changedEmptyPixels(before, after, rect);
  assert.ok(changed > 2000 && changed < empty * 0.9, `${changed} of ${empty} empty pixels changed`);
  const stats = await page.evaluate(() => window.__projectorLayers.density());
  assert.equal(stats.points, 10_000);
  await byId('density-toggle').uncheck();
  await byId('cluster-labels-toggle').check();
});

test('no two labels on the map overlap: neighbours, zoomed-in labels and cluster names', async () => {
  // Select a point (its neighbours are labelled), then zoom in so that many points are labelled too.
  const at = await page.evaluate(() => window.__projector.screenOf(7));
  await page.mouse.click(at[0], at[1]);
  await page.waitForFunction(() => window.__projector.selected().length === 1, null, { timeout: 10_000 });
  await page.getByTestId('canvas').focus();
  // Fitted, then F (the selected point at four times the fitted zoom: every point that fits is
  // labelled from 1.5 zoom steps in), then one step more (two presses of +).
  for (const step of ['fitted', 'selection', 'closer']) {
    if (step === 'selection') await page.keyboard.press('f');
    if (step === 'closer') for (let i = 0; i < 2; i++) await page.keyboard.press('+');
    await page.waitForTimeout(1500);
    const boxes = await labelBoxes();
    assert.ok(boxes.length >= 5, `only ${boxes.length} labels (${step})`);
    assert.deepEqual(overlapping(boxes), [], `labels overlap (${step})`);
    if (step !== 'fitted') assert.ok(boxes.filter((b) => b.key.startsWith('p')).length >= 20, `few point labels zoomed in (${step}): ${boxes.length}`);
  }
  await browser.shot('64-layers-labels-zoomed');
  // Hovering a point shows its label and its sprite in the card.
  const row = await page.evaluate(() => window.__projector.selected()[0]);
  const p = await page.evaluate((r) => window.__projector.screenOf(r), row);
  await page.mouse.move(p[0], p[1]);
  await page.waitForSelector('[data-testid="hover-sprite"]', { timeout: 10_000 });
  assert.deepEqual(overlapping(await labelBoxes()), []);
  assert.deepEqual(browser.errors, []);
});

test('a static site shows the cluster names it was exported with, and a click selects the cluster', async () => {
  const root = mkdtempSync(join(tmpdir(), 'projector-layers-site-'));
  await exportSite('demo:mnist', join(root, 'mnist'), ['--layouts', 'pca', '--neighbors', '10']);
  const site = await startStaticServer(join(root, 'mnist'), '/site/');
  try {
    await page.goto(`${site.url}`);
    await page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 120_000 });
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="cluster-label"]').length >= 1, null, { timeout: 60_000 });
    // Let the first picture settle (the camera fits once the layout is in) before clicking a name.
    await page.waitForTimeout(1500);
    const button = page.getByTestId('cluster-label').first();
    const id = Number(await button.getAttribute('data-cluster'));
    await button.click();
    await page.waitForFunction(() => window.__projector.selected().length > 0, null, { timeout: 10_000 });
    const exported = await page.evaluate(async () => {
      const layouts = await (await fetch('data/mnist/layouts.json')).json();
      const pca = layouts.find((l) => l.method === 'pca');
      const answer = await (await fetch(`data/mnist/${pca.clusters}`)).json();
      return [...new Int32Array(await (await fetch(`data/mnist/${answer.file}`)).arrayBuffer())];
    });
    const expected = exported.map((c, i) => (c === id ? i : -1)).filter((i) => i >= 0);
    const selected = (await page.evaluate(() => window.__projector.selected())).sort((a, b) => a - b);
    assert.ok(expected.length > 0);
    assert.deepEqual(selected, expected);
    await browser.shot('65-layers-static-clusters');
  } finally {
    await site.stop();
  }
});
