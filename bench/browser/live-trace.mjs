// Where the page's long main-thread tasks come from during a live t-SNE: records a Chromium trace
// (CDP Tracing) of the MNIST demo with sprites while t-SNE streams and the view is dragged, then lists
// every task of the page's main thread over 50 ms with what is inside it (script, layer updates,
// buffer uploads, GL calls, the compositor's read-back of the canvas). Usage (after
// `dotnet build Projector.slnx -c Release` and `npm ci` in tests/e2e):
//   node bench/browser/live-trace.mjs [--warmup 15] [--seconds 8] [--out trace.json] [--root DIR] [--live 10000] [--in trace.json]
// Prints a Markdown summary; --out also keeps the raw trace (open it in chrome://tracing or Perfetto).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../../tests/e2e/lib/server.mjs';
import { openBrowser } from '../../tests/e2e/lib/browser.mjs';
import { writeMixture } from './mixture.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const warmup = Number(arg('warmup', '15'));
const seconds = Number(arg('seconds', '8'));
const root = resolve(arg('root', resolve(import.meta.dirname, '..', '..')));
const n = Number(arg('live', '10000'));
const LONG_MS = 50;

const CATEGORIES = [
  'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'gpu', 'cc', 'viz',
  'disabled-by-default-devtools.timeline.frame', 'benchmark', 'renderer.scheduler',
].join(',');

async function record(page) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReportEvents' });
  return async () => {
    await cdp.send('Tracing.end');
    await done;
    return events;
  };
}

/** The renderer main thread of the page: the CrRendererMain thread with the most events. */
function mainThread(events) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') names.set(`${e.pid}:${e.tid}`, 0);
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (names.has(key)) names.set(key, names.get(key) + 1);
  }
  return [...names.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function label(e) {
  const d = e.args?.data;
  if (e.name === 'FunctionCall' && d) return `FunctionCall ${d.functionName || '(anonymous)'} ${String(d.url ?? '').split('/').pop()}:${d.lineNumber ?? ''}`;
  if ((e.name === 'TimerFire' || e.name === 'FireAnimationFrame' || e.name === 'EventDispatch') && d) return `${e.name} ${d.type ?? ''}`.trim();
  return e.name;
}

/** What a piece of a task's self time is, by the trace event it belongs to and that event's callers. */
const CLASSES = [
  ['canvas read-back (waiting for the GPU process)', (name, path) => /WaitForGetOffset|WaitForCmd|CommandBufferHelper::Finish|ReadPixels/.test(name) && path.includes('DoUpdateLayers')],
  ['other waits on the GPU process', (name) => /WaitForGetOffset|WaitForCmd|CommandBufferHelper::Finish|GetProgramiv|GetShaderiv/.test(name)],
  ['garbage collection', (name) => /GC|Scavenge|Marking|Sweep/i.test(name)],
  ['deck.gl frame (layer updates, uploads, GL calls)', (name, path) => path.includes('_animationFrame')],
  ['page script (frames, panels)', (name, path) => path.includes('FunctionCall') || /RunMicrotasks|V8\./.test(name)],
  ['style, layout, paint', (name) => /Style|Layout|Paint|Lifecycle|HitTest|ScrollTree|recalc|Compositing|Animat/i.test(name)],
  ['compositor commit, other', () => true],
];

function summarise(events) {
  const key = mainThread(events);
  const own = events.filter((e) => `${e.pid}:${e.tid}` === key && e.ph === 'X' && typeof e.dur === 'number');
  // Top-level tasks only (a RunTask nests inside ThreadControllerImpl::RunTask).
  const all = own.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  for (const t of all) if (!tasks.length || t.ts >= tasks.at(-1).ts + tasks.at(-1).dur) tasks.push(t);
  const long = tasks.filter((t) => t.dur / 1000 > LONG_MS).sort((a, b) => a.ts - b.ts);
  const rows = [];
  for (const t of long) {
    const inside = own.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur);
    // Self time per label: each event's duration minus that of its direct children.
    const self = new Map();
    const sorted = [...inside].sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const stack = [];
    const childTime = new Map();
    for (const e of sorted) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
      const parent = stack.at(-1);
      if (parent) childTime.set(parent, (childTime.get(parent) ?? 0) + e.dur);
      stack.push(e);
    }
    const classes = new Map();
    for (const e of inside) {
      const s = e.dur - (childTime.get(e) ?? 0);
      self.set(label(e), (self.get(label(e)) ?? 0) + s);
      const path = inside.filter((p) => p.ts <= e.ts && p.ts + p.dur >= e.ts + e.dur).map(label).join(' > ');
      const [name] = CLASSES.find(([, test]) => test(e.name, path));
      classes.set(name, (classes.get(name) ?? 0) + s);
    }
    // The task's own time outside any event inside it.
    const covered = [...classes.values()].reduce((a, b) => a + b, 0);
    classes.set('compositor commit, other', (classes.get('compositor commit, other') ?? 0) + Math.max(0, t.dur - covered));
    const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([name, us]) => `${name} ${(us / 1000).toFixed(0)}`);
    // Where the largest single wait sits: its enclosing events, outermost first.
    const longest = inside.filter((e) => !childTime.has(e)).sort((a, b) => b.dur - a.dur)[0];
    const path = longest ? inside.filter((e) => e.ts <= longest.ts && e.ts + e.dur >= longest.ts + longest.dur && e !== longest)
      .sort((a, b) => b.dur - a.dur).map(label).filter((x) => !/RunTask/.test(x)).concat(`${label(longest)} ${(longest.dur / 1000).toFixed(0)}`).join(' > ') : '';
    rows.push({ ms: t.dur / 1000, top, path, classes });
  }
  return { tasks, long: rows, sampledMs: tasks.length ? (Math.max(...tasks.map((t) => t.ts + t.dur)) - Math.min(...tasks.map((t) => t.ts))) / 1000 : 0 };
}

function print(events) {
  const { tasks, long, sampledMs } = summarise(events);
  console.log(`${tasks.length} main-thread tasks over ${(sampledMs / 1000).toFixed(1)} s; ${long.length} over ${LONG_MS} ms`);
  console.log('');
  console.log('| task (ms) | largest self times inside (ms) | the longest single event, in its callers |');
  console.log('|---:|---|---|');
  for (const r of long) console.log(`| ${r.ms.toFixed(0)} | ${r.top.join('; ')} | ${r.path} |`);
  const total = new Map();
  for (const r of long) for (const [k, v] of r.classes) total.set(k, (total.get(k) ?? 0) + v);
  const sum = long.reduce((a, r) => a + r.ms, 0);
  console.log('');
  console.log(`| in the tasks over ${LONG_MS} ms (${sum.toFixed(0)} ms in all) | ms | share |`);
  console.log('|---|---:|---:|');
  for (const [name] of CLASSES) {
    const us = total.get(name) ?? 0;
    console.log(`| ${name} | ${(us / 1000).toFixed(0)} | ${sum ? ((us / 1000 / sum) * 100).toFixed(0) : 0} % |`);
  }
}

async function trace() {
  const args = n === 10000 ? [] : [join(await (async () => {
    const dir = mkdtempSync(join(tmpdir(), `projector-trace-${n}-`));
    await writeMixture(dir, n);
    return dir;
  })(), 'projector_config.json')];
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
    await page.getByTestId('tsne-run').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="projection-iteration"]')?.textContent || 0) >= 1, null, { timeout: 600_000, polling: 20 });
    const stop = await record(page);
    await page.waitForTimeout((seconds / 2) * 1000);
    const canvas = await page.locator('canvas').first().boundingBox();
    const cx = canvas.x + canvas.width / 2;
    const cy = canvas.y + canvas.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 15; i++) await page.mouse.move(cx + 200 * Math.sin(i / 5), cy + 150 * Math.cos(i / 5));
    await page.mouse.up();
    await page.waitForTimeout((seconds / 2) * 1000);
    const events = await stop();
    if (arg('out', '')) writeFileSync(arg('out', ''), JSON.stringify({ traceEvents: events }));
    return events;
  } finally {
    await browser.close();
    await server.stop();
  }
}

// --in FILE summarises a trace kept with --out.
print(arg('in', '') ? JSON.parse(readFileSync(arg('in', ''), 'utf8')).traceEvents : await trace());
