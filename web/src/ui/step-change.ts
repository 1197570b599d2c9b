// The line under the step picker after moving between steps: how far the points moved, and a button
// that colours them by it (the legend then gives the range).

import type { Controllers } from '../controllers/controllers';
import { MOVED_COLUMN, type StepChange } from '../controllers/steps';
import type { Store } from '../state/store';
import { h } from './dom';
import { watch } from './watch';

export function stepChangeLine(store: Store, c: Controllers): { element: HTMLElement; dispose: () => void } {
  const text = h('span', { testid: 'step-change-text' });
  const colour = h('button', { type: 'button', testid: 'color-by-moved', title: 'Colour each point by how far it moved from the previous step' }, 'Colour by move');
  colour.addEventListener('click', () => c.colouring.setColor(store.view.color.peek() === MOVED_COLUMN ? null : MOVED_COLUMN));
  const element = h('div', { class: 'hint step-change', testid: 'step-change', hidden: true }, text, ' ', colour);
  const dispose = watch(
    () => {
      const change = c.steps.change.value;
      element.hidden = change === null;
      text.textContent = change ? describe(change) : '';
    },
    () => {
      const on = store.view.color.value === MOVED_COLUMN;
      colour.textContent = on ? 'Colour by column' : 'Colour by move';
      colour.setAttribute('aria-pressed', String(on));
    },
  );
  return { element, dispose };
}

/** "From step 100 to step 200 the points moved 8.5 % of the layout's spread on average, at most 41 %." */
export function describe(change: StepChange): string {
  return `From ${change.from} to ${change.to} the ${change.points.toLocaleString()} points moved ${percent(change.meanPercent)} of the layout's spread on average, at most ${percent(change.maxPercent)}.`;
}

function percent(v: number): string {
  return `${v < 10 ? v.toFixed(1) : v.toFixed(0)} %`;
}
