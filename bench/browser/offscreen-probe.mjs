// Does drawing from a worker (an OffscreenCanvas from transferControlToOffscreen) keep the main
// thread free in Debian's headless Chromium with software WebGL? The same WebGL2 program — N points
// of `--size` pixels, textured like sprites, every position re-uploaded each frame as a live layout
// does — draws for `--seconds` either on the main thread or in a worker, while the main thread
// counts its animation frames and long tasks (PerformanceObserver). Usage:
//   node bench/browser/offscreen-probe.mjs [--points 10000,100000] [--size 24] [--seconds 6] [--runs 3] [--modes main,worker,hybrid,overlay2d] [--scale 1]
import { openBrowser } from '../../tests/e2e/lib/browser.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const pointCounts = arg('points', '10000,100000').split(',').map(Number);
const size = Number(arg('size', '24'));
const scale = Number(arg('scale', '1'));
const seconds = Number(arg('seconds', '6'));
const runs = Number(arg('runs', '3'));
// main: everything on the main thread; worker: the points in a worker; hybrid: the points in a worker
// and a small overlay still redrawn with WebGL on the main thread each frame (as deck.gl's marks and
// labels would be); overlay2d: the same overlay drawn with the 2-D canvas.
const modes = arg('modes', 'main,worker,hybrid,overlay2d').split(',');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The drawing code, the same text on either thread: `start(canvas, n, size, ms)` resolves to the frames drawn.
const DRAW = `
function start(canvas, n, size, ms) {
  const gl = canvas.getContext('webgl2', { antialias: false, alpha: true, premultipliedAlpha: true });
  const vs = '#version 300 es\\nin vec2 p; in vec4 c; out vec4 vc; uniform float s; void main() { gl_Position = vec4(p, 0.0, 1.0); gl_PointSize = s; vc = c; }';
  const fs = '#version 300 es\\nprecision mediump float; in vec4 vc; out vec4 o; uniform sampler2D t; void main() { vec4 x = texture(t, gl_PointCoord); o = vec4(vc.rgb * x.r, vc.a * x.r); }';
  const sh = (type, src) => { const x = gl.createShader(type); gl.shaderSource(x, src); gl.compileShader(x); return x; };
  const prog = gl.createProgram();
  gl.attachShader(prog, sh(gl.VERTEX_SHADER, vs));
  gl.attachShader(prog, sh(gl.FRAGMENT_SHADER, fs));
  gl.linkProgram(prog);
  gl.useProgram(prog);
  const tex = gl.createTexture();
  gl.bindTexture(gl.TEXTURE_2D, tex);
  const img = new Uint8Array(28 * 28 * 4).map((_, i) => (i * 37) % 251);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, 28, 28, 0, gl.RGBA, gl.UNSIGNED_BYTE, img);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
  const pos = new Float32Array(n * 2);
  const col = new Uint8Array(n * 4).map((_, i) => (i * 13) % 256);
  const pb = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, pb);
  gl.bufferData(gl.ARRAY_BUFFER, pos.byteLength, gl.DYNAMIC_DRAW);
  gl.enableVertexAttribArray(gl.getAttribLocation(prog, 'p'));
  gl.vertexAttribPointer(gl.getAttribLocation(prog, 'p'), 2, gl.FLOAT, false, 0, 0);
  const cb = gl.createBuffer();
  gl.bindBuffer(gl.ARRAY_BUFFER, cb);
  gl.bufferData(gl.ARRAY_BUFFER, col, gl.STATIC_DRAW);
  gl.enableVertexAttribArray(gl.getAttribLocation(prog, 'c'));
  gl.vertexAttribPointer(gl.getAttribLocation(prog, 'c'), 4, gl.UNSIGNED_BYTE, true, 0, 0);
  gl.uniform1f(gl.getUniformLocation(prog, 's'), size);
  gl.enable(gl.BLEND);
  gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
  let frames = 0;
  const t0 = performance.now();
  return new Promise((ok) => {
    const frame = (t) => {
      const k = t / 1000;
      for (let i = 0; i < n; i++) {
        pos[i * 2] = 0.9 * Math.sin(i * 1.7 + k * 0.3);
        pos[i * 2 + 1] = 0.9 * Math.cos(i * 0.37 + k * 0.2);
      }
      gl.bindBuffer(gl.ARRAY_BUFFER, pb);
      gl.bufferSubData(gl.ARRAY_BUFFER, 0, pos);
      gl.viewport(0, 0, canvas.width, canvas.height);
      gl.clearColor(0.08, 0.09, 0.11, 1);
      gl.clear(gl.COLOR_BUFFER_BIT);
      gl.drawArrays(gl.POINTS, 0, n);
      frames++;
      if (t - t0 < ms) requestAnimationFrame(frame); else ok(frames);
    };
    requestAnimationFrame(frame);
  });
}`;

const HTML = `<!doctype html><html><body style="margin:0;background:#111"><canvas id="c" width="1280" height="800" style="position:absolute;left:0;top:0;width:1280px;height:800px"></canvas><canvas id="o" width="1280" height="800" style="position:absolute;left:0;top:0;width:1280px;height:800px"></canvas>
<script>const SCALE = ${scale};${DRAW}
window.probe = async (mode, n, size, ms) => {
  const canvas = document.getElementById('c');
  // A drawing buffer of \`scale\` times the CSS size in each direction (the page's pixel ratio while moving).
  canvas.width = Math.round(1280 * SCALE);
  canvas.height = Math.round(800 * SCALE);
  const long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(e.duration); }).observe({ type: 'longtask' });
  const rafs = [];
  let last = performance.now();
  let on = true;
  const tick = (t) => { rafs.push(t - last); last = t; if (on) requestAnimationFrame(tick); };
  let drawn;
  if (mode === 'main') {
    requestAnimationFrame(tick);
    drawn = await start(canvas, n, size, ms);
  } else {
    // 'hybrid': the main thread also redraws a small overlay (a few marks) on its own canvas each frame.
    if (mode === 'hybrid') start(document.getElementById('o'), 20, 12, ms);
    // 'overlay2d': the overlay is drawn with the 2-D canvas instead (software, no GPU process).
    if (mode === 'overlay2d') {
      const ctx = document.getElementById('o').getContext('2d');
      const t0 = performance.now();
      const draw = (t) => {
        ctx.clearRect(0, 0, 1280, 800);
        ctx.strokeStyle = '#fff';
        for (let i = 0; i < 20; i++) {
          ctx.beginPath();
          ctx.arc(640 + 300 * Math.sin(i + t / 500), 400 + 200 * Math.cos(i * 1.3 + t / 700), 12, 0, 2 * Math.PI);
          ctx.stroke();
        }
        ctx.fillStyle = '#fff';
        ctx.font = '12px sans-serif';
        ctx.fillText('label ' + Math.round(t), 640, 400);
        if (t - t0 < ms) requestAnimationFrame(draw);
      };
      requestAnimationFrame(draw);
    }
    const off = canvas.transferControlToOffscreen();
    const src = ${JSON.stringify(DRAW)} + ';onmessage = async (e) => postMessage(await start(e.data.canvas, e.data.n, e.data.size, e.data.ms));';
    const worker = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));
    requestAnimationFrame(tick);
    drawn = await new Promise((ok) => { worker.onmessage = (e) => ok(e.data); worker.postMessage({ canvas: off, n, size, ms }, [off]); });
  }
  on = false;
  await new Promise((ok) => setTimeout(ok, 100));
  const sorted = [...rafs.slice(1)].sort((a, b) => a - b);
  return { drawnPerS: drawn / (ms / 1000), mainFps: rafs.length / (ms / 1000), p95: sorted[Math.floor(sorted.length * 0.95)], longest: Math.max(0, ...long), longSum: long.reduce((a, b) => a + b, 0) };
};
</script></body></html>`;

const rows = [];
for (const n of pointCounts) {
  const results = Object.fromEntries(modes.map((m) => [m, []]));
  for (let r = 0; r < runs; r++) {
    for (const mode of modes) {
      const browser = await openBrowser({ width: 1280, height: 800 });
      try {
        await browser.page.route('http://probe.invalid/', (route) => route.fulfill({ contentType: 'text/html', body: HTML }));
        await browser.page.goto('http://probe.invalid/');
        const result = await browser.page.evaluate(([m, k, s, ms]) => window.probe(m, k, s, ms), [mode, n, size, seconds * 1000]);
        if (browser.errors.length) throw new Error(browser.errors.join('\n'));
        results[mode].push(result);
        console.error(`${mode} ${n} run ${r + 1}: ${JSON.stringify(result)}`);
      } finally {
        await browser.close();
      }
    }
  }
  for (const mode of modes) {
    const m = (f) => median(results[mode].map(f));
    rows.push({ mode, n, drawn: m((x) => x.drawnPerS), fps: m((x) => x.mainFps), p95: m((x) => x.p95), longest: m((x) => x.longest), longSum: m((x) => x.longSum) });
  }
}
console.log(`| drawn on | points (${size} px) | frames drawn/s | main-thread frames/s | main-thread p95 frame (ms) | longest main-thread task (ms) | long tasks (ms in ${seconds} s) |`);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.mode} | ${r.n.toLocaleString('en')} | ${r.drawn.toFixed(1)} | ${r.fps.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.longest.toFixed(0)} | ${r.longSum.toFixed(0)} |`);
