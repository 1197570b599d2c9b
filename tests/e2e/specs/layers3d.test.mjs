// Cluster names on a 3-D layout: the MNIST demo's 3-D t-SNE is clustered by the server in 3-D, and the
// page draws each name at its cluster's medoid as the camera projects it, frame after frame while the
// map turns, at a readable size at every zoom; a click on a name selects exactly that cluster.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';

const ITERATIONS = 300;
let server;
let browser;
let page;
let answer;
const byId = (id) => page.getByTestId(id);

before(async () => {
  server = await startServer([]);
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Each cluster name on the map: its cluster, text, font size and centre (client pixels). */
const names = () => page.$$eval('[data-testid="cluster-label"]', (bs) => bs.map((b) => {
  const r = b.getBoundingClientRect();
  return { id: Number(b.dataset.cluster), text: b.textContent, size: parseFloat(getComputedStyle(b).fontSize), x: (r.left + r.right) / 2, y: (r.top + r.bottom) / 2, h: r.height };
}));

/** Names whose centre is not where the camera puts their cluster's medoid (the placement may move a name up or down by 3/4 of its height). */
async function misplaced() {
  const shown = await names();
  const out = [];
  for (const n of shown) {
    const medoid = answer.clusters.find((c) => c.id === n.id).medoid;
    const at = await page.evaluate((row) => window.__projector.screenOf(row), medoid);
    const dy = at ? Math.abs(at[1] - n.y) : Infinity;
    if (!at || Math.abs(at[0] - n.x) > 2 || (dy > 2 && Math.abs(dy - n.h * 0.75) > 2)) {
      out.push(`${n.text} at ${n.x.toFixed(1)},${n.y.toFixed(1)}; medoid at ${at?.map((v) => v.toFixed(1))}`);
    }
  }
  return out;
}

/** Waits until no name moved for 300 ms (the last frames settle, the camera fits). */
async function settled() {
  let before = JSON.stringify(await names());
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(300);
    const now = JSON.stringify(await names());
    if (now === before) return;
    before = now;
  }
}

test('a finished 3-D t-SNE is clustered in 3-D and its names are digits', async () => {
  await page.goto(`${server.url}#m=tsne&dim=3&it=${ITERATIONS}`);
  await page.waitForFunction(() => window.__projector?.job()?.method === 'tsne' && window.__projector.job().status === 'done', null, { timeout: 600_000, polling: 500 });
  await page.waitForFunction(() => window.__projector.ready, null, { timeout: 60_000 });
  assert.equal(await page.evaluate(() => window.__projector.view()), '3d');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="cluster-label"]').length >= 5, null, { timeout: 120_000 });
  const job = await page.evaluate(() => window.__projector.job().id);
  answer = await page.evaluate(async (id) => (await fetch(`api/projections/${id}/clusters`)).json(), job);
  assert.ok(answer.clusters.length >= 5, JSON.stringify(answer.clusters.map((c) => c.label)));
  assert.ok(answer.clusters.every((c) => c.center.length === 3), 'the server clusters the 3-D positions');
  await settled();
  const labels = (await names()).map((n) => n.text);
  const digits = labels.map((l) => /^(\d) \(\d+%\)$/.exec(l)?.[1]).filter((d) => d !== undefined);
  assert.ok(digits.length >= labels.length * 0.7, `most cluster names should be one digit: ${JSON.stringify(labels)}`);
  assert.ok(new Set(digits).size >= 5, `at least five different digits should be named: ${JSON.stringify(labels)}`);
  assert.deepEqual(await misplaced(), []);
  await browser.shot('70-layers3d-cluster-names');
});

test('the names follow their clusters while the map turns, and after', async () => {
  const before = await names();
  const box = await byId('canvas').boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let s = 1; s <= 10; s++) await page.mouse.move(cx + s * 18, cy + s * 6);
  // Still dragging: the names are where this frame's camera puts their medoids.
  await page.waitForTimeout(400);
  assert.deepEqual(await misplaced(), [], 'while turning');
  await browser.shot('71-layers3d-turning');
  await page.mouse.up();
  await settled();
  assert.deepEqual(await misplaced(), [], 'after turning');
  const after = await names();
  const moved = before.filter((b) => {
    const a = after.find((n) => n.id === b.id);
    return a && Math.hypot(a.x - b.x, a.y - b.y) > 10;
  });
  const kept = before.filter((b) => after.some((n) => n.id === b.id));
  assert.ok(kept.length >= 3 && moved.length >= kept.length * 0.8, `${moved.length} of ${kept.length} names moved with the camera`);
  await browser.shot('72-layers3d-turned');
});

test('the names stay readable zoomed in and zoomed out', async () => {
  await byId('canvas').focus();
  for (const [key, presses] of [['+', 3], ['-', 6]]) {
    for (let i = 0; i < presses; i++) await page.keyboard.press(key);
    await settled();
    const shown = await names();
    assert.ok(shown.length >= 1, `no cluster name after ${presses} × ${key}`);
    assert.ok(shown.every((n) => n.size >= 12), `names under 12 px: ${JSON.stringify(shown)}`);
    assert.deepEqual(await misplaced(), [], `after ${presses} × ${key}`);
  }
  await page.keyboard.press('r');
  await settled();
});

test('a click on a 3-D cluster name selects exactly that cluster\'s points', async () => {
  const button = page.getByTestId('cluster-label').first();
  let id = -1;
  for (let attempt = 0; attempt < 3; attempt++) {
    await settled();
    id = Number(await button.getAttribute('data-cluster'));
    await button.click();
    const picked = await page.waitForFunction(() => window.__projector.selected().length > 0, null, { timeout: 5_000 }).then(() => true, () => false);
    if (picked) break;
  }
  const job = await page.evaluate(() => window.__projector.job().id);
  const assignments = await page.evaluate(async (jobId) => [...new Int32Array(await (await fetch(`api/projections/${jobId}/clusters/points`)).arrayBuffer())], job);
  const expected = assignments.map((c, i) => (c === id ? i : -1)).filter((i) => i >= 0);
  assert.equal(expected.length, answer.clusters.find((c) => c.id === id).size);
  const selected = (await page.evaluate(() => window.__projector.selected())).sort((a, b) => a - b);
  assert.deepEqual(selected, expected);
  await browser.shot('73-layers3d-cluster-selected');
  assert.deepEqual(browser.errors, []);
});
