// Cross-filter update time in the page, in Debian's headless Chromium, for 100k and 1M rows: the time
// from a brush move on a histogram to the new "N of M points" on screen (one move at a time), then,
// while a brush is dragged on (a move every 33 ms for two seconds), the page's frame intervals, its
// longest main-thread task and how many counts reached the screen (the map's colours follow each). Usage (after `dotnet build Projector.slnx -c Release`
// and `npm ci` in tests/e2e):
//   node bench/browser/filter-brush.mjs [--sizes 100000,1000000] [--moves 15]
// Each set: 4-d points and four metadata columns as in filter-counts.mjs (label: 10 values, word:
// 1,000 values, score and length: numbers), written as a standalone projector config. The reference,
// measured in the same page: one summing pass over a column of the same length on the main thread.
// Prints a Markdown table of medians; the worker's own compute time is printed alongside.
import { mkdtempSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { startServer } from '../../tests/e2e/lib/server.mjs';
import { openBrowser } from '../../tests/e2e/lib/browser.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '100000,1000000').split(',').filter(Boolean).map(Number);
const moves = Number(arg('moves', '15'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function writeSet(dir, n) {
  let seed = 1;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const tensor = createWriteStream(join(dir, 'tensor.bytes'));
  const meta = createWriteStream(join(dir, 'metadata.tsv'));
  meta.write('label\tword\tscore\tlength\n');
  const chunk = 10_000;
  for (let start = 0; start < n; start += chunk) {
    const rows = Math.min(chunk, n - start);
    const block = new Float32Array(rows * 4);
    const lines = [];
    for (let r = 0; r < rows; r++) {
      const label = Math.floor(random() * 10);
      for (let j = 0; j < 4; j++) block[r * 4 + j] = (j === 0 ? label : 0) + random();
      lines.push(`${label}\tw${Math.floor(random() * 1000)}\t${(random() * 100).toFixed(3)}\t${(random() * random() * 40).toFixed(3)}`);
    }
    if (!tensor.write(Buffer.from(block.buffer))) await once(tensor, 'drain');
    if (!meta.write(`${lines.join('\n')}\n`)) await once(meta, 'drain');
  }
  tensor.end();
  meta.end();
  await Promise.all([once(tensor, 'finish'), once(meta, 'finish')]);
  writeFileSync(join(dir, 'projector_config.json'), JSON.stringify({
    embeddings: [{ tensorName: `filters ${n}`, tensorShape: [n, 4], tensorPath: 'tensor.bytes', metadataPath: 'metadata.tsv' }],
  }));
}

async function measure(url, n) {
  const browser = await openBrowser({ width: 1280, height: 900 });
  const { page } = browser;
  try {
    await page.goto(url, { timeout: 900_000 });
    await page.waitForFunction((count) => window.__projector?.ready === true
      && document.querySelector('[data-testid="filter-count"]')?.textContent === `${count.toLocaleString('en-US')} of ${count.toLocaleString('en-US')} points`,
    n, { timeout: 900_000, polling: 250 });
    return await page.evaluate(async ({ moves, n }) => {
      const canvas = document.querySelector('[data-testid="filter-score"] canvas');
      const count = document.querySelector('[data-testid="filter-count"]');
      const rect = canvas.getBoundingClientRect();
      const y = rect.top + rect.height / 2;
      const fire = (type, x) => canvas.dispatchEvent(new PointerEvent(type, { bubbles: true, clientX: x, clientY: y, pointerId: 1, buttons: 1 }));
      const xAt = (m) => rect.left + rect.width * (0.3 + (0.6 * ((m * 7) % moves)) / moves);
      const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));
      // Still: the full picture drawn after the last move (seconds for 1M in software WebGL) is over
      // once three frames in a row come quickly.
      const still = async () => {
        await sleep(500);
        let quick = 0;
        let last = performance.now();
        while (quick < 3) {
          await new Promise((ok) => requestAnimationFrame(ok));
          const now = performance.now();
          quick = now - last < 60 ? quick + 1 : 0;
          last = now;
        }
      };

      // 1. Update time: one move, then wait for its count on screen; the next move after that.
      const shown = [];
      fire('pointerdown', rect.left + rect.width * 0.1);
      for (let m = 0; m < moves; m++) {
        const before = count.textContent;
        const changed = new Promise((ok) => {
          const watch = new MutationObserver(() => {
            if (count.textContent !== before) {
              watch.disconnect();
              ok(performance.now());
            }
          });
          watch.observe(count, { childList: true, characterData: true, subtree: true });
        });
        const start = performance.now();
        fire('pointermove', xAt(m));
        shown.push((await changed) - start);
      }
      fire('pointerup', xAt(moves));
      await still();
      await sleep(300);
      await still();

      // 2. A hand dragging on: a move every 33 ms for two seconds; frame intervals and long tasks meanwhile.
      const longTasks = [];
      const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration)));
      observer.observe({ type: 'longtask' });
      const frames = [];
      let dragging = true;
      let last = performance.now();
      const tick = (t) => {
        frames.push(t - last);
        last = t;
        if (dragging) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      let updates = 0;
      let text = count.textContent;
      const counter = new MutationObserver(() => {
        if (count.textContent !== text) {
          text = count.textContent;
          updates++;
        }
      });
      counter.observe(count, { childList: true, characterData: true, subtree: true });
      fire('pointerdown', rect.left + rect.width * 0.1);
      const dragMoves = 60;
      for (let m = 0; m < dragMoves; m++) {
        fire('pointermove', rect.left + rect.width * (0.3 + 0.5 * Math.abs(Math.sin(m / 9))));
        await sleep(33);
      }
      dragging = false;
      const tasks = [...longTasks];
      observer.disconnect();
      counter.disconnect();
      const lastMove = performance.now();
      const before = count.textContent;
      fire('pointerup', rect.left + rect.width * 0.9);
      await new Promise((ok) => {
        const watch = new MutationObserver(() => {
          if (count.textContent !== before) {
            watch.disconnect();
            ok();
          }
        });
        watch.observe(count, { childList: true, characterData: true, subtree: true });
      });
      const settle = performance.now() - lastMove;
      const sortedFrames = frames.slice(1).sort((a, b) => a - b);

      // Reference: one summing pass over a column of n numbers on the page's main thread.
      const column = new Float64Array(n).map((_, i) => (i * 7919) % 1000);
      const sums = [];
      for (let r = 0; r < 9; r++) {
        const t = performance.now();
        let s = 0;
        for (let i = 0; i < n; i++) s += column[i];
        sums.push(performance.now() - t + (s < 0 ? 1 : 0));
      }
      return {
        shown: med(shown), frame: med(sortedFrames), p95: sortedFrames[Math.floor(sortedFrames.length * 0.95)] ?? 0,
        longest: tasks.length ? Math.max(...tasks) : 0, updates, dragMoves, settle, reference: med(sums),
      };
    }, { moves, n });
  } finally {
    await browser.close();
  }
}

const rows = [];
for (const n of sizes) {
  const dir = mkdtempSync(join(tmpdir(), `projector-filter-bench-${n}-`));
  await writeSet(dir, n);
  const server = await startServer([join(dir, 'projector_config.json')], { timeoutMs: 600_000 });
  try {
    const result = await measure(server.url, n);
    console.error(`${n}: ${JSON.stringify(result)} (load average ${loadavg().map((x) => x.toFixed(1)).join(', ')})`);
    rows.push({ n, ...result });
  } finally {
    await server.stop();
  }
}
console.log('| rows | brush move → count on screen | while dragging: frame interval, median / p95 | longest main-thread task | new counts on screen per 60 moves | last move → final count | reference: one summing pass over a column |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.n.toLocaleString('en-US')} | ${r.shown.toFixed(0)} ms | ${r.frame.toFixed(0)} / ${r.p95.toFixed(0)} ms | ${r.longest.toFixed(0)} ms | ${r.updates} | ${r.settle.toFixed(0)} ms | ${r.reference.toFixed(1)} ms |`);
}
console.log(`\n(update time: median of ${moves} brush moves; load average ${loadavg().map((x) => x.toFixed(1)).join(', ')})`);
