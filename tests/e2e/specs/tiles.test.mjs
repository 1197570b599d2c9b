// A 200,000-point tile set (projector export --format tiles) on the page: served by `projector serve
// --tiles`, and from a plain static host; zooming in fetches finer tiles; a damaged tile is one line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cliDll, startServer } from '../lib/server.mjs';
import { startStaticServer } from '../lib/static-server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { exportClusteredTiles } from '../lib/tile-data.mjs';
import { mapColours, tileStats, waitTileStats } from '../lib/tile-page.mjs';

const root = mkdtempSync(join(tmpdir(), 'projector-e2e-tiles-'));
let set;
let server;
let browser;
let page;

before(async () => {
  set = await exportClusteredTiles(root, 200_000, 20000);
  server = await startServer(['--tiles', set]);
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(root, { recursive: true, force: true });
});

const stats = () => tileStats(page);
const waitStats = (predicate, timeout) => waitTileStats(page, predicate, timeout);

test('the served tile set shows the whole shape from the root tile, coloured by its category', async () => {
  await page.goto(server.url);
  await waitStats('(s) => s.tilesShown > 0 && s.tilesShown === s.tilesWanted && s.frames > 1');
  const s = await stats();
  const manifest = JSON.parse(readFileSync(join(set, 'tiles.json'), 'utf8'));
  assert.equal(s.level, 0);
  assert.equal(s.requested, 1);
  assert.equal(s.pointsShown, manifest.tiles[0][3]);
  assert.ok(manifest.levels >= 3, `${manifest.levels} levels`);
  assert.match(await page.getByTestId('tile-facts').textContent(), /200,000 points/);
  assert.equal(await page.getByTestId('tile-color-by').inputValue(), 'cluster');
  assert.ok(await page.getByTestId('tile-search-note').isVisible());
  // The dots are drawn: the map's centre region has coloured pixels, not just the background.
  await browser.shot('tiles-01-root');
  const { coloured } = await mapColours(page);
  // Every picture, moving or still, is the render worker's; deck.gl's canvas under it is transparent.
  const shown = await page.evaluate(() => ({
    worker: getComputedStyle(document.querySelector('[data-testid="moving-canvas"]')).visibility,
    deck: getComputedStyle(document.querySelector('[data-testid="canvas"] canvas:not(.moving-canvas)')).opacity,
  }));
  assert.deepEqual(shown, { worker: 'visible', deck: '0' });
  assert.ok(coloured > 2000, `${coloured} coloured pixels`);
  assert.deepEqual(browser.errors, []);
});

test('zooming in fetches finer tiles: more tiles requested, more points shown', async () => {
  const start = await stats();
  const box = await page.getByTestId('canvas').boundingBox();
  // Wheel zoom, as a person would, a notch at a time until the view needs level 2 tiles.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 20 && (await stats()).level < 2; i++) {
    await page.mouse.wheel(0, -150);
    await page.waitForTimeout(150);
  }
  await waitStats(`(s) => s.level >= 2 && s.tilesShown === s.tilesWanted && s.requested > ${start.requested}`);
  const zoomed = await stats();
  assert.ok(zoomed.requested > start.requested, JSON.stringify(zoomed));
  assert.ok(zoomed.tilesShown > start.tilesShown, JSON.stringify(zoomed));
  assert.ok(zoomed.pointsShown > start.pointsShown, JSON.stringify(zoomed));
  assert.match(await page.getByTestId('tile-status').textContent(), /level [2-9]/);
  await page.waitForTimeout(300);
  await browser.shot('tiles-02-zoomed');

  assert.deepEqual(browser.errors, []);
});

test('a static host opens the tile set by URL, and a damaged tile is one line naming it', async () => {
  const site = join(root, 'static');
  cpSync(join(dirname(cliDll()), 'wwwroot'), join(site, 'page'), { recursive: true });
  cpSync(set, join(site, 'set'), { recursive: true });
  cpSync(set, join(site, 'broken'), { recursive: true });
  const tile = join(site, 'broken', '0', '0', '0.arrow');
  writeFileSync(tile, readFileSync(tile).subarray(0, 5000));
  const host = await startStaticServer(site, '/maps/');
  try {
    await page.goto(`${host.url}page/tiles.html?tiles=../set/`);
    await waitStats('(s) => s.tilesShown > 0 && s.tilesShown === s.tilesWanted');
    assert.ok(host.requests.some((p) => p === '/maps/set/0/0/0.arrow'), host.requests.join('\n'));
    assert.ok(host.requests.every((p) => p.startsWith('/maps/')), host.requests.join('\n'));

    await page.goto(`${host.url}page/tiles.html?tiles=../broken/tiles.json`);
    await page.waitForFunction(() => window.__tiles?.error() !== null && window.__tiles?.error() !== undefined, null, { timeout: 60_000 });
    const message = await page.evaluate(() => window.__tiles.error());
    assert.match(message, /^\/maps\/broken\/0\/0\/0\.arrow: is not a readable Arrow IPC file/);
    assert.ok(!message.includes('\n'));
    await browser.shot('tiles-03-broken-tile');
  } finally {
    await host.stop();
  }
});
