// The inventory: every connection newest first, as cards with badges, health in words, facts and
// actions. Badges of connections that have not settled poll their status with backoff, and stop
// while the tab is hidden.

import { api } from './api.js';
import { connectorName, loadCatalog } from './catalog.js';
import { openReconnect, returnTo, showWebhookSecret } from './connect.js';
import { actionDialog, messageOf } from './dialogs.js';
import { byId, dismissSuccessFlash, h } from './dom.js';
import { NEXT_ACTION, RUN_STATUS, STATUS, ERROR_REASON, ago, count, exactTime, healthLabel, healthTone, humanize } from './format.js';
import { openHistory } from './history.js';
import { mayOffer, mayReadRecords } from './me.js';
import { knowledgePanel } from './knowledge.js';
import { forgetRecords, openRecords, recordsSummary } from './records.js';

const FIRST_POLL_MS = 1000;
const MAX_POLL_MS = 15000;
const BACKOFF = 1.6;
const FIRST_RUN_WAIT_MS = 5 * 60 * 1000;

const connections = new Map();
const polls = new Map();
let catalog = null;
let generation = 0;

const list = () => byId('connection-list');

/** Wires the list's buttons, the tab's visibility and the relative times, once. */
export function setUpInventory() {
  list().addEventListener('click', (event) => {
    const button = event.target.closest('button[data-action]');
    if (!button || button.disabled) return;
    const item = button.closest('li[data-connection-id]');
    const connection = item && connections.get(item.dataset.connectionId);
    if (connection) act(button.dataset.action, connection, button);
  });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) {
      for (const poll of polls.values()) {
        clearTimeout(poll.timer);
        poll.timer = null;
      }
    } else {
      refreshTimes();
      for (const [id, poll] of polls) {
        poll.delay = FIRST_POLL_MS;
        schedule(id, 0);
      }
    }
  });
  setInterval(refreshTimes, 30000);
}

/**
 * Loads the list (and the catalog, for connector names and methods) and renders it. With
 * {@code focusId}, that connection's card gets focus; answers whether the list loaded.
 */
export async function loadInventory({ focusId } = {}) {
  const mine = ++generation;
  const error = byId('inventory-error');
  const loading = byId('inventory-loading');
  error.hidden = true;
  loading.hidden = connections.size > 0;
  const [listed, loadedCatalog] = await Promise.allSettled([api.list(), loadCatalog()]);
  if (mine !== generation) return false;
  loading.hidden = true;
  if (loadedCatalog.status === 'fulfilled') catalog = loadedCatalog.value;
  if (listed.status === 'rejected') {
    if (listed.reason.status === 401) return false;
    error.textContent = `Your connections could not be loaded: ${messageOf(listed.reason)}`;
    error.hidden = false;
    return false;
  }
  stopAllPolls();
  connections.clear();
  const items = listed.value.connections;
  for (const connection of items) connections.set(connection.id, connection);
  list().replaceChildren(...items.map(card));
  byId('inventory-empty').hidden = items.length > 0;
  for (const connection of items) watch(connection);
  if (loadedCatalog.status === 'rejected' && loadedCatalog.reason.status !== 401) {
    error.textContent = `The connector catalog could not be loaded (${messageOf(loadedCatalog.reason)}); names and reconnect may be limited.`;
    error.hidden = false;
  }
  if (focusId) {
    const heading = cardHeading(focusId);
    if (heading) {
      heading.closest('li').classList.add('highlight');
      heading.focus();
    }
  }
  return true;
}

/** Forgets everything shown (sign-out). */
export function clearInventory() {
  generation += 1;
  stopAllPolls();
  connections.clear();
  catalog = null;
  forgetRecords();
  list().replaceChildren();
}

// ---- one card -----------------------------------------------------------------------------

function card(c) {
  const connector = catalog?.byType.get(c.connector_type);
  const titleId = `connection-${c.id}-name`;
  const polling = unsettled(c);
  const personal = connector ? connector.ownership === 'personal' : c.owner_user_id !== null;
  const typeName = connectorName(catalog, c.connector_type);
  const isHandle = c.handle !== undefined;
  const sub = isHandle
    ? `${typeName} · @${c.handle}${c.display_name ? ` (${c.display_name})` : ''}`
    : typeName;
  const facts = [];
  facts.push(['Last synced', c.last_synced_at ? time(c.last_synced_at) : 'Not yet']);
  if (c.last_run) facts.push(['Last run', lastRun(c.last_run)]);
  if (c.account && c.account.label) facts.push(['Authorized as', c.account.label]);
  facts.push(...credentialFacts(c.credentials));
  if (personal) facts.push(['Owner', c.owner_user_id || 'Nobody (re-attribute it)']);
  // what the syncs brought, for those who may read it (a pending connection never synced)
  // (an outbound connection pulls none: its panel below counts the pages it mirrors)
  if (c.status !== 'pending' && connector?.direction !== 'outbound' && mayReadRecords(c, personal)) facts.push(['Records', recordsSummary(c)]);
  if (c.last_error) facts.push(['Last error', c.last_error]);
  facts.push(['Added', time(c.created_at)]);

  // A pending OAuth connection waits for a person who may have closed the provider's page.
  const next = c.status === 'pending'
    ? 'Approve it at the provider to finish. If that page was closed, reconnect to start again.'
    : NEXT_ACTION[c.health_detail?.next_action] || '';
  const why = notSyncedWhy(c, connector);
  return h('li', {
    class: `card is-${c.status}`,
    'aria-labelledby': titleId,
    'aria-busy': polling ? 'true' : null,
    dataset: { connectionId: c.id, status: c.status, health: c.health, connectorType: c.connector_type },
  },
  h('div', { class: 'card-head' },
    isHandle && c.avatar_url
      ? h('img', { class: 'avatar', src: c.avatar_url, alt: '', referrerpolicy: 'no-referrer' })
      : h('span', { class: 'monogram', 'aria-hidden': 'true' }, typeName.charAt(0)),
    h('div', { class: 'card-title' },
      h('h3', { id: titleId, tabindex: '-1' }, c.name),
      h('p', { class: 'card-sub' }, sub))),
  h('p', { class: 'badges' },
    h('span', { class: 'badge status', dataset: { badge: 'status' } },
      h('span', { class: 'visually-hidden' }, 'Status: '), STATUS[c.status] || humanize(c.status)),
    h('span', { class: `badge health tone-${healthTone(c.health)}${polling ? ' polling' : ''}`, dataset: { badge: 'health' } },
      h('span', { class: 'visually-hidden' }, 'Health: '), healthLabel(c.health))),
  h('div', { class: 'health-detail' },
    h('p', { class: 'health-reason' }, c.health_detail?.reason || ''),
    next ? h('p', { class: 'next-step' }, next) : null,
    why ? h('p', { class: 'not-syncable', dataset: { notSyncable: '' } }, why) : null),
  h('dl', { class: 'facts' }, facts.map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])),
  outbound(c, connector),
  h('div', { class: 'card-actions' }, actionsOf(c).filter(([action]) => mayOffer(action, c, personal)).map(([action, label, primary]) =>
    h('button', { type: 'button', class: primary ? 'primary' : null, dataset: { action }, 'aria-describedby': titleId }, label))),
  h('p', { class: 'card-notice', role: 'status', hidden: true }),
  h('p', { class: 'card-error form-error', role: 'alert', hidden: true }));
}

/** An outbound connector's own surface on its card: the knowledge sync panel (target, policy, pages, last push, Configure). */
function outbound(c, connector) {
  if (connector?.direction !== 'outbound' || c.status === 'disconnected') return null;
  const authorized = ['connected', 'syncing', 'error'].includes(c.status);
  const mayConfigure = authorized && (c.available_actions || []).includes('rename');
  return knowledgePanel(c, mayConfigure, async () => {
    replace(await api.get(c.id));
    notice(c.id, 'Knowledge sync saved. It runs on its schedule, or now with Sync now.');
  });
}

const CREDENTIAL_KINDS = { oauth: 'OAuth grant', api_key: 'API key', handle: 'Public handle', webhook: 'Signed webhook' };

/** What is known of the stored credentials, never the credentials themselves. */
function credentialFacts(credentials) {
  if (!credentials) return [];
  const facts = [['Credentials', CREDENTIAL_KINDS[credentials.kind] || humanize(credentials.kind)]];
  if (credentials.expires_at) facts.push(['Access token expires', time(credentials.expires_at)]);
  if (credentials.last_refreshed_at) facts.push(['Last refreshed', time(credentials.last_refreshed_at)]);
  if (credentials.scopes_granted?.length) facts.push(['Scopes granted', credentials.scopes_granted.join(', ')]);
  return facts;
}

function time(iso) {
  return h('time', { datetime: iso, title: exactTime(iso), dataset: { relative: '' } }, ago(iso));
}

function lastRun(run) {
  const parts = [RUN_STATUS[run.status] || humanize(run.status)];
  if (run.status === 'completed' || run.status === 'failed') {
    parts.push(count(run.records_written, 'record', 'records'));
    if (run.streams_failed > 0) parts.push(`${run.streams_failed} of ${run.streams_total} streams failed`);
  }
  if (run.error_reason) parts.push(ERROR_REASON[run.error_reason] || humanize(run.error_reason));
  return parts.join(' · ');
}

/**
 * [action, label, primary] in the order they show: what the server says this person may do next
 * (available_actions), plus History, which is always there.
 */
function actionsOf(c) {
  const allowed = new Set(c.available_actions || []);
  if (c.health_detail?.next_action === 'connect_again') {
    // The first authorization never completed: nothing to sync, pause or rename; authorize or remove.
    const first = [];
    if (allowed.has('reconnect')) first.push(['reconnect', 'Connect again', true]);
    if (allowed.has('disconnect')) first.push(['disconnect', 'Remove', false]);
    return first;
  }
  const actions = [];
  if (allowed.has('reconnect')) actions.push(['reconnect', 'Reconnect', c.health_detail?.next_action === 'reconnect']);
  if (allowed.has('sync')) actions.push(['sync', 'Sync now', false]);
  if (allowed.has('full_refresh')) actions.push(['full_refresh', 'Full refresh', false]);
  if (allowed.has('confirm_deletes')) actions.push(['confirm_deletes', 'Apply held deletes', false]);
  if (allowed.has('resume')) actions.push(['resume', 'Resume', true]);
  if (allowed.has('pause')) actions.push(['pause', 'Pause', false]);
  if (allowed.has('test')) actions.push(['test', 'Test connection', false]);
  actions.push(['history', 'History', false]);
  if (c.status !== 'pending') actions.push(['records', 'Records', false]);
  if (allowed.has('rename')) actions.push(['rename', 'Rename', false]);
  if (allowed.has('disconnect')) actions.push(['disconnect', 'Disconnect', false]);
  return actions;
}

/** Why a live connection has no Sync now, when the reason is the connector rather than the person. */
function notSyncedWhy(c, connector) {
  if (!connector || connector.syncable || c.status === 'disconnected') return null;
  return connector.direction === 'outbound'
    ? `${connector.name} is outbound: it writes out of Amdahl rather than pulling data in, and is configured on its own page, so there is nothing to sync in here.`
    : `Amdahl does not pull ${connector.name} data yet, so there is no Sync now. The connection is kept and starts syncing once its puller ships.`;
}

function item(id) {
  return list().querySelector(`li[data-connection-id="${CSS.escape(id)}"]`);
}

function cardHeading(id) {
  return item(id)?.querySelector('h3');
}

function button(id, action) {
  return item(id)?.querySelector(`button[data-action="${action}"]`) || cardHeading(id);
}

/** Re-renders one card in place, keeping focus on the same control when it had it. */
function replace(connection) {
  connections.set(connection.id, connection);
  const old = item(connection.id);
  const fresh = card(connection);
  if (old) {
    const focused = old.contains(document.activeElement) ? document.activeElement : null;
    const wasHighlighted = old.classList.contains('highlight');
    old.replaceWith(fresh);
    if (wasHighlighted) fresh.classList.add('highlight');
    if (focused) {
      const same = focused.dataset.action
        ? fresh.querySelector(`button[data-action="${focused.dataset.action}"]`) : null;
      (same || fresh.querySelector('h3')).focus();
    }
  } else {
    list().prepend(fresh);
    byId('inventory-empty').hidden = true;
  }
  watch(connection);
  return fresh;
}

function notice(id, text) {
  const node = item(id)?.querySelector('.card-notice');
  if (!node) return;
  node.textContent = text || '';
  node.hidden = !text;
}

function error(id, text) {
  const node = item(id)?.querySelector('.card-error');
  if (!node) return;
  node.textContent = text || '';
  node.hidden = !text;
}

// ---- actions ------------------------------------------------------------------------------

const ACTION_NAMES = { sync: 'Sync now', full_refresh: 'Full refresh', confirm_deletes: 'Apply held deletes', pause: 'Pause', resume: 'Resume', reconnect: 'Reconnect', test: 'Test connection' };

async function act(action, c, trigger) {
  dismissSuccessFlash();
  notice(c.id, '');
  error(c.id, '');
  const back = () => button(c.id, action);
  switch (action) {
    case 'history':
      openHistory(c, back);
      return;
    case 'records':
      openRecords(c, back);
      return;
    case 'rename':
      actionDialog({
        title: `Rename ${c.name}`,
        fields: [{ name: 'name', label: 'Name', value: c.name, required: true, maxlength: 200 }],
        submitLabel: 'Rename',
        returnFocus: back,
        action: async ({ name }) => {
          const answer = await api.update(c.id, { name });
          replace(answer.connection);
          notice(c.id, `Renamed to “${answer.connection.name}”.`);
        },
      });
      return;
    case 'disconnect':
      actionDialog({
        title: `Disconnect ${c.name}?`,
        intro: [
          'Syncing stops and the provider is no longer called.',
          'The connection and its sync history are kept: it stays in your inventory as disconnected, and you can reconnect it later.',
        ],
        submitLabel: 'Disconnect',
        danger: true,
        returnFocus: () => cardHeading(c.id),
        action: async () => {
          await api.disconnect(c.id);
          replace(await api.get(c.id));
          notice(c.id, 'Disconnected. Its history is kept; reconnect it any time.');
        },
      });
      return;
    case 'reconnect':
      reconnect(c, trigger, back);
      return;
    case 'confirm_deletes':
      confirmDeletes(c, back);
      return;
    default:
      break;
  }
  trigger.disabled = true;
  try {
    if (action === 'sync' || action === 'full_refresh') {
      const answer = await api.sync(c.id, action === 'full_refresh' ? { full_refresh: true } : null);
      replace(await api.get(c.id));
      notice(c.id, answer.status === 'skipped_locked'
        ? 'A sync is already in flight, so this request was recorded as skipped.'
        : action === 'full_refresh'
          ? 'Full refresh requested: the next run pulls everything again, not only what changed.'
          : 'Sync requested. It starts as soon as a worker is free.');
    } else if (action === 'pause') {
      replace(await api.pause(c.id));
      notice(c.id, 'Paused. Nothing syncs until you resume it.');
    } else if (action === 'resume') {
      replace(await api.resume(c.id));
      notice(c.id, 'Resumed. It syncs on its usual schedule again.');
    } else if (action === 'test') {
      const outcome = await api.test(c.id);
      replace(await api.get(c.id));
      const words = testOutcome(connectorName(catalog, c.connector_type), outcome);
      if (outcome.ok) notice(c.id, words);
      else error(c.id, words);
    }
  } catch (refusal) {
    if (trigger.isConnected) trigger.disabled = false;
    error(c.id, `${ACTION_NAMES[action] || humanize(action)} failed: ${messageOf(refusal)}`);
  }
}

/**
 * The mass-delete guard held deletes back: say what an admin's confirmation does before it is
 * given, since the records then read as deleted to every consumer of the feed.
 */
function confirmDeletes(c, back) {
  const held = c.last_run?.deletes_held || 0;
  const count = held === 1 ? '1 record' : `${held} records`;
  actionDialog({
    title: `Apply held deletes for ${c.name}?`,
    intro: [
      `The last run found ${count} no longer listed by the provider, more than the safety limit allows at once, so it deleted none of them.`,
      'Confirming starts a sync that marks them deleted if they are still missing; a record the provider lists again is kept. Their data stays until retention purges it.',
    ],
    submitLabel: 'Apply held deletes',
    danger: true,
    returnFocus: back,
    action: async () => {
      const answer = await api.sync(c.id, { confirm_deletes: true });
      replace(await api.get(c.id));
      notice(c.id, answer.status === 'skipped_locked'
        ? 'A sync is already in flight, so the confirmation was not recorded. Try again when it finishes.'
        : `Confirmed. The sync now starting applies the held deletes (${count}).`);
    },
  });
}

/** What "Test connection" found, in words. */
function testOutcome(provider, outcome) {
  if (outcome.ok) {
    const who = outcome.account?.label ? ` for ${outcome.account.label}` : '';
    return `Test passed: ${provider} accepted the stored credentials${who}.`;
  }
  switch (outcome.error_reason) {
    case 'auth':
      return `Test failed: ${provider} rejected the stored credentials (${outcome.message}). Reconnect to fix it.`;
    case 'rate_limit':
      return `Test inconclusive: ${provider} is limiting requests right now. Nothing changed; try again later.`;
    case 'transient':
      return `Test inconclusive: ${provider} could not be reached (${outcome.message}). Nothing changed; try again later.`;
    default:
      return `Test failed: ${outcome.message}`;
  }
}

async function reconnect(c, trigger, back) {
  const connector = catalog?.byType.get(c.connector_type);
  if (!connector) {
    error(c.id, 'Reconnect needs the connector catalog, which could not be loaded. Refresh and try again.');
    return;
  }
  if (connector.auth_method === 'oauth_redirect' || connector.auth_method === 'api_key') {
    openReconnect(c, connector, back);
    return;
  }
  trigger.disabled = true;
  try {
    const answer = await api.reconnect(c.id, { return_to: returnTo() });
    if (answer.mode === 'webhook') showWebhookSecret(connector, answer);
    replace(answer.connection);
    notice(c.id, 'Reconnected. A sync has started.');
  } catch (refusal) {
    if (trigger.isConnected) trigger.disabled = false;
    error(c.id, `Reconnect failed: ${messageOf(refusal)}`);
  }
}

// ---- status polling -----------------------------------------------------------------------

/**
 * Pending, syncing, a run in flight, or just connected and waiting for its first run (the
 * scheduler picks it up within a few seconds; some connectors have nothing to pull, so that
 * wait is followed for a few minutes only).
 */
function unsettled(c) {
  if (c.status === 'pending' || c.status === 'syncing' || c.is_syncing) return true;
  const run = c.last_run;
  if (run && (run.status === 'pending' || run.status === 'running')) return true;
  return c.status === 'connected' && !run && Date.now() - new Date(c.created_at).getTime() < FIRST_RUN_WAIT_MS;
}

function watch(c) {
  if (!unsettled(c)) {
    stop(c.id);
    return;
  }
  if (!polls.has(c.id)) {
    polls.set(c.id, { delay: FIRST_POLL_MS, timer: null });
    schedule(c.id);
  }
}

function schedule(id, delay) {
  const poll = polls.get(id);
  if (!poll || document.hidden) return;
  clearTimeout(poll.timer);
  poll.timer = setTimeout(() => check(id), delay ?? poll.delay);
}

function stop(id) {
  const poll = polls.get(id);
  if (poll) clearTimeout(poll.timer);
  polls.delete(id);
}

function stopAllPolls() {
  for (const id of [...polls.keys()]) stop(id);
}

async function check(id) {
  const poll = polls.get(id);
  if (!poll) return;
  poll.timer = null;
  if (document.hidden) return;
  const mine = generation;
  try {
    const status = await api.status(id);
    const current = connections.get(id);
    if (mine !== generation || !current || !polls.has(id)) return;
    if (changed(current, status)) {
      const fresh = await api.get(id);
      if (mine !== generation || !polls.has(id)) return;
      replace(fresh);
    }
  } catch (refusal) {
    if (refusal.status === 401 || mine !== generation) return;
    if (refusal.code === 'connection_not_found') {
      stop(id);
      error(id, 'This connection no longer exists. Refresh the list.');
      return;
    }
    error(id, `Its status could not be refreshed: ${messageOf(refusal)} (trying again).`);
  }
  const still = polls.get(id);
  if (still) {
    still.delay = Math.min(still.delay * BACKOFF, MAX_POLL_MS);
    schedule(id);
  }
}

function changed(c, status) {
  const a = c.last_run || {};
  const b = status.last_run || {};
  return c.status !== status.status || c.health !== status.health || c.is_syncing !== status.is_syncing
    || c.last_synced_at !== status.last_synced_at || c.last_error !== status.last_error
    || a.id !== b.id || a.status !== b.status;
}

function refreshTimes() {
  for (const node of document.querySelectorAll('time[data-relative]')) {
    node.textContent = ago(node.getAttribute('datetime'));
  }
}
