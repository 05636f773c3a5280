// Element helpers (nothing is parsed as HTML: every value from the API lands as text) and the page's flash.

/** h('p', {class: 'x'}, 'text', child) — attributes false/null/undefined are left out. */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

export function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

let counter = 0;
/** A page-unique id, for label/aria wiring. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

export function byId(id) {
  return document.getElementById(id);
}

/** Shows (or hides, with an empty text) an error paragraph tied to a field. */
export function fieldError(input, paragraph, text) {
  paragraph.textContent = text || '';
  paragraph.hidden = !text;
  if (input) {
    if (text) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

const SUCCESS_FLASH_MS = 12000;
let flashTimer = null;

/**
 * The flash above the inventory: success and info are polite status messages that go away by
 * themselves (after a while, or at the next action: {@link dismissSuccessFlash}); errors are
 * alerts that stay until dismissed.
 */
export function flash(text, kind = 'success') {
  const box = byId('flash');
  const paragraph = byId('flash-text');
  clearTimeout(flashTimer);
  box.className = `flash ${kind}`;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  box.dataset.kind = kind;
  paragraph.textContent = text;
  box.hidden = false;
  if (kind !== 'error') flashTimer = setTimeout(clearFlash, SUCCESS_FLASH_MS);
}

export function clearFlash() {
  clearTimeout(flashTimer);
  const box = byId('flash');
  box.hidden = true;
  byId('flash-text').textContent = '';
}

/** A person moved on: a success message about what they did before no longer applies. */
export function dismissSuccessFlash() {
  const box = byId('flash');
  if (!box.hidden && box.dataset.kind !== 'error') clearFlash();
}
