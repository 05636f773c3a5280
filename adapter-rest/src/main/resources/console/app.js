// The Connections page: sign-in, the OAuth return flash, and wiring of the inventory and connect flows.

import { api, onUnauthorized, session } from './api.js';
import { connectorName, forgetCatalog, loadCatalog } from './catalog.js';
import { onConnected, openPicker } from './connect.js';
import { messageOf, setUpDialogs } from './dialogs.js';
import { byId, clearFlash, dismissSuccessFlash, fieldError, flash } from './dom.js';
import { oauthErrorMessage } from './format.js';
import { clearInventory, loadInventory, setUpInventory } from './inventory.js';

/** Reads ?connected= / ?connection_error= once and removes them from the address bar. */
function takeOAuthResult() {
  const url = new URL(window.location.href);
  const connected = url.searchParams.get('connected');
  const failed = url.searchParams.get('connection_error');
  if (connected === null && failed === null) return null;
  url.searchParams.delete('connected');
  url.searchParams.delete('connection_error');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return failed !== null ? { error: failed } : { connected };
}

async function flashOAuthResult(result) {
  if (!result) return;
  if (result.error !== undefined) {
    flash(oauthErrorMessage(result.error), 'error');
    return;
  }
  let name = connectorName(null, result.connected);
  if (session.token) {
    try {
      name = connectorName(await loadCatalog(), result.connected);
    } catch {
      // the readable type will do
    }
  }
  flash(`${name} is connected. Its first sync starts shortly.`, 'success');
}

function showSignIn(message) {
  byId('inventory').hidden = true;
  byId('session-bar').hidden = true;
  byId('sign-in').hidden = false;
  const input = byId('token');
  input.value = '';
  fieldError(input, byId('token-error'), message || '');
}

async function showInventory({ focus } = {}) {
  byId('sign-in').hidden = true;
  byId('session-bar').hidden = false;
  byId('inventory').hidden = false;
  const loaded = await loadInventory();
  if (focus && loaded) byId('inventory-title').focus();
}

function signOut(message) {
  session.clear();
  forgetCatalog();
  clearInventory();
  clearFlash();
  for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close();
  showSignIn(message);
  byId('token').focus();
}

function wire() {
  setUpDialogs();
  setUpInventory();
  byId('flash-dismiss').addEventListener('click', () => {
    clearFlash();
    byId('page-title').focus();
  });
  byId('sign-out').addEventListener('click', () => signOut());
  byId('refresh').addEventListener('click', () => {
    dismissSuccessFlash();
    loadInventory();
  });
  byId('add-connection').addEventListener('click', (event) => {
    dismissSuccessFlash();
    openPicker(event.currentTarget);
  });
  byId('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = byId('token');
    const error = byId('token-error');
    const submit = event.currentTarget.querySelector('button[type=submit]');
    const token = input.value.trim();
    fieldError(input, error, '');
    if (!token) {
      fieldError(input, error, 'Paste a token to sign in.');
      input.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api.verify(token);
      session.save(token);
      input.value = '';
      await showInventory({ focus: true });
    } catch (refusal) {
      const words = refusal.status === 401 ? 'This token is not valid (it may have been revoked). Check it and try again.'
        : refusal.status === 403 ? `This token cannot read connections: ${refusal.message}.`
          : messageOf(refusal);
      fieldError(input, error, words);
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  onUnauthorized(() => signOut('Your session ended: the token is no longer valid. Sign in again.'));
  onConnected(async (connection, message) => {
    await loadInventory({ focusId: connection?.id });
    if (message) flash(message, 'success');
  });
}

async function start() {
  wire();
  const result = takeOAuthResult();
  if (session.token) {
    await flashOAuthResult(result);
    await showInventory();
  } else {
    showSignIn();
    if (result) await flashOAuthResult(result).catch(() => {});
  }
}

start().catch((failure) => flash(`The page could not start: ${failure.message}`, 'error'));
