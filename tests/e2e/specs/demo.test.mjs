// The README's promise, step by step: the MNIST demo as sprites, t-SNE live on all 10,000 points,
// colour by label, search, a digit's neighbours, bookmarks and the 3-D view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { openBrowser } from '../lib/browser.mjs';
import { waitText as waitTextOf } from '../lib/wait.mjs';

let server;
let browser;
let page;
const byId = (id) => page.getByTestId(id);

before(async () => {
  server = await startServer([]);
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  const code = await server?.stop();
  assert.equal(code, 0, `projector serve should stop cleanly on Ctrl-C:\n${server?.output()}`);
});

const waitText = (id, predicate, timeout) => waitTextOf(page, id, predicate, timeout);

const number = async (id) => Number((await byId(id).textContent()).trim().replace(/[^\d.-]/g, ''));

test('the demo opens with all 10,000 digits drawn as sprites', async () => {
  await page.goto(server.url);
  await page.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 90_000 });
  await waitText('point-count', (t) => t.replace(/\D/g, '') === '10000');
  assert.equal(await number('point-count'), 10000);
  await browser.shot('01-demo');
  assert.deepEqual(browser.errors, []);
});

test('colouring by label shows a legend with the ten digits', async () => {
  await byId('color-by').selectOption('label');
  const legend = byId('legend');
  await legend.waitFor();
  const text = await legend.textContent();
  for (let d = 0; d <= 9; d++) assert.ok(text.includes(String(d)), `legend lacks ${d}: ${text}`);
  await browser.shot('02-colour-by-label');
});

test('searching ^7$ over the label finds the 1,070 sevens', async () => {
  await byId('search-column').selectOption('label');
  await byId('search-input').fill('^7$');
  await waitText('search-count', (t) => t.replace(/\D/g, '') === '1070');
  await browser.shot('03-search-sevens');
  await byId('search-input').fill('');
});

test('a bad regex gets the server\'s readable message, not a broken page', async () => {
  await byId('search-input').fill('(');
  const message = page.getByText(/not a valid regular expression/i);
  await message.first().waitFor({ state: 'visible', timeout: 20_000 });
  await browser.shot('04-bad-regex');
  await byId('search-input').fill('');
  await message.first().waitFor({ state: 'hidden', timeout: 20_000 });
  // The refused requests are logged by the browser; they are the point of this test.
  browser.errors.length = 0;
});

test('clicking a digit lists its nearest neighbours', async () => {
  const index = 123;
  const [x, y] = await page.evaluate((i) => window.__projector.screenOf(i), index);
  // As a user does: move onto the digit (deck.gl picks on hover), then click it.
  await page.mouse.move(x, y, { steps: 5 });
  await page.waitForTimeout(300);
  await page.mouse.click(x, y);
  await page.waitForFunction(() => window.__projector.selected().length > 0, null, { timeout: 20_000 });
  const picked = await page.evaluate(() => window.__projector.selected()[0]);
  const items = byId('neighbors-list').getByTestId('neighbor-item');
  await items.first().waitFor({ timeout: 30_000 });
  const k = Number(await byId('neighbors-k').inputValue());
  assert.equal(await items.count(), k);
  const metric = await byId('neighbors-metric').inputValue();
  const api = await (await fetch(`${server.url}api/datasets/mnist/neighbors?point=${picked}&k=${k}&metric=${metric}`)).json();
  const shown = await items.evaluateAll((els) => els.map((e) => Number(e.dataset.index)));
  assert.deepEqual(shown, api.neighbors.map((n) => n.index), 'the page lists the server\'s neighbours, nearest first');
  const highlighted = await page.evaluate(() => window.__projector.selected());
  assert.deepEqual(highlighted, [picked]);
  await browser.shot('05-neighbours');
});

test('t-SNE runs live: the iteration count rises and the points move', async () => {
  if (await byId('clear-selection').isEnabled()) await byId('clear-selection').click();
  await byId('method-tsne').click();
  const before = await page.evaluate(() => Array.from(window.__projector.positions().slice(0, 200)));
  await byId('tsne-run').click();
  await waitText('projection-iteration', (t) => Number(t.replace(/\D/g, '')) >= 5, 120_000);
  const first = await number('projection-iteration');
  // Wait for the count to move rather than for a fixed time: the whole run can end within a few seconds.
  await page.waitForFunction(
    (from) => Number(document.querySelector('[data-testid="projection-iteration"]')?.textContent.replace(/\D/g, '')) > from,
    first,
    { timeout: 30_000 },
  );
  const second = await number('projection-iteration');
  assert.ok(second > first, `iteration did not rise: ${first} then ${second}`);
  const now = await page.evaluate(() => Array.from(window.__projector.positions().slice(0, 200)));
  assert.notDeepEqual(now, before, 'positions did not change');
  await browser.shot('06-tsne-running');
  // Stopping is the page tests' subject; here the run may already be over.
  if (await byId('tsne-stop').isEnabled()) await byId('tsne-stop').click();
});

test('a bookmark saves the view and restores it', async () => {
  await byId('color-by').selectOption('label');
  await byId('bookmark-name').fill('digits by label');
  await byId('bookmark-save').click();
  const item = byId('bookmark-list').getByTestId('bookmark-item').filter({ hasText: 'digits by label' });
  await item.waitFor({ timeout: 20_000 });
  const colour = byId('color-by');
  const options = await colour.locator('option').evaluateAll((os) => os.map((o) => o.value));
  const other = options.find((v) => v !== 'label');
  await colour.selectOption(other);
  await item.click();
  await page.waitForFunction(() => document.querySelector('[data-testid="color-by"]').value === 'label', null, { timeout: 20_000 });
  await browser.shot('07-bookmark-restored');
});

test('the URL carries the view: a fresh tab opens the same colouring', async () => {
  // The URL follows the view after a short debounce: the restored colour must be in it first.
  await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get('c') === 'label', null, { timeout: 10_000 });
  const url = page.url();
  const second = await page.context().newPage();
  await second.goto(url);
  await second.waitForFunction(() => window.__projector?.ready === true, null, { timeout: 90_000 });
  await second.waitForFunction(() => document.querySelector('[data-testid="color-by"]').value === 'label', null, { timeout: 30_000 });
  await second.close();
});

test('switching to 3-D shows an orbit view of the same points', async () => {
  await byId('dims-toggle').click();
  await page.waitForFunction(() => window.__projector.view() === '3d', null, { timeout: 60_000 });
  await waitText('point-count', (t) => t.replace(/\D/g, '') === '10000');
  await page.waitForTimeout(1000);
  await browser.shot('08-3d');
  assert.deepEqual(browser.errors, []);
});
