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
import { ClusterLabelsOverlay } from './render/cluster-labels';
import { DensityShading } from './render/density-layer';
import { MapLayersPanel } from './ui/map-layers-panel';
import { QualityView } from './ui/quality-view';
import { Store } from './state/store';
import { BookmarksPanel } from './ui/bookmarks-panel';
import { DataPanel } from './ui/data-panel';
import { FiltersPanel } from './ui/filters-panel';
import { h } from './ui/dom';
import { HoverCard } from './ui/hover-card';
import { InspectorPanel } from './ui/inspector-panel';
import { ProjectionPanel } from './ui/projection-panel';
import { TablePanel } from './ui/table-panel';
import { TagPanel } from './ui/tag-panel';
import { ErrorBanner, Progress, jobProgress } from './ui/status';
import { foldablePanels, themeSwitch } from './ui/layout-controls';
import { arrowMove, fitRows, zoomBy, type Arrow } from './data/camera-moves';
import { fitZoom } from './render/camera';
import { testHook, type TestHook } from './ui/test-hook';

declare global {
  interface Window {
    __projector?: TestHook;
    /** The map layers' side of the browser tests' hook: placed label boxes (canvas pixels) and density pictures. */
    __projectorLayers?: { labels(): { key: string; text: string; box: { x0: number; y0: number; x1: number; y1: number } }[]; density(): { points: number; milliseconds: number; count: number } };
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
const clusterLabels = new ClusterLabelsOverlay((cluster, add) => c.clusters.selectCluster(cluster, add));
canvas.append(clusterLabels.element);
const binding = bindScene(scene, store, clusterLabels);
const density = new DensityShading(store, (layers, image) => scene.setUnderlays(layers, image));
effect(() => scene.setPointStyle(store.layers.pointScale.value, store.layers.pointOpacity.value));
c.table.onCamera = () => binding.labelsSoon();
new Lasso(canvas, (polygon) => c.selection.lasso(polygon));
fit.addEventListener('click', () => scene.fit());
effect(() => {
  progress.projection = jobProgress(store.job.value);
});

const left = h('aside', { class: 'sidebar left', 'aria-label': 'Data and projection' });
const right = h('aside', { class: 'sidebar right', 'aria-label': 'Selection, search and bookmarks' });
const projectionPanel = new ProjectionPanel(store, c.projection, source);
projectionPanel.element.append(new QualityView(store, c.colouring, source.quality !== undefined).element);
const filters = new FiltersPanel(store, c.filters);
left.append(new DataPanel(store, c, source).element, filters.element, projectionPanel.element, new MapLayersPanel(store).element);
right.append(new InspectorPanel(store, c, source).element, new TagPanel(store, c.tags, source).element, new BookmarksPanel(store, c.bookmarks, source).element);

const workspace = h('main', { class: 'workspace' },
  left,
  h('div', { class: 'stage' },
    h('div', { class: 'map' }, errors.element, canvas, hover.element, fit, filters.badge),
    new TablePanel(store, c, () => binding.labelsSoon()).element,
    // Below the map, not over it: the help never hides points.
    h('div', { class: 'help', testid: 'help' }, 'Scroll or +/− to zoom · drag or arrows to pan (2-D) or turn (3-D) · shift-drag to lasso · F fits the selection, R resets · / searches')),
  right);
root.append(
  h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'logo' }), 'projector'),
    progress.element,
    h('div', { class: 'topbar-end' }, themeSwitch(() => binding.labelsSoon()))),
  workspace,
);
foldablePanels(workspace, left, right, () => binding.labelsSoon());
// The canvas is focusable so the camera keys have somewhere to go after a click on the map.
canvas.tabIndex = 0;
canvas.setAttribute('aria-label', 'The map: arrows pan or turn, + and − zoom, F fits, R resets');

const moveCamera = (camera: ReturnType<Scene['camera']>) => {
  scene.setView(store.view.dims.peek(), camera);
  store.view.camera.value = scene.camera();
  binding.labelsSoon();
};
const arrows: Record<string, Arrow> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
window.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement | null;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement || target?.isContentEditable === true;
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  // Arrows on a focused control (a tab, a list) belong to it; on the map or the page they move the camera.
  const onControl = target instanceof HTMLButtonElement || target?.getAttribute('role') === 'tab';
  const dims = store.view.dims.peek();
  if (e.key === 'Escape') c.selection.clear();
  else if (e.key in arrows && !onControl) moveCamera(arrowMove(scene.camera(), arrows[e.key], dims, scene.size()));
  else if (e.key === '+' || e.key === '=') moveCamera(zoomBy(scene.camera(), 1));
  else if (e.key === '-' || e.key === '_') moveCamera(zoomBy(scene.camera(), -1));
  else if (e.key === 'r' || e.key === 'R') scene.fit();
  else if (e.key === 'f' || e.key === 'F') {
    // The selection when there is one (in layout rows), else every point.
    const layout = store.layout.peek();
    const rows = store.view.selection.peek().map((r) => store.layoutRowOf(r)).filter((r) => r >= 0);
    const { width, height } = scene.size();
    const camera = layout && rows.length > 0 ? fitRows(scene.camera(), layout.positions, rows, { width, height }, fitZoom(width, height)) : null;
    if (camera) moveCamera(camera);
    else scene.fit();
  } else if (e.key === '/') {
    const search = document.querySelector<HTMLInputElement>('[data-testid="search-input"]');
    if (!search) return;
    // The search lives in the right panel: a folded one opens for it.
    if (right.classList.contains('collapsed')) right.querySelector<HTMLButtonElement>('.fold')?.click();
    search.focus();
    search.select();
  } else return;
  e.preventDefault();
});
window.addEventListener('resize', () => binding.labelsSoon());
window.addEventListener('pagehide', () => c.projection.cancel());

window.__projector = testHook(store, scene, progress, c.steps);
window.__projectorLayers = { labels: () => binding.placer.placed.map((p) => ({ key: p.request.key, text: p.text, box: p.box })), density: () => ({ ...density.stats }) };
const url = new UrlController(store, (state) => c.catalog.restore(state));
// Read before the URL follows the view: whether the link names a method (m=...).
const methodGiven = new URLSearchParams(location.hash.replace(/^#/, '')).has('m');
void c.catalog.start(url.start(), methodGiven);
void c.placement.loadModel();
