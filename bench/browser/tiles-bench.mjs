// Tile sets: `projector export --format tiles` time and size on disk, and the tile page's frame time
// while panning in Debian's headless Chromium (software WebGL). Usage (after `dotnet build
// Projector.slnx -c Release` and `npm ci` in tests/e2e):
//   node bench/browser/tiles-bench.mjs [--sizes 1000000,10000000] [--runs 3] [--tile-points 50000]
// Each size is a seeded 2-D clustered layout (tests/e2e/lib/tile-data.mjs) given as both the input and
// its --layout file, so no layout is computed. The pan is 40 drags of 25 px with the camera at the
// level where finer tiles load; frame time is the median and 95th percentile of the intervals between
// drawn frames. The reference in the same run is the same pan over the root tile alone (fitted view),
// a one-tile draw. Prints a Markdown table of medians over runs.
import { mkdtempSync, rmSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, cliDll } from '../../tests/e2e/lib/server.mjs';
import { openBrowser } from '../../tests/e2e/lib/browser.mjs';
import { writeClusteredLayout } from '../../tests/e2e/lib/tile-data.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '1000000').split(',').filter(Boolean).map(Number);
const runs = Number(arg('runs', '3'));
const tilePoints = arg('tile-points', '50000');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const du = (dir) => readdirSync(dir, { recursive: true }).reduce((s, f) => {
  const st = statSync(join(dir, f));
  return s + (st.isFile() ? st.size : 0);
}, 0);

async function pan(page, zoomSteps) {
  const box = await page.getByTestId('canvas').boundingBox();
  await page.evaluate(() => window.__tiles.setCamera([0, 0], 0));
  await page.getByTestId('fit-view').click();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  for (let i = 0; i < zoomSteps; i++) await page.mouse.wheel(0, -300);
  await page.waitForFunction(() => { const s = window.__tiles.stats(); return s.tilesShown === s.tilesWanted; }, null, { timeout: 120_000 });
  await page.waitForTimeout(500);
  const start = await page.evaluate(() => performance.now());
  await page.mouse.down();
  for (let i = 0; i < 40; i++) await page.mouse.move(cx + (i % 20 < 10 ? i % 10 : 10 - (i % 10)) * 25, cy + (i < 20 ? 0 : 25), { steps: 1 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  const s = await page.evaluate(() => window.__tiles.stats());
  const times = s.frameTimes.filter((t) => t >= start);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  return { median: median(gaps), p95: p95(gaps), frames: gaps.length, points: s.pointsShown, level: s.level, tiles: s.tilesShown };
}

const rows = [];
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'projector-tiles-bench-'));
  try {
    writeClusteredLayout(join(dir, 'layout.npy'), join(dir, 'labels.tsv'), n);
    const exportTimes = [];
    let bytes = 0;
    let files = 0;
    for (let r = 0; r < runs; r++) {
      rmSync(join(dir, 'set'), { recursive: true, force: true });
      const t0 = performance.now();
      const out = spawnSync('dotnet', [cliDll(), 'export', join(dir, 'layout.npy'), '--metadata', join(dir, 'labels.tsv'), '--format', 'tiles', '--out', join(dir, 'set'), '--layout', join(dir, 'layout.npy'), '--tile-points', tilePoints], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      exportTimes.push((performance.now() - t0) / 1000);
      bytes = du(join(dir, 'set'));
      files = readdirSync(join(dir, 'set'), { recursive: true }).length;
    }
    const server = await startServer(['--tiles', join(dir, 'set')]);
    const browser = await openBrowser();
    try {
      await browser.page.goto(server.url);
      await browser.page.waitForFunction(() => { const s = window.__tiles?.stats(); return s && s.tilesShown > 0 && s.tilesShown === s.tilesWanted; }, null, { timeout: 120_000 });
      const fitted = [];
      const zoomed = [];
      // Alternate the reference (fitted, one tile) and the zoomed pan so load falls on both alike.
      for (let r = 0; r < runs; r++) {
        fitted.push(await pan(browser.page, 0));
        zoomed.push(await pan(browser.page, 4));
      }
      const pick = (xs, k) => median(xs.map((x) => x[k]));
      rows.push(`| ${n.toLocaleString('en')} | ${median(exportTimes).toFixed(1)} s | ${(bytes / 2 ** 20).toFixed(1)} MB, ${files} entries | fitted: ${pick(fitted, 'points').toLocaleString('en')} points, ${pick(fitted, 'median').toFixed(1)} ms (p95 ${pick(fitted, 'p95').toFixed(1)}) | zoomed to level ${pick(zoomed, 'level')}: ${pick(zoomed, 'tiles')} tiles, ${pick(zoomed, 'points').toLocaleString('en')} points, ${pick(zoomed, 'median').toFixed(1)} ms (p95 ${pick(zoomed, 'p95').toFixed(1)}) |`);
      console.error(rows.at(-1));
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log('| points | export (median) | on disk | pan frame time, fitted view (reference) | pan frame time, zoomed in |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
