// The frame around the map: side panels that fold away, the light and dark themes, and the keys
// that move the camera. Choices of panels and theme are remembered in localStorage.

import { h } from './dom';

const PANELS_KEY = 'projector.panels';
const THEME_KEY = 'projector.theme';

export type Theme = 'light' | 'dark';

/** Reads a remembered value; storage may be off (private windows, file:// pages). */
function remembered(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not remembered: the choice still holds until the page closes.
  }
}

/**
 * Adds a fold button to each side panel. With nothing remembered, a window narrower than
 * `narrow` pixels starts with the right panel folded so the map keeps most of the width.
 */
export function foldablePanels(workspace: HTMLElement, left: HTMLElement, right: HTMLElement, onChange: () => void, narrow = 1200): void {
  let state: { left: boolean; right: boolean };
  try {
    state = JSON.parse(remembered(PANELS_KEY) ?? 'null') ?? { left: false, right: window.innerWidth < narrow };
  } catch {
    state = { left: false, right: false };
  }
  const apply = () => {
    left.classList.toggle('collapsed', state.left);
    right.classList.toggle('collapsed', state.right);
    workspace.classList.toggle('left-collapsed', state.left);
    workspace.classList.toggle('right-collapsed', state.right);
    for (const [side, button] of [['left', leftButton], ['right', rightButton]] as const) {
      const folded = state[side];
      button.setAttribute('aria-expanded', String(!folded));
      button.title = `${folded ? 'Show' : 'Hide'} the ${side} panel`;
      button.setAttribute('aria-label', button.title);
      button.textContent = (side === 'left') !== folded ? '‹' : '›';
    }
    // The panel's controls leave the tab order while it is folded.
    for (const [panel, folded] of [[left, state.left], [right, state.right]] as const) {
      for (const child of panel.children) if (!child.classList.contains('fold')) (child as HTMLElement).inert = folded;
    }
    onChange();
  };
  const toggle = (side: 'left' | 'right') => {
    state = { ...state, [side]: !state[side] };
    remember(PANELS_KEY, JSON.stringify(state));
    apply();
  };
  const leftButton = h('button', { type: 'button', class: 'fold', testid: 'fold-left' });
  const rightButton = h('button', { type: 'button', class: 'fold', testid: 'fold-right' });
  leftButton.addEventListener('click', () => toggle('left'));
  rightButton.addEventListener('click', () => toggle('right'));
  left.prepend(leftButton);
  right.prepend(rightButton);
  apply();
}

/** The theme: the remembered choice, else the system's (prefers-color-scheme), which it then follows. */
export function themeSwitch(onChange: (theme: Theme) => void): HTMLButtonElement {
  const system = window.matchMedia?.('(prefers-color-scheme: light)');
  const chosen = () => remembered(THEME_KEY) as Theme | null;
  const current = (): Theme => chosen() ?? (system?.matches ? 'light' : 'dark');
  const button = h('button', { type: 'button', class: 'theme-switch', testid: 'theme-switch' });
  const apply = () => {
    const theme = current();
    document.documentElement.dataset.theme = theme;
    button.textContent = theme === 'light' ? 'Dark' : 'Light';
    button.title = `Switch to the ${theme === 'light' ? 'dark' : 'light'} theme`;
    button.setAttribute('aria-label', button.title);
    onChange(theme);
  };
  button.addEventListener('click', () => {
    remember(THEME_KEY, current() === 'light' ? 'dark' : 'light');
    apply();
  });
  system?.addEventListener?.('change', () => {
    if (!chosen()) apply();
  });
  apply();
  return button;
}
