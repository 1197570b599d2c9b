// The tile page (tiles.html) as the browser tests read it: its test hook's stats, and what its map
// shows, read from a screenshot (the render worker draws on a canvas of its own, which the page
// cannot read back).

/** The tile view's stats (window.__tiles.stats()). */
export const tileStats = (page) => page.evaluate(() => window.__tiles.stats());

/** Waits until `predicate` (a function's source text, given the stats) holds. */
export const waitTileStats = (page, predicate, timeout = 60_000) => page.waitForFunction(
  `(() => { const s = window.__tiles?.stats(); return s !== null && s !== undefined && (${predicate})(s); })()`, null, { timeout });

/**
 * The map's pixels against its background (the corner pixel: a fitted root tile leaves the corners
 * empty): `coloured`, how many differ from it, and `colours`, how many distinct colours (3 bits a
 * channel) cover at least 50 of them.
 */
export async function mapColours(page) {
  const png = await page.screenshot({ clip: await page.getByTestId('canvas').boundingBox() });
  return page.evaluate(async (b64) => {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
    const copy = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = copy.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, copy.width, copy.height).data;
    const bg = [data[0], data[1], data[2]];
    const seen = new Map();
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - bg[0]) + Math.abs(data[i + 1] - bg[1]) + Math.abs(data[i + 2] - bg[2]) <= 60) continue;
      coloured++;
      const key = `${data[i] >> 5},${data[i + 1] >> 5},${data[i + 2] >> 5}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    return { coloured, colours: [...seen.values()].filter((n) => n >= 50).length };
  }, png.toString('base64'));
}
