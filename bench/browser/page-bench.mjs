// Load time and frame time of the page in Debian's headless Chromium (software WebGL) for 10k, 100k
// and 1M points, and the page during a live t-SNE. Usage (after `dotnet build Projector.slnx -c Release`
// and `npm ci` in tests/e2e):
//   node bench/browser/page-bench.mjs [--sizes 10000,100000,1000000] [--runs 3] [--short]
//        [--live 10000,100000] [--warmup 15] [--ref DIR]
// Sets are seeded Gaussian mixtures (20 clusters, 50-d) written as a standalone projector config;
// 10k is the MNIST demo. --ref DIR also measures the build of another checkout (a reference: e.g.
// `git archive main | tar -x -C DIR` built the same way), alternating reference and new runs so the
// machine's load falls on both alike. Prints Markdown tables of medians.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, cliDll } from '../../tests/e2e/lib/server.mjs';
import { openBrowser } from '../../tests/e2e/lib/browser.mjs';
import { writeMixture } from './mixture.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '10000,100000,1000000').split(',').filter(Boolean).map(Number);
const live = arg('live', '').split(',').filter(Boolean).map(Number);
const here = resolve(import.meta.dirname, '..', '..');
const variants = [{ name: 'new', root: here }];
if (arg('ref', '')) variants.unshift({ name: 'reference', root: resolve(arg('ref', '')) });
const runs = Number(arg('runs', '3'));
// --warmup S: seconds the live runs leave the server with the dataset open before clicking Run (it
// prepares the default t-SNE meanwhile, at low priority: on a busy machine 15 s may not be enough).
const warmupSeconds = Number(arg('warmup', '15'));
// --short: 11 input events instead of 100, for sizes where one frame takes seconds (1M in software WebGL).
const short = process.argv.includes('--short');
const [drags, wheels, hovers] = short ? [6, 2, 3] : [60, 10, 30];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(url, n) {
  const browser = await openBrowser({ width: 1280, height: 800 });
  const { page } = browser;
  try {
    const start = performance.now();
    await page.goto(url, { timeout: 600_000 });
    await page.waitForFunction((count) => window.__projector?.ready === true
      && document.querySelector('[data-testid="point-count"]')?.textContent.replace(/\D/g, '') === String(count),
    n, { timeout: 600_000, polling: 100 });
    const load = (performance.now() - start) / 1000;
    // Reference in the same run: frame intervals of the idle page (the display's own rate).
    const idle = await page.evaluate(() => new Promise((ok) => {
      const xs = [];
      let last = performance.now();
      const tick = (t) => { xs.push(t - last); last = t; if (xs.length < 60) requestAnimationFrame(tick); else ok(xs.slice(1)); };
      requestAnimationFrame(tick);
    }));
    // Frame intervals while the user drags the view around and hovers.
    await page.evaluate(() => {
      window.__frames = [];
      let last = performance.now();
      const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frames.length < 10_000) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    const canvas = await page.locator('canvas').first().boundingBox();
    const cx = canvas.x + canvas.width / 2;
    const cy = canvas.y + canvas.height / 2;
    const interactionStart = performance.now();
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < drags; i++) await page.mouse.move(cx + 200 * Math.sin(i / 10), cy + 150 * Math.cos(i / 10));
    await page.mouse.up();
    for (let i = 0; i < wheels; i++) await page.mouse.wheel(0, i < wheels / 2 ? -120 : 120);
    for (let i = 0; i < hovers; i++) await page.mouse.move(cx + i * 5, cy + i * 3);
    // Wait for the frame after the last event, so a slow last frame is counted.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const interaction = (performance.now() - interactionStart) / 1000;
    const frames = await page.evaluate(() => window.__frames.slice(1));
    const sorted = [...frames].sort((a, b) => a - b);
    return { load, idle: median(idle), frame: median(frames), p95: sorted[Math.floor(frames.length * 0.95)], max: sorted.at(-1), interaction, count: frames.length };
  } finally {
    await browser.close();
  }
}

const datasets = new Map();
async function argsFor(n) {
  if (n === 10000) return [];
  if (!datasets.has(n)) {
    const dir = mkdtempSync(join(tmpdir(), `projector-page-bench-${n}-`));
    await writeMixture(dir, n);
    datasets.set(n, dir);
  }
  return [join(datasets.get(n), 'projector_config.json')];
}

const rows = [];
for (const n of sizes) {
  const args = await argsFor(n);
  const servers = [];
  for (const v of variants) servers.push(await startServer(args, { root: v.root }));
  try {
    const results = variants.map(() => []);
    // Alternate the variants run by run: a burst of load elsewhere falls on both.
    for (let r = 0; r < runs; r++) {
      for (let i = 0; i < variants.length; i++) {
        results[i].push(await measure(servers[i].url, n));
        console.error(`${variants[i].name} ${n} run ${r + 1}: ${JSON.stringify(results[i].at(-1))}`);
      }
    }
    variants.forEach((v, i) => {
      const rs = results[i];
      rows.push({
        variant: v.name, n, load: median(rs.map((x) => x.load)), idle: median(rs.map((x) => x.idle)), frame: median(rs.map((x) => x.frame)),
        p95: median(rs.map((x) => x.p95)), max: median(rs.map((x) => x.max)), interaction: median(rs.map((x) => x.interaction)), frames: median(rs.map((x) => x.count)),
      });
      console.error(`${v.name} ${n}: ${JSON.stringify(rows.at(-1))}`);
    });
  } finally {
    for (const server of servers) await server.stop();
  }
}

/** Wall time of `projector project` for the same t-SNE the page runs (750 iterations, seed 42). */
function cliTsne(root, n, args) {
  const out = join(mkdtempSync(join(tmpdir(), 'projector-page-bench-cli-')), 'layout.npy');
  const start = performance.now();
  const r = spawnSync('dotnet', [cliDll(root), 'project', args[0] ?? 'demo:mnist', '--method', 'tsne', '--iterations', '750', '--seed', '42', '-o', out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`projector project failed: ${r.stderr}`);
  rmSync(out, { force: true });
  return (performance.now() - start) / 1000;
}

/**
 * A live t-SNE with the page open on a server that has had the dataset open for `warmup` seconds:
 * click to the first moving frame, frames per second and long tasks while frames stream in, frame
 * times during a 15-step pan meanwhile, click to done; then a second t-SNE (perplexity 25, so the
 * server's kept input and graph fit) from click to its first moving frame.
 */
async function measureLive(root, n, args, warmup = warmupSeconds) {
  const server = await startServer(args, { root });
  const browser = await openBrowser({ width: 1280, height: 800 });
  const { page } = browser;
  try {
    await page.goto(server.url, { timeout: 600_000 });
    await page.waitForFunction((count) => window.__projector?.ready === true
      && document.querySelector('[data-testid="point-count"]')?.textContent.replace(/\D/g, '') === String(count),
    n, { timeout: 600_000, polling: 100 });
    await page.waitForTimeout(warmup * 1000);
    await page.getByTestId('method-tsne').click();
    await page.evaluate(() => {
      window.__bench = { longTasks: [], frames: [], sampling: false };
      new PerformanceObserver((list) => { for (const e of list.getEntries()) if (window.__bench.sampling) window.__bench.longTasks.push(e.duration); }).observe({ type: 'longtask' });
      let last = performance.now();
      const tick = (t) => { if (window.__bench.sampling) window.__bench.frames.push(t - last); last = t; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    // Read from the page itself (the iteration shown, the Run button), so that a build without the
    // newer test hooks is measured the same way.
    const firstMoving = async () => {
      const start = performance.now();
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="projection-iteration"]')?.textContent || 0) >= 1, null, { timeout: 600_000, polling: 20 });
      return (performance.now() - start) / 1000;
    };
    // The run ends while the frames are still being sampled (MNIST's t-SNE takes less than the 8 s
    // window): the page notes the moment it shows the end itself, so the time is not the moment the
    // benchmark next asks.
    await page.evaluate(() => {
      const ended = () => document.querySelector('[data-testid="projection-iteration"]')?.textContent === '750'
        && /re-run/i.test(document.querySelector('[data-testid="tsne-run"]')?.textContent ?? '');
      window.__bench.ended = null;
      new MutationObserver((_, observer) => {
        if (window.__bench.clicked === undefined || !ended()) return;
        window.__bench.ended = performance.now() - window.__bench.clicked;
        observer.disconnect();
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const finished = () => page.waitForFunction(() => window.__bench.ended !== null, null, { timeout: 900_000, polling: 100 }).then(() => page.evaluate(() => window.__bench.ended / 1000));
    await page.evaluate(() => { window.__bench.clicked = performance.now(); });
    await page.getByTestId('tsne-run').click();
    const first = await firstMoving();
    // Frames while t-SNE streams: 4 s watching, then a 15-step pan, then 4 s more.
    const window0 = performance.now();
    // Pictures the render worker draws (builds that have one): the main thread's frames no longer count them.
    const workerFrames = () => page.evaluate(() => window.__projector.frames?.().offThread?.frames ?? null);
    const workerFrom = await workerFrames();
    await page.evaluate(() => { window.__bench.sampling = true; });
    await page.waitForTimeout(4000);
    const canvas = await page.locator('canvas').first().boundingBox();
    const cx = canvas.x + canvas.width / 2;
    const cy = canvas.y + canvas.height / 2;
    const panFrom = await page.evaluate(() => window.__bench.frames.length);
    const panStart = performance.now();
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 15; i++) await page.mouse.move(cx + 200 * Math.sin(i / 5), cy + 150 * Math.cos(i / 5));
    await page.mouse.up();
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    const pan = (performance.now() - panStart) / 1000;
    await page.waitForTimeout(4000);
    const sampled = (performance.now() - window0) / 1000;
    const workerTo = await workerFrames();
    const pictures = workerFrom === null || workerTo === null ? NaN : (workerTo - workerFrom) / sampled;
    const stats = await page.evaluate((from) => {
      window.__bench.sampling = false;
      return { frames: window.__bench.frames, panFrames: window.__bench.frames.slice(from), longTasks: window.__bench.longTasks, render: window.__projector.frames?.() ?? null };
    }, panFrom);
    const panSorted = [...stats.panFrames].sort((a, b) => a - b);
    // Beyond MNIST the run would take minutes: only its frames are measured.
    let done = NaN;
    let second = NaN;
    if (n === 10000) {
      done = await finished();
      // The second t-SNE: another perplexity, the same kept input and graph.
      await page.getByTestId('tsne-perplexity').fill('25');
      await page.getByTestId('tsne-perplexity').dispatchEvent('change');
      await page.getByTestId('tsne-run').click();
      second = await firstMoving();
    }
    await page.getByTestId('tsne-stop').click();
    return {
      first, second, done, fps: stats.frames.length / sampled, pictures, pan, panP95: panSorted[Math.floor(panSorted.length * 0.95)] ?? NaN,
      longSum: stats.longTasks.reduce((a, b) => a + b, 0) / 1000, longMax: Math.max(0, ...stats.longTasks), sampled, render: stats.render,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

const liveRows = [];
for (const n of live) {
  const args = await argsFor(n);
  const results = variants.map(() => []);
  const cli = variants.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < variants.length; i++) {
      results[i].push(await measureLive(variants[i].root, n, args));
      console.error(`${variants[i].name} live ${n} run ${r + 1}: ${JSON.stringify(results[i].at(-1))}`);
      if (n === 10000) cli[i].push(cliTsne(variants[i].root, n, args));
    }
  }
  variants.forEach((v, i) => {
    const rs = results[i];
    const m = (f) => median(rs.map(f));
    liveRows.push({ variant: v.name, n, first: m((x) => x.first), second: m((x) => x.second), fps: m((x) => x.fps), pictures: m((x) => x.pictures), panP95: m((x) => x.panP95), pan: m((x) => x.pan),
      longSum: m((x) => x.longSum), longMax: m((x) => x.longMax), sampled: m((x) => x.sampled), done: m((x) => x.done), cli: cli[i].length ? median(cli[i]) : NaN });
  });
}

if (rows.length > 0) {
  // The drag, wheel and hover sequence is 100 input events; "interaction" is its wall time, which slow
  // frames stretch (each event waits for the page), so it shows the cost the median frame hides.
  console.log(`| build | points | load to first picture (s) | idle frame, reference (ms) | median frame while panning (ms) | p95 frame (ms) | slowest frame (ms) | ${drags + wheels + hovers} drag/wheel/hover events (s) | frames sampled |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.variant} | ${r.n.toLocaleString('en')} | ${r.load.toFixed(2)} | ${r.idle.toFixed(1)} | ${r.frame.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${r.interaction.toFixed(1)} | ${r.frames} |`);
}
if (liveRows.length > 0) {
  console.log('');
  console.log('| build | points | click to first moving frame (s) | again, perplexity 25 (s) | frames/s while streaming | pictures/s drawn by the render worker | p95 frame, 15-step pan (ms) | the pan (s) | long tasks (s of sampled s) | longest task (ms) | click to done (s) | CLI t-SNE (s) |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of liveRows) console.log(`| ${r.variant} | ${r.n.toLocaleString('en')} | ${r.first.toFixed(2)} | ${Number.isNaN(r.second) ? '—' : r.second.toFixed(2)} | ${r.fps.toFixed(1)} | ${Number.isNaN(r.pictures) ? '—' : r.pictures.toFixed(1)} | ${r.panP95.toFixed(1)} | ${r.pan.toFixed(2)} | ${r.longSum.toFixed(2)} of ${r.sampled.toFixed(1)} | ${r.longMax.toFixed(0)} | ${Number.isNaN(r.done) ? '—' : r.done.toFixed(1)} | ${Number.isNaN(r.cli) ? '—' : r.cli.toFixed(1)} |`);
}
