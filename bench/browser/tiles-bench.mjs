// Tile sets: `projector export --format tiles` time and size on disk, and the tile page's frame time
// while panning in Debian's headless Chromium (software WebGL). Usage (after `dotnet build
// Projector.slnx -c Release` and `npm ci` in tests/e2e):
//   node bench/browser/tiles-bench.mjs [--sizes 1000000,10000000] [--runs 3] [--tile-points 50000]
//        [--ref DIR] [--work DIR] [--set DIR]
// --set DIR measures an existing tile set instead (e.g. the 100M-point set `Projector.Bench tile-merge
// --points 100000000 --keep DIR` merges as a cluster job does): no export, the sizes are ignored.
// Each size is a seeded 2-D clustered layout (tests/e2e/lib/tile-data.mjs) given as both the input and
// its --layout file, so no layout is computed. The pan is 40 drags of 25 px with the camera at the
// level where finer tiles load; frame time is the median and 95th percentile of the intervals between
// frames drawn while the button is down; the longest main-thread task (PerformanceObserver
// 'longtask') is taken over the pan and over the zoom that loads its tiles. The reference in the same
// run is the same pan over the root tile alone (fitted view), a one-tile draw; with --ref DIR it is
// instead the zoomed pan on the page built in DIR (a checkout built with `dotnet build`, e.g. from
// `git archive main`, or a built page folder), alternated with this build's page run by run, both
// served from one static host with the same tiles. Prints Markdown tables of medians over runs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, readdirSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, cliDll } from '../../tests/e2e/lib/server.mjs';
import { openBrowser } from '../../tests/e2e/lib/browser.mjs';
import { startStaticServer } from '../../tests/e2e/lib/static-server.mjs';
import { writeClusteredLayout } from '../../tests/e2e/lib/tile-data.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '1000000').split(',').filter(Boolean).map(Number);
const runs = Number(arg('runs', '3'));
const tilePoints = arg('tile-points', '50000');
const reference = arg('ref', '');
const existing = arg('set', '');
// --work DIR: where the layout and the tile set are written (a fresh folder in it, removed at the end).
const work = arg('work', tmpdir());
const here = resolve(import.meta.dirname, '..', '..');
const compared = [];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const du = (dir) => readdirSync(dir, { recursive: true }).reduce((s, f) => {
  const st = statSync(join(dir, f));
  return s + (st.isFile() ? st.size : 0);
}, 0);

/** Long main-thread tasks (PerformanceObserver 'longtask') into window.__longTasks, from the page's start. */
const LONG_TASKS = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });`;

/** The longest task starting between `from` and `to` (ms) and how many took over 50 ms (all long tasks do). */
const longTasks = (page, from, to) => page.evaluate(([a, b]) => {
  const xs = window.__longTasks.filter((t) => t.start >= a && t.start <= b).map((t) => t.duration);
  return { longest: Math.max(0, ...xs), count: xs.length };
}, [from, to]);

async function pan(page, zoomSteps) {
  const box = await page.getByTestId('canvas').boundingBox();
  await page.evaluate(() => window.__tiles.setCamera([0, 0], 0));
  await page.getByTestId('fit-view').click();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  const loading = await page.evaluate(() => performance.now());
  for (let i = 0; i < zoomSteps; i++) await page.mouse.wheel(0, -300);
  await page.waitForFunction(() => { const s = window.__tiles.stats(); return s.tilesShown === s.tilesWanted; }, null, { timeout: 120_000 });
  await page.waitForTimeout(500);
  const start = await page.evaluate(() => performance.now());
  await page.mouse.down();
  const drawn = [];
  for (let i = 0; i < 40; i++) {
    await page.mouse.move(cx + (i % 20 < 10 ? i % 10 : 10 - (i % 10)) * 25, cy + (i < 20 ? 0 : 25), { steps: 1 });
    if (i % 10 === 5) drawn.push(await page.evaluate(() => window.__tiles.stats().pointsDrawn));
  }
  await page.mouse.up();
  const end = await page.evaluate(() => performance.now());
  await page.waitForTimeout(300);
  const s = await page.evaluate(() => window.__tiles.stats());
  // Frames drawn while the button was down: the full picture drawn once the view is still is not a pan frame.
  const times = s.frameTimes.filter((t) => t >= start && t <= end);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  return {
    median: median(gaps), p95: p95(gaps), frames: gaps.length, points: s.pointsShown, level: s.level, tiles: s.tilesShown,
    // Pages before the frame budget draw every point shown (and do not report pointsDrawn).
    drawn: drawn.every((d) => d === undefined) ? s.pointsShown : median(drawn),
    // Zooming in and loading its tiles, up to the pan: includes the frame of every point once all have arrived.
    ...prefixed('load', await longTasks(page, loading, start)), ...prefixed('pan', await longTasks(page, start, end)),
  };
}

const prefixed = (prefix, o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [`${prefix}${k[0].toUpperCase()}${k.slice(1)}`, v]));

/** The built page of `dir`: a checkout built with `dotnet build` (its CLI's wwwroot), or a page folder itself. */
function pageOf(dir) {
  const built = join(dir, 'src', 'Projector.Cli', 'bin', 'Release', 'net10.0', 'wwwroot');
  const folder = existsSync(join(built, 'tiles.html')) ? built : dir;
  if (!existsSync(join(folder, 'tiles.html'))) throw new Error(`${dir}: no built page (tiles.html) in it or in its src/Projector.Cli/bin/Release/net10.0/wwwroot; build it first`);
  return resolve(folder);
}

/** --ref: the reference page and this build's, each `runs` times, alternated, over the same tiles on one static host. */
async function compare(dir, n) {
  const site = join(dir, 'site');
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site);
  symlinkSync(pageOf(here), join(site, 'new'));
  symlinkSync(pageOf(resolve(reference)), join(site, 'reference'));
  symlinkSync(join(dir, 'set'), join(site, 'set'));
  const host = await startStaticServer(site, '/');
  const browser = await openBrowser();
  await browser.page.addInitScript(LONG_TASKS);
  const results = { reference: [], new: [] };
  try {
    for (let r = 0; r < runs; r++) {
      for (const name of ['reference', 'new']) {
        await browser.page.goto(`${host.url}${name}/tiles.html?tiles=../set/`);
        await browser.page.waitForFunction(() => { const s = window.__tiles?.stats(); return s && s.tilesShown > 0 && s.tilesShown === s.tilesWanted; }, null, { timeout: 120_000 });
        results[name].push(await pan(browser.page, 4));
        console.error(name, JSON.stringify(results[name].at(-1)));
      }
    }
  } finally {
    await browser.close();
    await host.stop();
  }
  const pick = (xs, k) => median(xs.map((x) => x[k]));
  for (const name of ['reference', 'new']) {
    const xs = results[name];
    compared.push(`| ${n.toLocaleString('en')} | ${name} | level ${pick(xs, 'level')}, ${pick(xs, 'tiles')} tiles, ${pick(xs, 'points').toLocaleString('en')} points | ${pick(xs, 'drawn').toLocaleString('en')} | ${pick(xs, 'median').toFixed(1)} ms | ${pick(xs, 'p95').toFixed(1)} ms | ${pick(xs, 'panLongest').toFixed(0)} ms (${pick(xs, 'panCount')} over 50 ms) | ${pick(xs, 'loadLongest').toFixed(0)} ms (${pick(xs, 'loadCount')} over 50 ms) |`);
  }
}

const rows = [];
for (const n of existing ? [JSON.parse(readFileSync(join(existing, 'tiles.json'), 'utf8')).points] : sizes) {
  mkdirSync(work, { recursive: true });
  const dir = mkdtempSync(join(work, 'projector-tiles-bench-'));
  try {
    const exportTimes = [];
    let bytes = 0;
    let files = 0;
    let described = '';
    if (existing) {
      symlinkSync(resolve(existing), join(dir, 'set'));
      bytes = du(resolve(existing));
      files = readdirSync(resolve(existing), { recursive: true }).length;
    } else {
      writeClusteredLayout(join(dir, 'layout.npy'), join(dir, 'labels.tsv'), n);
    }
    for (let r = 0; r < (existing ? 0 : runs); r++) {
      rmSync(join(dir, 'set'), { recursive: true, force: true });
      const t0 = performance.now();
      const out = spawnSync('dotnet', [cliDll(), 'export', join(dir, 'layout.npy'), '--metadata', join(dir, 'labels.tsv'), '--format', 'tiles', '--out', join(dir, 'set'), '--layout', join(dir, 'layout.npy'), '--tile-points', tilePoints], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(out.stderr);
      exportTimes.push((performance.now() - t0) / 1000);
      bytes = du(join(dir, 'set'));
      files = readdirSync(join(dir, 'set'), { recursive: true }).length;
      const manifest = readFileSync(join(dir, 'set', 'tiles.json'), 'utf8');
      const { tiles, levels } = JSON.parse(manifest);
      described = `${tiles.length.toLocaleString('en')} tiles in ${levels} levels, tiles.json ${(manifest.length / 1024).toFixed(1)} KB`;
    }
    if (reference) {
      await compare(dir, n);
      rows.push(`| ${n.toLocaleString('en')} | ${median(exportTimes).toFixed(1)} s | ${(bytes / 2 ** 20).toFixed(1)} MB, ${files} entries; ${described} | | |`);
      continue;
    }
    const server = await startServer(['--tiles', join(dir, 'set')]);
    const browser = await openBrowser();
    await browser.page.addInitScript(LONG_TASKS);
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
      rows.push(`| ${n.toLocaleString('en')} | ${exportTimes.length ? `${median(exportTimes).toFixed(1)} s` : 'existing set'} | ${(bytes / 2 ** 20).toFixed(1)} MB, ${files} entries | fitted: ${pick(fitted, 'points').toLocaleString('en')} points, ${pick(fitted, 'median').toFixed(1)} ms (p95 ${pick(fitted, 'p95').toFixed(1)}) | zoomed to level ${pick(zoomed, 'level')}: ${pick(zoomed, 'tiles')} tiles, ${pick(zoomed, 'points').toLocaleString('en')} points, ${pick(zoomed, 'median').toFixed(1)} ms (p95 ${pick(zoomed, 'p95').toFixed(1)}) |`);
      console.error(rows.at(-1));
    } finally {
      await browser.close();
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (compared.length > 0) {
  console.log('| points | page | zoomed in | points drawn while panning | pan frame (median) | pan frame (p95) | longest task, pan | longest task, zoom and tile loading |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of compared) console.log(r);
  console.log();
}
console.log('| points | export (median) | on disk | pan frame time, fitted view (reference) | pan frame time, zoomed in |');
console.log('|---|---|---|---|---|');
for (const r of rows) console.log(r);
