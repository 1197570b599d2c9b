// Cross-filter counts over a million points, as the page would compute them in a worker: per column,
// the value counts (categorical) or a 50-bin histogram (numeric) of the points that pass every *other*
// column's filter. Typed arrays only, no allocation per point. Run: node bench/browser/filter-counts.mjs
// [points] [runs]. Prints the median time per full recount (every column's counts after one filter
// change) and the reference measured in the same run: one pass that only sums a column.
const n = Number(process.argv[2] ?? 1_000_000);
const runs = Number(process.argv[3] ?? 9);
let seed = 1;
const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);

// Four columns: two categorical (10 and 1,000 values, as codes), two numeric.
const label = new Uint16Array(n), word = new Uint16Array(n), score = new Float32Array(n), length = new Float32Array(n);
for (let i = 0; i < n; i++) {
  label[i] = Math.floor(random() * 10);
  word[i] = Math.floor(random() * 1000);
  score[i] = random() * 100;
  length[i] = random() * random() * 40;
}
const columns = [
  { kind: 'cat', values: label, size: 10, keep: (v) => v !== 3 },
  { kind: 'cat', values: word, size: 1000, keep: () => true },
  { kind: 'num', values: score, min: 0, max: 100, lo: 20, hi: 80 },
  { kind: 'num', values: length, min: 0, max: 40, lo: -Infinity, hi: 30 },
];

// Each point's failed-filter count and the one column it fails (enough for "all but this column").
// One small function per column kind and array type keeps every loop monomorphic.
const fails = new Uint8Array(n), failedColumn = new Uint8Array(n);
function failCategorical(values, keep, j) {
  for (let i = 0; i < values.length; i++) {
    if (keep[values[i]] === 0) { fails[i]++; failedColumn[i] = j; }
  }
}
function failRange(values, lo, hi, j) {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v < hi)) { fails[i]++; failedColumn[i] = j; }
  }
}
function countCategorical(values, counts, j) {
  for (let i = 0; i < values.length; i++) {
    const f = fails[i];
    if (f === 0 || (f === 1 && failedColumn[i] === j)) counts[values[i]]++;
  }
}
function countBins(values, counts, min, scale, j) {
  const last = counts.length - 1;
  for (let i = 0; i < values.length; i++) {
    const f = fails[i];
    if (f === 0 || (f === 1 && failedColumn[i] === j)) {
      const b = ((values[i] - min) * scale) | 0;
      counts[b > last ? last : b]++;
    }
  }
}
function recount() {
  fails.fill(0);
  columns.forEach((c, j) => {
    if (c.kind === 'cat') failCategorical(c.values, Uint8Array.from({ length: c.size }, (_, v) => (c.keep(v) ? 1 : 0)), j);
    else failRange(c.values, c.lo, c.hi, j);
  });
  return columns.map((c, j) => {
    const counts = new Uint32Array(c.kind === 'cat' ? c.size : 50);
    if (c.kind === 'cat') countCategorical(c.values, counts, j);
    else countBins(c.values, counts, c.min, 50 / (c.max - c.min), j);
    return counts;
  });
}

// Wall time and this process's CPU time: on a shared machine the wall time of a long loop includes the
// time other processes held the cores, so both are printed.
function median(f) {
  f();
  const times = [];
  const cpu = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const c = process.cpuUsage();
    f();
    const used = process.cpuUsage(c);
    times.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return `${times[times.length >> 1].toFixed(1)} ms (CPU ${cpu[cpu.length >> 1].toFixed(1)} ms)`;
}

let sink = 0;
const full = median(() => { sink += recount()[0][0]; });
const reference = median(() => { let s = 0; for (let i = 0; i < n; i++) s += score[i]; sink += s; });
console.log(`filter counts n=${n}: ${full} per recount of 4 columns (median of ${runs}); reference, one summing pass over a column: ${reference}${sink > 0 ? '' : ' (no result)'}`);
