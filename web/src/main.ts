// Entry point: builds the page around the point cloud and opens the dataset the URL names.

import './styles.css';
import { HttpSource } from './api/http-source';
import type { DataSource } from './api/source';
import { StaticSource } from './api/static-source';
import { App } from './ui/app';
import { BookmarksPanel } from './ui/bookmarks-panel';
import { DataPanel } from './ui/data-panel';
import { h } from './ui/dom';
import { InspectorPanel } from './ui/inspector-panel';
import { ProjectionPanel } from './ui/projection-panel';
import { ErrorBanner, Progress } from './ui/status';

declare global {
  interface Window {
    __projector?: ReturnType<App['testHook']>;
  }
}

const root = document.getElementById('app')!;
const progress = new Progress();
const errors = new ErrorBanner();
const canvas = h('div', { class: 'canvas', testid: 'canvas' });
const hover = h('div', { class: 'hover-card', hidden: true });
const fit = h('button', { type: 'button', class: 'overlay-button', title: 'Fit the points to the view', testid: 'fit-view' }, 'Fit');

// `site.json` beside the page says where the data is: an exported site's files, or the server's API.
const here = new URL('./', document.baseURI);
const site = await StaticSource.siteInfo(here);
const source: DataSource = site?.datasets ? new StaticSource(here, site) : new HttpSource(new URL(site?.api ?? 'api/', here));
document.body.classList.toggle('static-site', source.mode === 'static');
const app = new App(source, canvas, progress, errors);
fit.addEventListener('click', () => app.scene.fit());

const left = h('aside', { class: 'sidebar left' });
const right = h('aside', { class: 'sidebar right' });
const data = new DataPanel(app);
const projection = new ProjectionPanel(app);
const inspector = new InspectorPanel(app);
const bookmarks = new BookmarksPanel(app);
left.append(data.element, projection.element);
right.append(inspector.element, bookmarks.element);

app.panels.push(data, projection, inspector, bookmarks);
const hoverCard = {
  update(a: App) {
    const row = a.hovered;
    if (row === null || !a.layout) {
      hover.hidden = true;
      return;
    }
    const datasetRow = a.datasetRow(row);
    const color = a.column(a.state.color);
    hover.hidden = false;
    hover.replaceChildren(h('strong', {}, a.labelOf(datasetRow)), h('span', { class: 'result-meta' }, ` #${datasetRow}`),
      color && color.name !== a.state.label ? h('div', { class: 'result-meta' }, `${color.name}: ${String(color.values[datasetRow] ?? '')}`) : '');
  },
};
app.panels.push(hoverCard);
app.hoverPanels.push(hoverCard);

root.append(
  h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, h('span', { class: 'logo' }), 'projector'),
    progress.element),
  h('main', { class: 'workspace' },
    left,
    h('div', { class: 'stage' }, errors.element, canvas, hover, fit,
      h('div', { class: 'help' }, 'Scroll to zoom · drag to pan (2-D) or rotate (3-D) · shift-drag to lasso')),
    right),
);

window.addEventListener('keydown', (e) => {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
  if (e.key === 'Escape' && !typing) app.clearSelection();
});

window.__projector = app.testHook();
void app.start();
