// Debian's Chromium (apt package `chromium`) driven by playwright-core; never a downloaded browser.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const executablePath = process.env.PROJECTOR_CHROMIUM ?? '/usr/bin/chromium';
export const screenshots = resolve(import.meta.dirname, '..', '..', '..', 'artifacts', 'screenshots');

/** A fresh headless Chromium profile and one page of the given size. */
export async function openBrowser({ width = 1280, height = 800 } = {}) {
  if (!existsSync(executablePath)) {
    throw new Error(`${executablePath} is missing: install Debian's chromium (apt-get install chromium)`);
  }
  const profile = mkdtempSync(join(tmpdir(), 'projector-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width, height },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--enable-unsafe-swiftshader', ...(process.env.PROJECTOR_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean),
    ],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  mkdirSync(screenshots, { recursive: true });
  return {
    page,
    errors,
    shot: (name) => page.screenshot({ path: join(screenshots, `${name}.png`) }),
    close: () => context.close(),
  };
}
