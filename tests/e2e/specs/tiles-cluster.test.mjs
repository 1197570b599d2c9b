// The tile set a layout cluster writes (`projector cluster run`: shards placed on a silo, each cut into
// tiles there, the pieces merged by the client) opens on the page like an exported one: the whole
// shape from the root tile, coloured by the label column, and finer tiles as the view zooms in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { startCluster } from '../lib/cluster.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { mapColours, tileStats, waitTileStats } from '../lib/tile-page.mjs';

const POINTS = 60_000;
const root = mkdtempSync(join(tmpdir(), 'projector-e2e-cluster-tiles-'));
const set = join(root, 'set');
let cluster;
let server;
let browser;
let page;

before(async () => {
  const made = spawnSync('node', [resolve(import.meta.dirname, '..', '..', '..', 'scripts', 'gauss-data.mjs'), root, 'gauss', String(POINTS), '16', '3'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  cluster = await startCluster(root);
  // Six shards of 10,000 rows, a sample of 3,000 laid out with 60 epochs, tiles of at most 4,000 points.
  const summary = await cluster.run([join(root, 'gauss.npy'), '--metadata', join(root, 'gauss.tsv'), '--method', 'umap', '--sample', '3000', '--shard-rows', '10000',
    '--iterations', '60', '--tile-points', '4000', '--seed', '11', '--out', set]);
  assert.match(summary, /60,000 points in \d+ tiles/);
  server = await startServer(['--tiles', set]);
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await cluster?.stop();
  rmSync(root, { recursive: true, force: true });
});

const stats = () => tileStats(page);
const waitStats = (predicate, timeout) => waitTileStats(page, predicate, timeout);

test('a merged tile set from the cluster opens on its root tile, coloured by the label column', async () => {
  const manifest = JSON.parse(readFileSync(join(set, 'tiles.json'), 'utf8'));
  assert.ok(manifest.levels >= 3, `${manifest.levels} levels`);
  await page.goto(server.url);
  await waitStats('(s) => s.tilesShown > 0 && s.tilesShown === s.tilesWanted && s.frames > 1');
  const s = await stats();
  assert.equal(s.level, 0);
  assert.equal(s.pointsShown, manifest.tiles[0][3]);
  assert.match(await page.getByTestId('tile-facts').textContent(), /60,000 points/);
  assert.equal(await page.getByTestId('tile-color-by').inputValue(), 'label');
  await page.waitForTimeout(300);
  await browser.shot('tiles-cluster-01-root');
  // The 20 clusters of the mixture are drawn in more than one colour: count the distinct hues in the map.
  const { colours } = await mapColours(page);
  assert.ok(colours >= 5, `${colours} colours drawn`);
  assert.deepEqual(browser.errors, []);
});

test('zooming into the merged set fetches the finer tiles the silo cut', async () => {
  const start = await stats();
  const box = await page.getByTestId('canvas').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 20 && (await stats()).level < 2; i++) {
    await page.mouse.wheel(0, -150);
    await page.waitForTimeout(150);
  }
  await waitStats(`(s) => s.level >= 2 && s.tilesShown === s.tilesWanted && s.requested > ${start.requested}`);
  const zoomed = await stats();
  assert.ok(zoomed.tilesShown > start.tilesShown, JSON.stringify(zoomed));
  assert.ok(zoomed.pointsShown > start.pointsShown, JSON.stringify(zoomed));
  await page.waitForTimeout(300);
  await browser.shot('tiles-cluster-02-zoomed');
  assert.deepEqual(browser.errors, []);
});
