// The table under the map at a million rows in Debian's headless Chromium: how long sorting by a column
// takes (from the click on its header to the first sorted row on screen) and the longest main-thread
// task meanwhile, the frame time while the table scrolls, and the `.parquet` download of every row
// (from the click to the file, with the longest task and the frame intervals meanwhile). Usage (after
// `dotnet build Projector.slnx -c Release` and `npm ci` in tests/e2e):
//   node bench/browser/table-bench.mjs [--rows 1000000] [--runs 5]
// The data: a seeded 8-d mixture with three metadata columns: `cluster` (20 texts), `value` (random
// numbers, nearly all distinct) and `word` (a distinct text per row). References measured in the same
// page and run: sorting the same rows on the main thread with Array.prototype.sort and a comparator
// (what a table without ranks and typed arrays does), and the idle page's frame interval.
import { mkdtempSync, writeFileSync, createWriteStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { startServer } from '../../tests/e2e/lib/server.mjs';
import { openBrowser } from '../../tests/e2e/lib/browser.mjs';
import { mulberry32 } from '../../tests/e2e/lib/random.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const n = Number(arg('rows', '1000000'));
const runs = Number(arg('runs', '5'));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function writeData(dir) {
  const rand = mulberry32(11);
  const d = 8;
  const tensor = createWriteStream(join(dir, 'tensor.bytes'));
  const meta = createWriteStream(join(dir, 'metadata.tsv'));
  meta.write('cluster\tvalue\tword\n');
  for (let start = 0; start < n; start += 10_000) {
    const rows = Math.min(10_000, n - start);
    const block = new Float32Array(rows * d);
    const lines = [];
    for (let r = 0; r < rows; r++) {
      const c = Math.floor(rand() * 20);
      for (let j = 0; j < d; j++) block[r * d + j] = Math.sin(c * 7 + j) * 5 + rand();
      lines.push(`c${c}\t${(rand() * 1000).toFixed(4)}\tw${Math.floor(rand() * 1e9).toString(36)}${start + r}`);
    }
    if (!tensor.write(Buffer.from(block.buffer))) await once(tensor, 'drain');
    if (!meta.write(`${lines.join('\n')}\n`)) await once(meta, 'drain');
  }
  tensor.end();
  meta.end();
  await Promise.all([once(tensor, 'finish'), once(meta, 'finish')]);
  writeFileSync(join(dir, 'projector_config.json'), JSON.stringify({
    embeddings: [{ tensorName: 'table bench', tensorShape: [n, d], tensorPath: 'tensor.bytes', metadataPath: 'metadata.tsv' }],
  }));
}

/** In the page: clicks the header of `column` and times until the first row shown is `want`, with the longest task meanwhile. */
const sortInPage = ([column, want]) => new Promise((ok) => {
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  const start = performance.now();
  document.querySelector(`[data-testid="table-header"][data-column="${column}"]`).click();
  const check = () => {
    if (document.querySelector('[data-testid="table-row"]')?.dataset.index === String(want)) {
      const ms = performance.now() - start;
      setTimeout(() => {
        observer.disconnect();
        ok({ ms, longest: Math.max(0, ...tasks) });
      }, 50);
    } else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
});

/** In the page: scrolls the table `frames` times, one step per animation frame; the frame intervals. */
const scrollInPage = (frames) => new Promise((ok) => {
  const body = document.querySelector('[data-testid="table-body"]');
  const xs = [];
  let last = performance.now();
  let i = 0;
  const tick = (t) => {
    xs.push(t - last);
    last = t;
    // Long jumps and short steps: both rewrite the rows in view.
    body.scrollTop = i % 10 === 0 ? (body.scrollHeight * ((i * 37) % 100)) / 100 : body.scrollTop + 120;
    if (++i < frames) requestAnimationFrame(tick);
    else ok(xs.slice(2));
  };
  requestAnimationFrame(tick);
});

/** In the page: clicks `.parquet` and records frame intervals and long tasks until the button is free again. */
const parquetInPage = () => new Promise((ok) => {
  const button = document.querySelector('[data-testid="table-download-parquet"]');
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
  observer.observe({ type: 'longtask' });
  const frames = [];
  const start = performance.now();
  let last = start;
  button.click();
  const tick = (t) => {
    frames.push(t - last);
    last = t;
    if (button.disabled) requestAnimationFrame(tick);
    else {
      observer.disconnect();
      ok({ ms: performance.now() - start, longest: Math.max(0, ...tasks), frames });
    }
  };
  requestAnimationFrame(tick);
});

const idleInPage = () => new Promise((ok) => {
  const xs = [];
  let last = performance.now();
  const tick = (t) => { xs.push(t - last); last = t; if (xs.length < 60) requestAnimationFrame(tick); else ok(xs.slice(1)); };
  requestAnimationFrame(tick);
});

/** In the page: the reference, sorting n indices by a column on the main thread with a comparator. */
const referenceInPage = async ([url, column]) => {
  const metadata = await (await fetch(url)).json();
  const values = metadata.columns.find((c) => c.name === column).values;
  const rows = Array.from({ length: values.length }, (_, i) => i);
  const compare = typeof values[0] === 'number'
    ? (a, b) => values[a] - values[b] || a - b
    : ((collator) => (a, b) => collator.compare(values[a], values[b]) || a - b)(new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }));
  const start = performance.now();
  rows.sort(compare);
  return { ms: performance.now() - start, first: rows[0] };
};

const dir = mkdtempSync(join(tmpdir(), 'projector-table-bench-'));
await writeData(dir);
const server = await startServer([join(dir, 'projector_config.json')], { timeoutMs: 600_000 });
const id = (await (await fetch(`${server.url}api/datasets`)).json())[0].id;
const results = { value: [], again: [], word: [], reference: { value: [], word: [] }, scroll: [], idle: [], parquet: [] };
try {
  for (let r = 0; r < runs; r++) {
    const browser = await openBrowser({ width: 1280, height: 900 });
    const { page } = browser;
    try {
      await page.addInitScript(() => localStorage.setItem('projector.table', 'open'));
      await page.goto(`${server.url}#d=${encodeURIComponent(id)}`, { timeout: 600_000 });
      await page.waitForFunction((count) => window.__projector?.ready === true
        && document.querySelector('[data-testid="table-source"]')?.textContent === `All ${count.toLocaleString('en-US')} points`,
      n, { timeout: 600_000, polling: 250 });
      const metadataUrl = `${server.url}api/datasets/${encodeURIComponent(id)}/metadata`;
      // The reference first: it also tells which row comes first.
      for (const column of ['value', 'word']) {
        const ref = await page.evaluate(referenceInPage, [metadataUrl, column]);
        results.reference[column].push(ref.ms);
        const sorted = await page.evaluate(sortInPage, [column, ref.first]);
        results[column].push(sorted);
        console.error(`run ${r + 1} ${column}: table ${sorted.ms.toFixed(0)} ms (longest task ${sorted.longest.toFixed(0)} ms), main-thread comparator sort ${ref.ms.toFixed(0)} ms`);
        if (column === 'value') {
          // The same column again, descending: its ranks are kept, only the rows are reordered.
          const want = await page.evaluate(async ([url]) => {
            const m = await (await fetch(url)).json();
            const v = m.columns.find((c) => c.name === 'value').values;
            let best = 0;
            for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
            return best;
          }, [metadataUrl]);
          const again = await page.evaluate(sortInPage, ['value', want]);
          results.again.push(again);
          console.error(`run ${r + 1} value again, descending: table ${again.ms.toFixed(0)} ms (longest task ${again.longest.toFixed(0)} ms)`);
        }
      }
      results.idle.push(median(await page.evaluate(idleInPage)));
      const frames = await page.evaluate(scrollInPage, 120);
      const sortedFrames = [...frames].sort((a, b) => a - b);
      results.scroll.push({ median: median(frames), p95: sortedFrames[Math.floor(frames.length * 0.95)] });
      console.error(`run ${r + 1} scroll: median ${median(frames).toFixed(1)} ms, p95 ${results.scroll.at(-1).p95.toFixed(1)} ms`);
      // Back to the dataset's order (a header click cycles ascending, descending, none), then every row as Parquet.
      const header = page.locator('[data-testid="table-header"][data-column="value"]');
      while ((await header.getAttribute('aria-sort')) !== 'none') await header.click();
      const [file, parquet] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.evaluate(parquetInPage)]);
      const bytes = statSync(await file.path()).size;
      const sortedParquet = [...parquet.frames].sort((a, b) => a - b);
      results.parquet.push({ ms: parquet.ms, longest: parquet.longest, median: median(parquet.frames), p95: sortedParquet[Math.floor(sortedParquet.length * 0.95)], bytes });
      console.error(`run ${r + 1} parquet: ${parquet.ms.toFixed(0)} ms, ${(bytes / 1e6).toFixed(1)} MB, longest task ${parquet.longest.toFixed(0)} ms, frames median ${median(parquet.frames).toFixed(1)} ms, p95 ${results.parquet.at(-1).p95.toFixed(1)} ms`);
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.stop();
}

const ms = (x) => `${x.toFixed(0)} ms`;
console.log(`| ${n.toLocaleString('en-US')} rows (median of ${runs}) | table (worker) | longest main-thread task | main-thread comparator sort (reference) |`);
console.log('|---|---|---|---|');
for (const column of ['value', 'word']) {
  console.log(`| sort by \`${column}\` | ${ms(median(results[column].map((x) => x.ms)))} | ${ms(median(results[column].map((x) => x.longest)))} | ${ms(median(results.reference[column]))} |`);
}
console.log(`| sort by \`value\` again, descending (ranks kept) | ${ms(median(results.again.map((x) => x.ms)))} | ${ms(median(results.again.map((x) => x.longest)))} | — |`);
console.log('');
console.log('| scrolling the table | median frame | p95 frame | idle page frame (reference) |');
console.log('|---|---|---|---|');
console.log(`| ${n.toLocaleString('en-US')} rows | ${median(results.scroll.map((x) => x.median)).toFixed(1)} ms | ${median(results.scroll.map((x) => x.p95)).toFixed(1)} ms | ${median(results.idle).toFixed(1)} ms |`);
console.log('');
console.log('| `.parquet` of every row | click to file | longest main-thread task | median frame meanwhile | p95 frame meanwhile | file |');
console.log('|---|---|---|---|---|---|');
const pq = results.parquet;
console.log(`| ${n.toLocaleString('en-US')} rows | ${ms(median(pq.map((x) => x.ms)))} | ${ms(median(pq.map((x) => x.longest)))} | ${median(pq.map((x) => x.median)).toFixed(1)} ms | ${median(pq.map((x) => x.p95)).toFixed(1)} ms | ${(median(pq.map((x) => x.bytes)) / 1e6).toFixed(1)} MB |`);
