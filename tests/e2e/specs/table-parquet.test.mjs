// The table's Parquet download on the MNIST demo: the rows of a known filter (the 1,032 threes), sorted
// by the index from the largest, with a tag on two of them, come back from the file (read with
// hyparquet, as any Parquet reader would) in the table's order with the table's values, numbers as
// numbers and the tag column as text with nulls where untagged. An exported static site (no server)
// offers the same download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { exportSite, startServer } from '../lib/server.mjs';
import { startStaticServer } from '../lib/static-server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { waitText as waitTextOf } from '../lib/wait.mjs';

const THREES = 1032;
let server;
let browser;
let page;
const byId = (id) => page.getByTestId(id);
const waitText = (id, predicate, timeout) => waitTextOf(page, id, predicate, timeout);
const header = (column) => page.locator(`[data-testid="table-header"][data-column="${column}"]`);
const rowsShown = () => page.locator('[data-testid="table-row"]:not([hidden])');

before(async () => {
  server = await startServer([]);
  browser = await openBrowser({ width: 1280, height: 900 });
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the Parquet download holds the rows the table shows, in its order, with the tag column', async () => {
  await page.goto(`${server.url}#d=mnist&f=label,in,3`);
  await page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 90_000 });
  await byId('table-toggle').click();
  await waitText('table-source', (t) => t === 'Filtered: 1,032 of 10,000 points', 30_000);
  // The index from the largest: ascending, then descending.
  for (let i = 0; i < 2; i++) await header('').click();
  assert.equal(await header('').getAttribute('aria-sort'), 'descending');
  await page.waitForFunction(() => document.querySelector('[data-testid="table-sorting"]')?.textContent === '');
  const first = await rowsShown().evaluateAll((rows) => rows.slice(0, 6).map((r) => Number(r.dataset.index)));
  assert.deepEqual(first, [...first].sort((a, b) => b - a));
  // Ctrl-clicks in the table select without changing what it lists; tag those two rows.
  const tagged = [first[1], first[3]];
  await rowsShown().nth(1).click({ modifiers: ['Control'] });
  await rowsShown().nth(3).click({ modifiers: ['Control'] });
  await page.waitForFunction((want) => JSON.stringify(window.__projector.selected().sort((a, b) => a - b)) === want, JSON.stringify([...tagged].sort((a, b) => a - b)));
  await byId('tag-column').fill('checked');
  await byId('tag-value').fill('yes, "twice"');
  await byId('tag-apply').click();
  await waitText('tag-status', (t) => t.startsWith('Tagged 2 points'));
  await header('checked').waitFor();
  await waitText('table-source', (t) => t.startsWith('Filtered: 1,032'));

  // What the table shows: index, label and tag of the first rows (the first cell is the sprite), once
  // the rows are drawn again with the new column (they are rebuilt when a column arrives).
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="table-row"]:not([hidden])')].slice(0, 12)
    .filter((r) => r.children.length === 4).length === 12, null, { timeout: 30_000 });
  const shown = await rowsShown().evaluateAll((rows) => rows.slice(0, 12).map((r) => [...r.children].slice(1).map((c) => c.textContent)));
  assert.equal(shown[1][2], 'yes, "twice"');
  const file = await downloadParquet();
  const meta = parquetMetadata(file);
  assert.equal(Number(meta.num_rows), THREES);
  assert.deepEqual(meta.schema.slice(1).map((s) => `${s.name}:${s.type}`), ['index:INT32', 'label:INT32', 'checked:BYTE_ARRAY']);
  const rows = await parquetReadObjects({ file });
  assert.equal(rows.length, THREES);
  assert.deepEqual(rows.slice(0, shown.length).map((r) => [String(r.index), String(r.label), r.checked ?? '']), shown);
  assert.ok(rows.every((r) => r.label === 3), 'every row is a three');
  assert.deepEqual(rows.filter((r) => r.checked !== null).map((r) => r.index), tagged);
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i].index < rows[i - 1].index, `row ${i} is in the table's order`);
  await browser.shot('66-table-parquet');
  assert.deepEqual(browser.errors, []);
});

test('a static site writes the same Parquet in the page, with no server', async () => {
  const root = mkdtempSync(join(tmpdir(), 'projector-parquet-site-'));
  await exportSite('demo:mnist', join(root, 'mnist'), ['--layouts', 'pca', '--neighbors', '0']);
  const site = await startStaticServer(join(root, 'mnist'), '/site/');
  try {
    await page.goto(site.url);
    await page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 120_000 });
    // Another origin: the table's unfolded state is not remembered there.
    if ((await byId('table-toggle').getAttribute('aria-expanded')) !== 'true') await byId('table-toggle').click();
    await waitText('table-source', (t) => t === 'All 10,000 points', 30_000);
    // The label from the largest: ascending, then descending (ties keep the dataset's order).
    for (let i = 0; i < 2; i++) await header('label').click();
    assert.equal(await header('label').getAttribute('aria-sort'), 'descending');
    await page.waitForFunction(() => document.querySelector('[data-testid="table-sorting"]')?.textContent === ''
      && document.querySelector('[data-testid="table-row"]:not([hidden])')?.children[2]?.textContent === '9', null, { timeout: 30_000 });
    const shown = await rowsShown().evaluateAll((rows) => rows.slice(0, 12).map((r) => [...r.children].slice(1).map((c) => c.textContent)));
    const file = await downloadParquet();
    const rows = await parquetReadObjects({ file });
    assert.equal(rows.length, 10_000);
    assert.deepEqual(rows.slice(0, shown.length).map((r) => [String(r.index), String(r.label)]), shown);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1], rows[i]];
      assert.ok(a.label > b.label || (a.label === b.label && a.index < b.index), `row ${i} is in the table's order`);
    }
    await browser.shot('68-table-parquet-static');
    assert.deepEqual(browser.errors, []);
  } finally {
    await site.stop();
  }
});

/** Clicks `.parquet` and answers the file's bytes as an ArrayBuffer. */
async function downloadParquet() {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), byId('table-download-parquet').click()]);
  assert.equal(download.suggestedFilename(), 'mnist-table.parquet');
  const bytes = readFileSync(await download.path());
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}
