// A small element builder: enough to keep the views readable without a
// framework.

type Child = Node | string | number | null | undefined | false;
type Children = Child | Children[];
type Attrs = Record<string, unknown>;

/** h builds an element: attrs are attributes, except on* (listeners),
 * text, and the boolean properties checked, disabled, hidden, selected. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Children[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') {
      el.addEventListener(k.slice(2), v as EventListener);
    } else if (k === 'text') {
      el.textContent = String(v);
    } else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden') {
      (el as unknown as Record<string, unknown>)[k] = Boolean(v);
    } else if (k === 'value') {
      (el as unknown as { value: string }).value = String(v);
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el: Node, children: Children[]): void {
  for (const c of children) {
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else if (c !== null && c !== undefined && c !== false) el.appendChild(document.createTextNode(String(c)));
  }
}

/** replace empties el and appends the children. */
export function replace(el: Element, ...children: Children[]): void {
  el.replaceChildren();
  append(el, children);
}

/** byId returns the element with the id or throws: the page's shell is ours. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing element #${id}`);
  return el as T;
}

let uid = 0;
/** newId returns a page-unique id for label/aria wiring. */
export function newId(prefix: string): string {
  uid += 1;
  return `${prefix}-${uid}`;
}

/** field wraps a control with its label (and an optional hint). */
export function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  if (!control.id) control.id = newId('f');
  const parts: Child[] = [h('label', { for: control.id, text: label })];
  if (hint) {
    const hid = newId('hint');
    control.setAttribute('aria-describedby', hid);
    parts.push(h('span', { class: 'hint', id: hid, text: hint }));
  }
  parts.push(control);
  return h('div', { class: 'field' }, parts);
}

/** checkbox returns a labelled checkbox. */
export function checkbox(label: string, checked: boolean, attrs?: Attrs): { wrap: HTMLElement; input: HTMLInputElement } {
  const input = h('input', { type: 'checkbox', id: newId('c'), checked, ...attrs });
  const wrap = h('div', { class: 'check' }, input, h('label', { for: input.id, text: label }));
  return { wrap, input };
}

/** select returns a <select> with the options [value, label]. */
export function select(options: [string, string][], value?: string, attrs?: Attrs): HTMLSelectElement {
  return h('select', { id: newId('s'), ...attrs },
    options.map(([v, l]) => h('option', { value: v, selected: v === value, text: l })));
}

/** table builds a table with a caption, a header row and body rows; cells
 * in the first column are row headers. */
export function table(caption: string, head: string[], rows: Child[][], attrs?: Attrs): HTMLTableElement {
  return h('table', attrs ?? null,
    h('caption', { text: caption }),
    h('thead', null, h('tr', null, head.map((c) => h('th', { scope: 'col', text: c })))),
    h('tbody', null, rows.map((r) => h('tr', null, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', null, c)))))));
}
