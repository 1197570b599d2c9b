// Entry point: one store, the controllers that change it, and the panels and scene that show it.

import './styles.css';
import { effect } from '@preact/signals-core';
import { HttpSource } from './api/http-source';
import type { DataSource } from './api/source';
import { StaticSource } from './api/static-source';
import { createControllers } from './controllers/controllers';
import { UrlController } from './controllers/url';
import { Lasso } from './render/lasso';
import { Scene } from './render/scene';
import { bindScene } from './render/scene-binding';
import { Store } from './state/store';
import { BookmarksPanel } from './ui/bookmarks-panel';
import { DataPanel } from './ui/data-panel';
import { h } from './ui/dom';
import { HoverCard } from './ui/hover-card';
import { InspectorPanel } from './ui/inspector-panel';
import { ProjectionPanel } from './ui/projection-panel';
import { ErrorBanner, Progress, jobProgress } from './ui/status';
import { testHook, type TestHook } from './ui/test-hook';

declare global {
  interface Window {
    __projector?: TestHook;
  }
}

const root = document.getElementById('app')!;
const store = new Store();
const progress = new Progress();
const errors = new ErrorBanner(store);
const canvas = h('div', { class: 'canvas', testid: 'canvas' });
const hover = new HoverCard(store);
const fit = h('button', { type: 'button', class: 'overlay-button', title: 'Fit the points to the view', testid: 'fit-view' }, 'Fit');

// `site.json` beside the page says where the data is: an exported site's files, or the server's API.
const here = new URL('./', document.baseURI);
const site = await StaticSource.siteInfo(here);
const source: DataSource = site?.datasets ? new StaticSource(here, site) : new HttpSource(new URL(site?.api ?? 'api/', here));
document.body.classList.toggle('static-site', source.mode === 'static');

// The scene's callbacks go to controllers made just below; they fire only on user input, after that.
const scene: Scene = new Scene(canvas, {
  hover: (row) => (store.hovered.value = row),
  click: (row, keys) => c.selection.click(row, keys),
  camera: (camera) => {
    store.view.camera.value = camera;
    binding.labelsSoon();
  },
});
const c = createControllers({ store, source, busy: progress, scene });
const binding = bindScene(scene, store);
new Lasso(canvas, (polygon) => c.selection.lasso(polygon));
fit.addEventListener('click', () => scene.fit());
effect(() => {
  progress.projection = jobProgress(store.job.value);
});

const left = h('aside', { class: 'sidebar left' });
const right = h('aside', { class: 'sidebar right' });
left.append(new DataPanel(store, c, source).element, new ProjectionPanel(store, c.projection, source).element);
right.append(new InspectorPanel(store, c, source).element, new BookmarksPanel(store, c.bookmarks, source).element);

root.append(
  h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'logo' }), 'projector'),
    progress.element),
  h('main', { class: 'workspace' },
    left,
    h('div', { class: 'stage' }, errors.element, canvas, hover.element, fit,
      h('div', { class: 'help' }, 'Scroll to zoom · drag to pan (2-D) or rotate (3-D) · shift-drag to lasso')),
    right),
);

window.addEventListener('keydown', (e) => {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
  if (e.key === 'Escape' && !typing) c.selection.clear();
});
window.addEventListener('resize', () => binding.labelsSoon());
window.addEventListener('pagehide', () => c.projection.cancel());

window.__projector = testHook(store, scene, progress);
const url = new UrlController(store, (state) => c.catalog.restore(state));
void c.catalog.start(url.start());
