// A view from a link or a bookmark checked against the dataset it opens and the server's limits:
// whatever cannot be shown is replaced by a sensible value and named in one message, so a link never
// silently shows something else (or nothing).

import { LIMITS, capped, check, checkLearningRate } from '../api/limits';
import { methodName } from './method-name';
import { defaultViewState, type ViewState } from './view-state';

export interface ViewFacts {
  /** Rows of the dataset. */
  points: number;
  /** Names of its metadata columns. */
  columns: readonly string[];
  /** PCA components the page can show (at most 10, and no more than the dimensions). */
  components: number;
}

export interface CheckedView {
  state: ViewState;
  /** One sentence per replaced value; empty when the view is shown as asked. */
  problems: string[];
}

export function checkView(input: ViewState, facts: ViewFacts): CheckedView {
  const d = defaultViewState();
  const state: ViewState = structuredClone(input);
  const problems: string[] = [];
  const fix = <T>(what: string, value: T, fallback: T, problem: string | null): T => {
    if (problem === null) return value;
    problems.push(`${problem.replace(/\.$/, '')}; ${what} ${String(fallback)} is used instead.`);
    return fallback;
  };

  const t = state.tsne;
  t.perplexity = fix('perplexity', t.perplexity, d.tsne.perplexity, check('The t-SNE perplexity', t.perplexity, LIMITS.perplexity));
  t.iterations = fix('iterations', t.iterations, d.tsne.iterations, check('The t-SNE iterations', t.iterations, LIMITS.iterations));
  t.learningRate = fix('learning rate', t.learningRate, d.tsne.learningRate, checkLearningRate(t.learningRate));
  t.superviseFactor = fix('weight', t.superviseFactor, d.tsne.superviseFactor, check('The supervision weight', t.superviseFactor, LIMITS.superviseFactor));
  const u = state.umap;
  const neighbors = capped(LIMITS.neighbors, facts.points - 1);
  const fallbackNeighbors = Math.max(neighbors.min, Math.min(d.umap.neighbors, neighbors.max));
  u.neighbors = fix('neighbours', u.neighbors, fallbackNeighbors, check('UMAP\'s neighbours', u.neighbors, neighbors));
  u.minDist = fix('min distance', u.minDist, d.umap.minDist, check('UMAP\'s min distance', u.minDist, LIMITS.minDist));
  for (const block of [t, u]) {
    if (block.supervise !== null && !facts.columns.includes(block.supervise)) {
      problems.push(`There is no column "${block.supervise}" to supervise ${methodName(block === t ? 'tsne' : 'umap')} by; it runs unsupervised.`);
      block.supervise = null;
    }
  }

  if (state.pca.some((c) => c >= facts.components)) {
    problems.push(`This dataset has ${facts.components} PCA component${facts.components === 1 ? '' : 's'}; components ${state.pca.map((c) => c + 1).join(', ')} were asked for, 1, 2 and 3 are shown.`);
    state.pca = d.pca;
  }

  const outside = (rows: number[]) => rows.filter((r) => r >= facts.points);
  const range = `it has ${facts.points.toLocaleString('en-US')} points, 0 to ${(facts.points - 1).toLocaleString('en-US')}`;
  const badSelection = outside(state.selection);
  if (badSelection.length > 0) {
    problems.push(`${listed(badSelection)} ${badSelection.length === 1 ? 'is' : 'are'} not in this dataset (${range}) and ${badSelection.length === 1 ? 'is' : 'are'} not selected.`);
    state.selection = state.selection.filter((r) => r < facts.points);
  }
  if (state.isolated) {
    const bad = outside(state.isolated);
    const kept = state.isolated.filter((r) => r < facts.points);
    if (bad.length > 0) {
      problems.push(`${listed(bad)} ${bad.length === 1 ? 'is' : 'are'} not in this dataset (${range}) and cannot be isolated.`);
    }
    if (kept.length < 2) {
      if (bad.length === 0) problems.push('Isolating needs at least two points; all points are shown.');
      state.isolated = null;
    } else {
      state.isolated = kept;
    }
  }
  return { state, problems };
}

function listed(rows: number[]): string {
  const shown = rows.slice(0, 3).map((r) => r.toLocaleString('en-US')).join(', ');
  return `Point${rows.length === 1 ? '' : 's'} ${shown}${rows.length > 3 ? ` and ${rows.length - 3} more` : ''}`;
}
