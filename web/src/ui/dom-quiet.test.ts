// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { h, setChildren, setProp, setText } from './dom';

/** Mutation records the browser would see for `change` on `el` (each one re-styles the page). */
async function mutations(el: HTMLElement, change: () => void): Promise<number> {
  let count = 0;
  const observer = new MutationObserver((list) => (count += list.length));
  observer.observe(el, { subtree: true, childList: true, attributes: true, characterData: true });
  change();
  await new Promise((ok) => setTimeout(ok, 0));
  observer.disconnect();
  return count;
}

describe('quiet DOM writes (panels re-render on every frame of a running projection)', () => {
  it('setText writes a new text and leaves the same text alone', async () => {
    const el = h('span', {}, '12');
    expect(await mutations(el, () => setText(el, '12'))).toBe(0);
    expect(await mutations(el, () => setText(el, '13'))).toBeGreaterThan(0);
    expect(el.textContent).toBe('13');
  });

  it('setChildren keeps equal children (and their listeners) and replaces different ones', async () => {
    const el = h('div', {});
    let clicks = 0;
    const first = h('button', { type: 'button', onclick: () => clicks++ }, 'Colour');
    setChildren(el, [first, 'k = 10']);
    expect(await mutations(el, () => setChildren(el, [h('button', { type: 'button' }, 'Colour'), 'k = 10']))).toBe(0);
    (el.firstChild as HTMLButtonElement).click();
    expect(clicks).toBe(1);
    expect(await mutations(el, () => setChildren(el, [h('button', { type: 'button' }, 'Colour'), 'k = 20']))).toBeGreaterThan(0);
    expect(el.textContent).toBe('Colourk = 20');
  });

  it('setProp sets a property only when it differs', async () => {
    const input = h('input', { type: 'file', accept: '.f32' });
    expect(await mutations(input, () => setProp(input, 'accept', '.f32'))).toBe(0);
    expect(await mutations(input, () => setProp(input, 'disabled', true))).toBeGreaterThan(0);
    expect(input.disabled).toBe(true);
  });
});
