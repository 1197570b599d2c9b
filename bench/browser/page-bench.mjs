// Load time and frame time of the page in Debian's headless Chromium (software WebGL) for 10k, 100k
// and 1M points. Usage (after `dotnet build Projector.slnx -c Release` and `npm ci` in tests/e2e):
//   node bench/browser/page-bench.mjs [--sizes 10000,100000,1000000] [--runs 3]
// Sets are seeded Gaussian mixtures (20 clusters, 50-d) written as a standalone projector config;
// 10k is the MNIST demo. Prints a Markdown table of medians.
import { mkdtempSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { startServer } from '../../tests/e2e/lib/server.mjs';
import { openBrowser } from '../../tests/e2e/lib/browser.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '10000,100000,1000000').split(',').map(Number);
const runs = Number(arg('runs', '3'));
// --short: 11 input events instead of 100, for sizes where one frame takes seconds (1M in software WebGL).
const short = process.argv.includes('--short');
const [drags, wheels, hovers] = short ? [6, 2, 3] : [60, 10, 30];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// Mulberry32 + Box-Muller: a seeded mixture without any package.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeMixture(dir, n, d = 50, clusters = 20) {
  const rand = rng(7);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: d }, () => gauss() * 6));
  const tensor = createWriteStream(join(dir, 'tensor.bytes'));
  const labels = [];
  const chunk = 10_000;
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    const block = new Float32Array(rows * d);
    for (let r = 0; r < rows; r++) {
      const c = Math.floor(rand() * clusters);
      labels.push(`c${c}`);
      for (let j = 0; j < d; j++) block[r * d + j] = centres[c][j] + gauss();
    }
    if (!tensor.write(Buffer.from(block.buffer))) await once(tensor, 'drain');
  }
  tensor.end();
  await once(tensor, 'finish');
  writeFileSync(join(dir, 'labels.tsv'), `${labels.join('\n')}\n`);
  writeFileSync(join(dir, 'projector_config.json'), JSON.stringify({
    embeddings: [{ tensorName: `mixture ${n}`, tensorShape: [n, d], tensorPath: 'tensor.bytes', metadataPath: 'labels.tsv' }],
  }));
}

async function measure(url, n) {
  const browser = await openBrowser({ width: 1280, height: 800 });
  const { page } = browser;
  try {
    const start = performance.now();
    await page.goto(url);
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

const rows = [];
for (const n of sizes) {
  let args = [];
  if (n !== 10000) {
    const dir = mkdtempSync(join(tmpdir(), `projector-page-bench-${n}-`));
    await writeMixture(dir, n);
    args = [join(dir, 'projector_config.json')];
  }
  const server = await startServer(args);
  try {
    const results = [];
    for (let r = 0; r < runs; r++) results.push(await measure(server.url, n));
    rows.push({
      n, load: median(results.map((x) => x.load)), idle: median(results.map((x) => x.idle)), frame: median(results.map((x) => x.frame)),
      p95: median(results.map((x) => x.p95)), max: median(results.map((x) => x.max)), interaction: median(results.map((x) => x.interaction)), frames: median(results.map((x) => x.count)),
    });
    console.error(`${n}: ${JSON.stringify(rows.at(-1))}`);
  } finally {
    await server.stop();
  }
}
// The drag, wheel and hover sequence is 100 input events; "interaction" is its wall time, which slow
// frames stretch (each event waits for the page), so it shows the cost the median frame hides.
console.log(`| points | load to first picture (s) | idle frame, reference (ms) | median frame while panning (ms) | p95 frame (ms) | slowest frame (ms) | ${drags + wheels + hovers} drag/wheel/hover events (s) | frames sampled |`);
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.n.toLocaleString('en')} | ${r.load.toFixed(2)} | ${r.idle.toFixed(1)} | ${r.frame.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${r.interaction.toFixed(1)} | ${r.frames} |`);
