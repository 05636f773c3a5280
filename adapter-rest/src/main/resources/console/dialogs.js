// Modal <dialog>s: focus moves in on open and back to what opened them on close; Escape and the
// Close button close them.

import { byId, fieldError, h, uid } from './dom.js';

const openers = new WeakMap();

/** Wires every dialog's Close buttons and focus return once, at start. */
export function setUpDialogs() {
  for (const dialog of document.querySelectorAll('dialog')) {
    dialog.addEventListener('click', (event) => {
      if (event.target.closest('[data-close]')) dialog.close();
    });
    dialog.addEventListener('close', () => {
      const opener = openers.get(dialog);
      openers.delete(dialog);
      dialog.dispatchEvent(new CustomEvent('closed'));
      const target = typeof opener === 'function' ? opener() : opener;
      if (target && target.isConnected) target.focus();
    });
  }
}

/**
 * Opens a dialog modally. {@code returnFocus} is an element, or a function answering one at close
 * time (the opener may have been re-rendered meanwhile). {@code focus} is what gets focus first.
 */
export function openDialog(dialog, { returnFocus, focus } = {}) {
  openers.set(dialog, returnFocus ?? document.activeElement);
  if (!dialog.open) dialog.showModal();
  const first = focus || dialog.querySelector('[autofocus]') || dialog.querySelector('h2[tabindex]');
  if (first) first.focus();
}

/**
 * The small action dialog: a title, some content and a form whose submit runs {@code action};
 * a refusal is shown in words inside the dialog (beside its field when the API names one), a
 * success closes it.
 */
export function actionDialog({ title, intro, fields = [], submitLabel, danger = false, returnFocus, action }) {
  const dialog = byId('action-dialog');
  byId('action-title').textContent = title;
  const body = byId('action-body');
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const inputs = {};
  const errors = {};
  const fieldNodes = fields.map((field) => {
    const inputId = uid('field');
    const errorId = `${inputId}-error`;
    const input = h('input', {
      id: inputId, name: field.name, type: 'text', value: field.value ?? '', required: field.required,
      maxlength: field.maxlength, autocomplete: 'off', 'aria-describedby': errorId,
    });
    input.value = field.value ?? '';
    const error = h('p', { id: errorId, class: 'field-error', hidden: true });
    inputs[field.name] = input;
    errors[field.name] = error;
    return h('div', { class: 'field' }, h('label', { for: inputId }, field.label), input, error);
  });
  const submit = h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitLabel);
  const form = h('form', { novalidate: true },
    intro ? (Array.isArray(intro) ? intro : [intro]).map((text) => h('p', {}, text)) : null,
    formError, fieldNodes,
    h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', 'data-close': true }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError(null, formError, '');
    for (const name of Object.keys(inputs)) fieldError(inputs[name], errors[name], '');
    const values = Object.fromEntries(Object.entries(inputs).map(([name, input]) => [name, input.value.trim()]));
    for (const field of fields) {
      if (field.required && !values[field.name]) {
        fieldError(inputs[field.name], errors[field.name], `${field.label} is required.`);
        inputs[field.name].focus();
        return;
      }
    }
    submit.disabled = true;
    try {
      await action(values);
      dialog.close();
    } catch (refusal) {
      showRefusal(refusal, formError, inputs, errors);
    } finally {
      submit.disabled = false;
    }
  });
  body.replaceChildren(form);
  openDialog(dialog, { returnFocus, focus: fieldNodes.length ? Object.values(inputs)[0] : submit });
}

/**
 * Puts an API refusal in words next to what caused it: per field when the details name fields
 * of the form, else above the form. Focuses the first field in error, or the message.
 */
export function showRefusal(refusal, formError, inputs = {}, errors = {}, fieldFor = (name) => name) {
  const details = refusal && refusal.details && typeof refusal.details === 'object' ? refusal.details : {};
  let first = null;
  for (const [name, problem] of Object.entries(details)) {
    const field = fieldFor(name);
    if (inputs[field] && errors[field] && typeof problem === 'string') {
      fieldError(inputs[field], errors[field], `${name.replace(/_/g, ' ')} ${problem}.`.replace(/^./, (c) => c.toUpperCase()));
      first = first || inputs[field];
    }
  }
  if (first) {
    first.focus();
    return;
  }
  fieldError(null, formError, messageOf(refusal));
  formError.setAttribute('tabindex', '-1');
  formError.focus();
}

export function messageOf(refusal) {
  if (!refusal) return 'Something went wrong.';
  if (refusal.name === 'ApiError') {
    const fields = Object.entries(refusal.details || {})
      .filter(([, value]) => typeof value === 'string' && refusal.code === 'validation_failed')
      .map(([name, value]) => `${name.replace(/_/g, ' ')} ${value}`);
    return fields.length ? `${refusal.message} (${fields.join('; ')})` : refusal.message;
  }
  return `Something went wrong in this page: ${refusal.message || refusal}`;
}
