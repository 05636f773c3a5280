// Connect and reconnect, routed on the connector's method: OAuth redirect, API key, handle, webhook.

import { api } from './api.js';
import { loadCatalog, renderPicker } from './catalog.js';
import { messageOf, openDialog, showRefusal } from './dialogs.js';
import { byId, fieldError, h, uid } from './dom.js';
import { count } from './format.js';

let connectedHandler = () => {};

/**
 * {@code handler(connectionOrId, message)} runs after a connect or reconnect that did not leave
 * the page: with the new connection object, or {id} of an already tracked account.
 */
export function onConnected(handler) {
  connectedHandler = handler;
}

/** This page's own address, without query or fragment: where the OAuth callback sends the browser back. */
export function returnTo() {
  return `${window.location.origin}${window.location.pathname}`;
}

const dialog = () => byId('connect-dialog');
const body = () => byId('connect-body');

function setTitle(text) {
  byId('connect-title').textContent = text;
}

/** "Add a connection": the catalog picker in the connect dialog. */
export async function openPicker(opener) {
  setTitle('Add a connection');
  const loading = h('p', { class: 'muted', role: 'status' }, 'Loading the catalog…');
  body().replaceChildren(loading);
  openDialog(dialog(), { returnFocus: opener });
  await showPicker();
}

async function showPicker(focusType) {
  setTitle('Add a connection');
  try {
    const catalog = await loadCatalog();
    body().replaceChildren(renderPicker(catalog, (connector) => showConnectForm(connector)));
    const tile = focusType && body().querySelector(`.tile[data-type="${CSS.escape(focusType)}"]`);
    (tile || byId('connect-title')).focus();
  } catch (refusal) {
    const retry = h('button', { type: 'button' }, 'Try again');
    retry.addEventListener('click', () => showPicker());
    body().replaceChildren(h('p', { class: 'form-error', role: 'alert' },
      `The catalog could not be loaded: ${messageOf(refusal)}`), retry);
    retry.focus();
  }
}

/** A connect form for one connector, in the connect dialog. */
function showConnectForm(connector) {
  setTitle(`Connect ${connector.name}`);
  const back = h('button', { type: 'button', class: 'quiet back' }, '← Back to the catalog');
  back.addEventListener('click', () => showPicker(connector.type));
  const form = formFor(connector, null);
  body().replaceChildren(back, form);
  focusFirst(form);
}

/** Reconnect of an OAuth or API-key connection: the same forms, on the existing row. */
export function openReconnect(connection, connector, opener) {
  setTitle(`Reconnect ${connection.name}`);
  body().replaceChildren(formFor(connector, connection));
  openDialog(dialog(), { returnFocus: opener });
  focusFirst(body());
}

function focusFirst(container) {
  const first = container.querySelector('input, form button[type=submit]');
  (first || byId('connect-title')).focus();
}

function formFor(connector, existing) {
  switch (connector.auth_method) {
    case 'oauth_redirect': return oauthForm(connector, existing);
    case 'api_key': return apiKeyForm(connector, existing);
    case 'handle': return handleForm(connector);
    case 'webhook': return webhookForm(connector);
    default: return h('p', { class: 'form-error', role: 'alert' },
      `This page does not know how to connect ${connector.name} (method ${connector.auth_method}).`);
  }
}

/** An input with its label, hint and error paragraph. */
function field({ name, label, type = 'text', optional = false, hint, placeholder, prefix }) {
  const id = uid(name);
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  const input = h('input', {
    id, name, type, placeholder, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off',
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    required: !optional,
  });
  const error = h('p', { id: errorId, class: 'field-error', hidden: true });
  const control = prefix ? h('div', { class: 'prefixed' }, h('span', { 'aria-hidden': 'true' }, prefix), input) : input;
  const node = h('div', { class: 'field' },
    h('label', { for: id }, label, optional ? h('span', { class: 'optional' }, ' (optional)') : null),
    control,
    hint ? h('p', { id: hintId, class: 'hint' }, hint) : null,
    error);
  return { node, input, error };
}

function nameField(connector) {
  return field({ name: 'name', label: 'Name', optional: true, placeholder: connector.name,
    hint: 'How it appears in your inventory.' });
}

function notesOf(connector) {
  return connector.notes ? h('p', { class: 'note', dataset: { notes: connector.type } }, connector.notes) : null;
}

/** Clears every field error of a form and its form-level error. */
function reset(formError, fields) {
  fieldError(null, formError, '');
  for (const { input, error } of fields) fieldError(input, error, '');
}

function busy(button, busyText) {
  const idle = button.textContent;
  button.disabled = true;
  button.textContent = busyText;
  return () => {
    button.disabled = false;
    button.textContent = idle;
  };
}

// ---- OAuth redirect ----------------------------------------------------------------------

function oauthForm(connector, existing) {
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const name = existing ? null : nameField(connector);
  const submit = h('button', { type: 'submit', class: 'primary' }, `Continue to ${connector.name}`);
  const intro = existing
    ? `You will be taken to ${connector.name} to authorize again. The connection keeps its id and its sync history.`
    : `You will be taken to ${connector.name} to approve access. Then you come back here and the new connection appears in your inventory.`;
  const personal = connector.ownership === 'personal'
    ? h('p', {}, `This is a personal connection: it connects your own ${connector.name} account, and only you (or an admin) can manage it.`)
    : null;
  const form = h('form', { class: 'connect-form', novalidate: true, dataset: { method: 'oauth_redirect' } },
    h('p', {}, intro), personal, notesOf(connector), formError, name ? name.node : null,
    h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', 'data-close': true }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    reset(formError, name ? [name] : []);
    const done = busy(submit, `Opening ${connector.name}…`);
    try {
      const answer = existing
        ? await api.reconnect(existing.id, { return_to: returnTo() })
        : await api.connect(withName({ connector_type: connector.type, return_to: returnTo() }, name));
      if (answer.mode !== 'oauth_redirect' || !answer.authorize_url) {
        throw new Error(`the server answered mode “${answer.mode}” without an authorization address`);
      }
      window.location.assign(answer.authorize_url);
    } catch (refusal) {
      done();
      showRefusal(refusal, formError, name ? { name: name.input } : {}, name ? { name: name.error } : {});
    }
  });
  return form;
}

function withName(bodyJson, name) {
  const value = name ? name.input.value.trim() : '';
  if (value) bodyJson.name = value;
  return bodyJson;
}

// ---- API key -----------------------------------------------------------------------------

function apiKeyForm(connector, existing) {
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  // The connector says what its key is made of: one api_key, or parts joined into it (Aircall's ID and token).
  const declared = connector.credential_fields;
  const onePart = declared.length === 1;
  const keyFields = declared.map((d) => field({ name: d.name, label: d.label,
    type: d.secret ? 'password' : undefined,
    hint: d.hint || (onePart ? `The key is verified with ${connector.name}, then stored encrypted. It is never shown again.`
      : undefined) }));
  const name = existing ? null : nameField(connector);
  const all = name ? [...keyFields, name] : keyFields;
  const submit = h('button', { type: 'submit', class: 'primary' }, existing ? 'Replace the key' : 'Connect');
  const form = h('form', { class: 'connect-form', novalidate: true, dataset: { method: 'api_key' } },
    existing ? h('p', {}, `Paste a new key for ${connector.name}. The connection keeps its id and its sync history.`) : null,
    notesOf(connector), formError, keyFields.map((f) => f.node), name ? name.node : null,
    h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', 'data-close': true }, 'Cancel')));
  const keyError = (text) => {
    fieldError(keyFields[0].input, keyFields[keyFields.length - 1].error, text);
    for (const f of keyFields) f.input.setAttribute('aria-invalid', 'true');
    keyFields[0].input.focus();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    reset(formError, all);
    for (const f of keyFields) {
      if (!f.input.value.trim()) {
        fieldError(f.input, f.error, `${f.node.querySelector('label').textContent} is required.`);
        f.input.focus();
        return;
      }
    }
    const key = keyFields.map((f) => f.input.value.trim()).join(connector.credential_separator || '');
    const done = busy(submit, `Verifying with ${connector.name}…`);
    try {
      const answer = existing
        ? await api.reconnect(existing.id, { api_key: key })
        : await api.connect(withName({ connector_type: connector.type, api_key: key }, name));
      done();
      dialog().close();
      const account = answer.connection?.account?.label;
      connectedHandler(answer.connection, existing
        ? `${answer.connection.name} is reconnected${account ? ` as ${account}` : ''}. Its next sync starts shortly.`
        : `${connector.name} is connected${account ? ` as ${account}` : ''}. Its first sync starts shortly.`);
    } catch (refusal) {
      done();
      if (refusal.code === 'invalid_credentials') {
        keyError(`${refusal.message}. Check the ${onePart ? 'key' : declared.map((d) => d.label).join(' and ')} and try again.`);
      } else if (refusal.code === 'validation_failed' && refusal.details && refusal.details.api_key) {
        keyError(`The key ${refusal.details.api_key}.`);
      } else {
        showRefusal(refusal, formError, name ? { name: name.input } : {}, name ? { name: name.error } : {});
      }
    }
  });
  return form;
}

// ---- handle ------------------------------------------------------------------------------

function handleForm(connector) {
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const handle = field({ name: 'handle', label: `${connector.name} handle`, prefix: '@',
    hint: 'The public handle of the account to track, without the @.' });
  const lookUp = h('button', { type: 'submit', class: 'primary' }, 'Look up');
  const result = h('div', { class: 'resolved', 'aria-live': 'polite' });
  const form = h('form', { class: 'connect-form', novalidate: true, dataset: { method: 'handle' } },
    notesOf(connector), formError, handle.node,
    h('div', { class: 'form-actions' }, lookUp, h('button', { type: 'button', 'data-close': true }, 'Cancel')));
  const container = h('div', {}, form, result);
  // The field already shows a fixed "@": one typed or pasted in front would read "@@handle".
  handle.input.addEventListener('input', () => {
    const bare = handle.input.value.replace(/^\s*@+/, '');
    if (bare !== handle.input.value) handle.input.value = bare;
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    reset(formError, [handle]);
    result.replaceChildren();
    const typed = handle.input.value.trim().replace(/^@/, '');
    if (!typed) {
      fieldError(handle.input, handle.error, 'Enter a handle.');
      handle.input.focus();
      return;
    }
    const done = busy(lookUp, 'Looking up…');
    try {
      const account = await api.resolveHandle(connector.type, typed);
      done();
      showResolved(connector, account, result, formError);
    } catch (refusal) {
      done();
      if (refusal.code === 'handle_not_found') {
        fieldError(handle.input, handle.error, `No ${connector.name} account has the handle @${typed}.`);
        handle.input.focus();
      } else {
        showRefusal(refusal, formError, { handle: handle.input }, { handle: handle.error });
      }
    }
  });
  return container;
}

function showResolved(connector, account, result, formError) {
  const titleId = uid('resolved');
  const confirm = h('button', { type: 'button', class: 'primary' }, 'Track this account');
  const confirmError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const card = h('div', { class: 'account', dataset: { externalAccountId: account.external_account_id } },
    account.avatar_url ? h('img', { class: 'avatar large', src: account.avatar_url, alt: '', referrerpolicy: 'no-referrer' })
      : h('span', { class: 'monogram', 'aria-hidden': 'true' }, (account.display_name || account.handle || '?').charAt(0)),
    h('div', {},
      h('p', { id: titleId }, h('strong', {}, account.display_name || account.handle)),
      h('p', { class: 'muted' }, `@${account.handle}`),
      account.followers === null || account.followers === undefined ? null
        : h('p', { class: 'followers' }, count(account.followers, 'follower', 'followers'))));
  result.replaceChildren(h('h3', {}, 'Is this the account?'), card, confirmError,
    h('div', { class: 'form-actions' }, confirm));
  confirm.focus();
  confirm.addEventListener('click', async () => {
    fieldError(null, confirmError, '');
    fieldError(null, formError, '');
    const done = busy(confirm, 'Connecting…');
    try {
      const answer = await api.connect({
        connector_type: connector.type,
        account_handle: account.handle,
        external_account_id: account.external_account_id,
        display_name: account.display_name ?? undefined,
        followers: account.followers ?? undefined,
      });
      done();
      dialog().close();
      if (answer.mode === 'already_connected') {
        connectedHandler({ id: answer.existing_id }, `@${account.handle} is already tracked; it is highlighted below.`);
      } else {
        connectedHandler(answer.connection, `@${account.handle} on ${connector.name} is now tracked.`);
      }
    } catch (refusal) {
      done();
      showRefusal(refusal, confirmError);
    }
  });
}

// ---- webhook (no launch connector uses it yet) ---------------------------------------------

function webhookForm(connector) {
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const name = nameField(connector);
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create the webhook');
  const form = h('form', { class: 'connect-form', novalidate: true, dataset: { method: 'webhook' } },
    h('p', {}, `You get a URL and a signing secret to paste into ${connector.name}. The secret is shown once.`),
    notesOf(connector), formError, name.node,
    h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', 'data-close': true }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    reset(formError, [name]);
    const done = busy(submit, 'Creating…');
    try {
      const answer = await api.connect(withName({ connector_type: connector.type }, name));
      done();
      showWebhookSecret(connector, answer);
      connectedHandler(answer.connection, null);
    } catch (refusal) {
      done();
      showRefusal(refusal, formError, { name: name.input }, { name: name.error });
    }
  });
  return form;
}

/** Shows a webhook URL and its signing secret once, in the connect dialog. */
export function showWebhookSecret(connector, answer) {
  setTitle(`${connector.name} webhook`);
  const done = h('button', { type: 'button', class: 'primary', 'data-close': true }, 'Done');
  body().replaceChildren(
    h('p', {}, `Paste these into ${connector.name}. The secret is not shown again.`),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Webhook URL'), h('dd', {}, h('code', {}, answer.webhook_url)),
      h('dt', {}, 'Signing secret'), h('dd', {}, h('code', {}, answer.signing_secret))),
    h('div', { class: 'form-actions' }, done));
  if (!dialog().open) openDialog(dialog());
  done.focus();
}
