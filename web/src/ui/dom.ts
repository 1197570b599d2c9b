// A tiny DOM builder: the page has a few dozen controls and no per-point elements, so no framework.

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | number | boolean | EventListener | undefined | null>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value as EventListener);
    else if (key === 'class') el.className = String(value);
    else if (key === 'testid') el.dataset.testid = String(value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** Replaces the options of a select, keeping `value` selected when it is still offered. */
export function setOptions(select: HTMLSelectElement, options: { value: string; label: string }[], value: string): void {
  const same = select.options.length === options.length && options.every((o, i) => select.options[i].value === o.value && select.options[i].text === o.label);
  if (!same) select.replaceChildren(...options.map((o) => h('option', { value: o.value }, o.label)));
  select.value = options.some((o) => o.value === value) ? value : (options[0]?.value ?? '');
}

/**
 * Sets an element's text only when it differs: panels re-render on every frame of a running projection,
 * and rewriting the same text replaces the text node, which makes the browser lay the page out again.
 */
export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Replaces an element's children unless the new ones are equal to them (see setText). */
export function setChildren(el: HTMLElement, children: (Node | string)[]): void {
  const nodes = children.map((c) => (typeof c === 'string' ? document.createTextNode(c) : c));
  const same = el.childNodes.length === nodes.length && nodes.every((c, i) => c.isEqualNode(el.childNodes[i]));
  if (!same) el.replaceChildren(...nodes);
}

/** Sets a boolean or string property only when it differs (an attribute write re-styles even when equal). */
export function setProp<E extends HTMLElement, K extends keyof E>(el: E, key: K, value: E[K]): void {
  if (el[key] !== value) el[key] = value;
}

/** Sets an input's value unless the user is typing in it. */
export function setValue(input: HTMLInputElement | HTMLSelectElement, value: string): void {
  if (document.activeElement !== input && input.value !== value) input.value = value;
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', { class: 'panel-section' }, h('h2', {}, title), ...children);
}

export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), control, hint ? h('span', { class: 'hint' }, hint) : null);
}

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): (...args: A) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (...args: A) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
