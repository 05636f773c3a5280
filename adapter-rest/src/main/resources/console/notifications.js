// The Notifications panel (admins): endpoints that receive signed health notifications, a test
// ping, and each endpoint's recent deliveries. It appears while the inventory is shown, and only
// to those GET /me says may manage endpoints: a member's page never asks for what the API would
// refuse (a 403 in the browser's console). Should the API refuse anyway, the panel says so.

import { notificationApi } from './api.js';
import { actionDialog, messageOf, showRefusal } from './dialogs.js';
import { byId, fieldError, h, uid } from './dom.js';
import { exactTime, humanize } from './format.js';
import { loadMe, mayManageNotifications } from './me.js';

const EVENTS = [
  ['connection.health_changed', 'Health changed (breakage and recovery)'],
  ['connection.disconnected', 'Disconnected'],
  ['connection.reconnected', 'Reconnected'],
  ['connection.credentials_rejected', 'Credentials rejected'],
  ['run.failed', 'Sync run failed'],
  ['endpoint.disabled', 'Another endpoint was disabled'],
  ['records.changed', 'Records changed (one per run that changed data; off unless chosen)', false],
];

const panel = () => byId('notifications');

function status(text, kind = 'muted') {
  return h('p', { class: kind, role: kind === 'form-error' ? 'alert' : 'status' }, text);
}

async function load() {
  const body = byId('notifications-body');
  body.replaceChildren(status('Loading notification endpoints…'));
  let answer;
  try {
    answer = await notificationApi.list();
  } catch (refusal) {
    if (refusal.status === 403) {
      body.replaceChildren(status('Only workspace admins manage notification endpoints.'));
      byId('add-endpoint').hidden = true;
      return;
    }
    body.replaceChildren(status(messageOf(refusal), 'form-error'));
    return;
  }
  byId('add-endpoint').hidden = false;
  const endpoints = answer.notification_endpoints;
  if (!endpoints.length) {
    body.replaceChildren(h('div', { class: 'empty' }, h('p', {},
      'No endpoint yet. Add one to be told, signed and in order, when a connection breaks or recovers.')));
    return;
  }
  body.replaceChildren(h('ul', { class: 'endpoints', 'aria-labelledby': 'notifications-title' },
    endpoints.map(endpointCard)));
}

function endpointCard(endpoint) {
  const notice = h('p', { class: 'card-notice', role: 'status' });
  const deliveries = h('div', { class: 'endpoint-deliveries' });
  const state = endpoint.enabled ? 'On'
    : endpoint.disabled_reason === 'failing_for_3_days' ? 'Off: failing for 3 days' : 'Off';
  return h('li', { class: 'card', dataset: { endpointId: endpoint.id } },
    h('div', { class: 'card-title' },
      h('h3', {}, endpoint.url),
      endpoint.description ? h('p', { class: 'card-sub' }, endpoint.description) : null),
    h('dl', { class: 'facts' },
      h('dt', {}, 'State'), h('dd', { class: 'endpoint-state' }, state),
      h('dt', {}, 'Events'), h('dd', {}, endpoint.events.join(', ')),
      endpoint.failing_since ? [h('dt', {}, 'Failing since'), h('dd', {}, exactTime(endpoint.failing_since))] : null),
    h('div', { class: 'card-actions' },
      h('button', { type: 'button', class: 'send-test', onclick: (e) => sendTest(endpoint, notice, deliveries, e.currentTarget) },
        'Send test'),
      h('button', { type: 'button', class: 'show-deliveries', onclick: () => showDeliveries(endpoint, deliveries) },
        'Recent deliveries'),
      h('button', { type: 'button', onclick: () => toggle(endpoint, notice) }, endpoint.enabled ? 'Turn off' : 'Turn on'),
      h('button', { type: 'button', class: 'danger', onclick: (e) => remove(endpoint, e.currentTarget) }, 'Delete')),
    notice, deliveries);
}

async function sendTest(endpoint, notice, deliveries, button) {
  button.disabled = true;
  notice.className = 'card-notice';
  notice.textContent = 'Sending a test…';
  try {
    const { delivery } = await notificationApi.test(endpoint.id);
    if (delivery.state === 'delivered') {
      notice.textContent = `Test delivered (HTTP ${delivery.last_status_code}).`;
    } else {
      notice.className = 'card-error form-error';
      notice.textContent = `Test not delivered: ${delivery.last_error || 'no answer'}.`;
    }
    await showDeliveries(endpoint, deliveries);
  } catch (refusal) {
    notice.className = 'card-error form-error';
    notice.textContent = messageOf(refusal);
  } finally {
    button.disabled = false;
  }
}

async function showDeliveries(endpoint, container) {
  container.replaceChildren(status('Loading deliveries…'));
  try {
    const { deliveries } = await notificationApi.deliveries(endpoint.id, 10);
    if (!deliveries.length) {
      container.replaceChildren(status('Nothing delivered yet.'));
      return;
    }
    const rows = deliveries.map((d) => h('tr', {},
      h('td', {}, d.type), h('td', {}, humanize(d.state)), h('td', {}, String(d.attempts)),
      h('td', {}, d.last_status_code === null ? '—' : String(d.last_status_code)),
      h('td', {}, d.last_error || '—'),
      h('td', {}, d.state === 'pending' && d.next_attempt_at ? exactTime(d.next_attempt_at) : '—')));
    container.replaceChildren(h('div', { class: 'table-wrap' }, h('table', {},
      h('caption', { class: 'visually-hidden' }, `Recent deliveries to ${endpoint.url}`),
      h('thead', {}, h('tr', {}, ['Event', 'State', 'Attempts', 'Last status', 'Last error', 'Next attempt']
        .map((label) => h('th', { scope: 'col' }, label)))),
      h('tbody', {}, rows))));
  } catch (refusal) {
    container.replaceChildren(status(messageOf(refusal), 'form-error'));
  }
}

async function toggle(endpoint, notice) {
  try {
    await notificationApi.update(endpoint.id, { enabled: !endpoint.enabled });
    await load();
  } catch (refusal) {
    notice.className = 'card-error form-error';
    notice.textContent = messageOf(refusal);
  }
}

function remove(endpoint, button) {
  actionDialog({
    title: 'Delete this endpoint?',
    intro: [`Notifications will no longer go to ${endpoint.url}, and its delivery log is deleted with it.`],
    submitLabel: 'Delete endpoint',
    danger: true,
    returnFocus: button,
    action: async () => {
      await notificationApi.remove(endpoint.id);
      await load();
    },
  });
}

/** The add form, then the signing secret shown once in its place. */
function openAddForm() {
  const area = byId('notifications-form');
  const urlId = uid('endpoint-url');
  const url = h('input', { id: urlId, name: 'url', type: 'url', required: true, maxlength: 2048, autocomplete: 'off',
    placeholder: 'https://hooks.example.com/connections', 'aria-describedby': `${urlId}-error` });
  const urlError = h('p', { id: `${urlId}-error`, class: 'field-error', hidden: true });
  const descriptionId = uid('endpoint-description');
  const description = h('input', { id: descriptionId, name: 'description', type: 'text', maxlength: 500, autocomplete: 'off' });
  const boxes = EVENTS.map(([wire, label, byDefault = true]) => {
    const boxId = uid('event');
    return { wire, node: h('div', { class: 'check' }, h('input', { id: boxId, type: 'checkbox', value: wire, checked: byDefault }),
      h('label', { for: boxId }, label)) };
  });
  const eventsError = h('p', { class: 'field-error', hidden: true });
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Add endpoint');
  const form = h('form', { class: 'panel', novalidate: true, 'aria-label': 'Add a notification endpoint' },
    formError,
    h('div', { class: 'field' }, h('label', { for: urlId }, 'Endpoint URL (https)'), url, urlError),
    h('div', { class: 'field' }, h('label', { for: descriptionId }, 'Description (optional)'), description),
    h('fieldset', { class: 'field' }, h('legend', {}, 'Events'), boxes.map((b) => b.node), eventsError),
    h('div', { class: 'form-actions' }, submit,
      h('button', { type: 'button', onclick: () => area.replaceChildren() }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError(url, urlError, '');
    fieldError(null, eventsError, '');
    fieldError(null, formError, '');
    if (!url.value.trim()) {
      fieldError(url, urlError, 'The endpoint URL is required.');
      url.focus();
      return;
    }
    const events = boxes.filter((b) => b.node.querySelector('input').checked).map((b) => b.wire);
    if (!events.length) {
      fieldError(null, eventsError, 'Choose at least one event.');
      return;
    }
    submit.disabled = true;
    try {
      const created = await notificationApi.create({ url: url.value.trim(), events,
        description: description.value.trim() || null });
      showSecret(area, created);
      await load();
    } catch (refusal) {
      showRefusal(refusal, formError, { url }, { url: urlError });
    } finally {
      submit.disabled = false;
    }
  });
  area.replaceChildren(form);
  url.focus();
}

function showSecret(area, created) {
  const secretId = uid('signing-secret');
  const secret = h('input', { id: secretId, class: 'signing-secret', type: 'text', readonly: true, spellcheck: 'false' });
  secret.value = created.signing_secret;
  const done = h('button', { type: 'button', class: 'primary', onclick: () => area.replaceChildren() }, 'Done');
  area.replaceChildren(h('div', { class: 'panel', role: 'status' },
    h('p', { class: 'note' }, 'Copy the signing secret now: it is shown only this once. Use it to verify ',
      h('code', {}, 'X-Connections-Signature'), ' on every notification.'),
    h('div', { class: 'field' }, h('label', { for: secretId }, `Signing secret of ${created.url}`), secret),
    h('div', { class: 'form-actions' }, done)));
  secret.focus();
  secret.select();
}

function setUp() {
  const inventory = byId('inventory');
  if (!inventory || !panel()) return;
  byId('add-endpoint').addEventListener('click', openAddForm);
  const clear = () => {
    panel().hidden = true;
    byId('notifications-body').replaceChildren();
    byId('notifications-form').replaceChildren();
  };
  const sync = async () => {
    if (inventory.hidden) {
      clear();
      return;
    }
    try {
      await loadMe();
    } catch {
      // unknown: mayManageNotifications() shows the panel and the API decides
    }
    if (inventory.hidden || !mayManageNotifications()) {
      clear();
      return;
    }
    panel().hidden = false;
    load();
  };
  new MutationObserver(sync).observe(inventory, { attributes: true, attributeFilter: ['hidden'] });
  if (!inventory.hidden) sync();
}

setUp();
