// The legend hides exactly one class: on the MNIST demo, a click on "3" in the legend leaves every
// other digit, and the table (and its download) then lists exactly the rows that are not threes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { waitText as waitTextOf } from '../lib/wait.mjs';

let server;
let browser;
let page;
const byId = (id) => page.getByTestId(id);
const waitText = (id, predicate, timeout) => waitTextOf(page, id, predicate, timeout);

before(async () => {
  server = await startServer([]);
  browser = await openBrowser({ width: 1280, height: 900 });
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a legend click hides exactly that class: the rows listed are every row of the other classes', async () => {
  await page.goto(`${server.url}#d=mnist`);
  await page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 90_000 });
  await byId('table-toggle').click();
  await waitText('table-source', (t) => t === 'All 10,000 points');
  // Every row's label, from the whole table before any filter.
  const all = (await downloadTsv()).map(([index, label]) => [Number(index), label]);
  assert.equal(all.length, 10_000);
  const expected = all.filter(([, label]) => label !== '3').map(([index]) => index);

  await page.locator('[data-testid="legend"] [data-value="3"]').click();
  const count = expected.length.toLocaleString('en-US');
  await page.waitForFunction((want) => document.querySelector('[data-testid="table-source"]')?.textContent.trim() === want, `Filtered: ${count} of 10,000 points`);
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).getAll('f').join() === 'label,out,3', null, { timeout: 10_000 });
  const listed = await downloadTsv();
  assert.deepEqual(listed.map(([index]) => Number(index)), expected);
  assert.ok(listed.every(([, label]) => label !== '3'));
  assert.match(await page.locator('[data-testid="legend"] [data-value="3"]').getAttribute('class'), /\boff\b/);
  await browser.shot('67-legend-hides-a-class');
  assert.deepEqual(browser.errors, []);
});

/** The table's TSV download as [index, label] rows (the header dropped). */
async function downloadTsv() {
  const [file] = await Promise.all([page.waitForEvent('download'), byId('table-download-tsv').click()]);
  return readFileSync(await file.path(), 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split('\t'));
}
