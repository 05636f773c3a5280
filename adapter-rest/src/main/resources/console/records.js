// What a connection holds: per-stream counts on its card (read lazily, when the card is on screen)
// and the Records dialog, newest records first with their key fields and the raw JSON on demand.
// Provider data only ever lands as text.

import { api } from './api.js';
import { messageOf, openDialog } from './dialogs.js';
import { append, byId, h } from './dom.js';
import { ago, count, exactTime, humanize } from './format.js';

// The feed is oldest change first and a record appears once, at its latest change: the newest
// records are at its end. A stream is scanned in pages of PAGE, at most SCAN records per step
// (then "Read newer changes" goes on from the cursor), keeping only the newest KEEP in memory.
const PAGE = 1000;
const SCAN = 5000;
const KEEP = 200;
const SHOW = 50;

// ---- on the card --------------------------------------------------------------------------

const summaries = new Map(); // connection id -> last streams answer, shown at once on a re-render
const observer = 'IntersectionObserver' in window
  ? new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      fill(entry.target);
    }
  }, { rootMargin: '200px' })
  : null;

/**
 * The card's "Records" value: the last known counts at once, then a (conditional) read of
 * /records/streams once the card is on screen. Only called for connections this person may read.
 */
export function recordsSummary(connection) {
  const node = h('span', { class: 'records-summary', dataset: { recordsFor: connection.id } });
  const known = summaries.get(connection.id);
  if (known) render(node, known);
  else node.append(h('span', { class: 'muted' }, 'Counting…'));
  if (observer) observer.observe(node);
  else fill(node);
  return node;
}

/** Forgets every count (sign-out). */
export function forgetRecords() {
  summaries.clear();
  if (observer) observer.disconnect();
}

async function fill(node) {
  const id = node.dataset.recordsFor;
  try {
    const answer = await api.recordStreams(id);
    summaries.set(id, answer.streams);
    if (node.isConnected) render(node, answer.streams);
  } catch (refusal) {
    if (refusal.status === 401 || !node.isConnected) return;
    node.replaceChildren(h('span', { class: 'muted' }, refusal.code === 'conflict'
      ? 'Not kept by this deployment' : `Could not be counted (${messageOf(refusal)})`));
  }
}

function render(node, streams) {
  if (streams.length === 0) {
    node.replaceChildren(h('span', { class: 'muted' }, 'None yet'));
    return;
  }
  const last = streams.map((s) => s.last_change_at).filter(Boolean).sort().pop();
  node.replaceChildren();
  append(node, [
    streams.map((s, i) => [i > 0 ? ' · ' : null, h('span', { dataset: { stream: s.stream, records: s.records } },
      `${Number(s.records).toLocaleString('en')} ${s.stream}`,
      s.deleted > 0 ? ` (${Number(s.deleted).toLocaleString('en')} deleted)` : null)]),
    last ? h('span', { class: 'records-last' }, ' · last change ',
      h('time', { datetime: last, title: exactTime(last), dataset: { relative: '' } }, ago(last))) : null]);
}

// ---- the Records dialog -------------------------------------------------------------------

let opened = 0; // the dialog's current connection and stream; an older answer is dropped

export async function openRecords(connection, opener) {
  const dialog = byId('records-dialog');
  const mine = ++opened;
  byId('records-title').textContent = `Records of ${connection.name}`;
  const body = byId('records-body');
  body.replaceChildren(h('p', { class: 'muted', role: 'status' }, 'Loading the streams…'));
  openDialog(dialog, { returnFocus: opener });
  let streams;
  try {
    streams = (await api.recordStreams(connection.id)).streams;
  } catch (refusal) {
    if (mine === opened && dialog.open) {
      body.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, `The records could not be loaded: ${messageOf(refusal)}`));
    }
    return;
  }
  if (mine !== opened || !dialog.open) return;
  summaries.set(connection.id, streams);
  if (streams.length === 0) {
    body.replaceChildren(h('p', { class: 'muted', id: 'no-records' },
      'Nothing has been synced yet. Records show here after the first sync that brings any.'));
    return;
  }
  const view = h('div', { id: 'records-stream' });
  const picker = h('div', { class: 'stream-picker', role: 'group', 'aria-label': 'Streams' },
    streams.map((s) => h('button', {
      type: 'button', class: 'stream', 'aria-pressed': 'false', dataset: { stream: s.stream },
      onclick: () => choose(connection, streams, s.stream, picker, view),
    }, s.stream, ' ', h('span', { class: 'stream-count' }, Number(s.records).toLocaleString('en')))));
  body.replaceChildren(picker, view);
  choose(connection, streams, streams[0].stream, picker, view);
}

function choose(connection, streams, stream, picker, view) {
  for (const button of picker.querySelectorAll('button')) {
    button.setAttribute('aria-pressed', String(button.dataset.stream === stream));
  }
  const summary = streams.find((s) => s.stream === stream);
  const state = {
    connection, stream, total: summary.records, cursor: null, more: true, scanned: 0,
    kept: new Map(), shown: SHOW, mine: ++opened, failure: null,
  };
  view.replaceChildren(h('p', { class: 'muted', role: 'status' }, `Reading ${stream}…`));
  scan(state, view);
}

/** Reads up to SCAN more changes of the stream from where the last step stopped. */
async function scan(state, view) {
  let read = 0;
  state.failure = null;
  try {
    while (state.more && read < SCAN) {
      const page = await api.records(state.connection.id, { stream: state.stream, cursor: state.cursor, limit: PAGE });
      if (state.mine !== opened || !byId('records-dialog').open) return;
      for (const record of page.records) {
        state.kept.delete(record.id); // changed again while we read: it moved to its new position
        state.kept.set(record.id, record);
        if (state.kept.size > KEEP) state.kept.delete(state.kept.keys().next().value);
      }
      read += page.records.length;
      state.scanned += page.records.length;
      state.cursor = page.next_cursor;
      state.more = page.has_more;
    }
  } catch (refusal) {
    if (state.mine !== opened) return;
    state.failure = refusal;
  }
  show(state, view);
}

/** After a button re-rendered the view: focus the same kind of button, else the count line. */
function refocus(view, action) {
  const target = view.querySelector(`button[data-records-action="${action}"]`) || view.querySelector('.records-count');
  if (target) target.focus();
}

function show(state, view) {
  const newest = [...state.kept.values()].reverse();
  const visible = newest.slice(0, state.shown);
  const notes = [];
  if (state.more) {
    notes.push(h('p', { class: 'note records-partial' },
      `Read the oldest ${state.scanned.toLocaleString('en')} of about ${Number(state.total).toLocaleString('en')} `
      + `${state.stream} so far: newer ones are not shown yet. `,
      h('button', { type: 'button', dataset: { recordsAction: 'scan' }, onclick: async (event) => {
        event.currentTarget.disabled = true;
        await scan(state, view);
        refocus(view, 'scan');
      } }, 'Read newer changes')));
  }
  if (state.failure) {
    notes.push(h('p', { class: 'form-error', role: 'alert' }, `The records could not be read: ${messageOf(state.failure)}`));
  }
  const list = visible.length === 0
    ? h('p', { class: 'muted' }, `No ${state.stream} records.`)
    : h('ol', { class: 'records', id: 'records-list', 'aria-label': `${state.stream}, newest first` }, visible.map(recordItem));
  const older = [];
  if (newest.length > visible.length) {
    older.push(h('button', { type: 'button', dataset: { recordsAction: 'older' }, onclick: () => {
      state.shown += SHOW;
      show(state, view);
      refocus(view, 'older');
    } }, `Show ${Math.min(SHOW, newest.length - visible.length)} older`));
  } else if (state.scanned > newest.length) {
    older.push(h('p', { class: 'muted' }, `The ${KEEP} newest are shown here; read older ones through the API`
      + ' (GET /connections/:id/records, a change feed with cursors).'));
  }
  view.replaceChildren();
  append(view, [
    h('p', { class: 'muted records-count', role: 'status', tabindex: '-1', dataset: { shown: visible.length } },
      `${count(visible.length, 'record', 'records')} of ${Number(state.total).toLocaleString('en')}, newest change first.`),
    notes, list, older.length ? h('div', { class: 'records-more' }, older) : null]);
}

const ACTIONS = { added: 'Added', updated: 'Updated', deleted: 'Deleted' };

function recordItem(record) {
  const fields = keyFields(record.data);
  const raw = h('pre', { class: 'raw-json' });
  const details = record.data === null ? null : h('details', {
    class: 'raw',
    ontoggle: (event) => {
      if (event.currentTarget.open && !raw.textContent) raw.textContent = JSON.stringify(record.data, null, 2);
    },
  }, h('summary', {}, 'Raw JSON'), raw);
  return h('li', { class: 'record', dataset: { recordId: record.id, action: record.action } },
    h('p', { class: 'record-head' },
      h('strong', { class: 'record-id' }, record.id),
      h('span', { class: `badge action-${record.action}` }, ACTIONS[record.action] || humanize(record.action)),
      h('time', { datetime: record.last_modified_at, title: exactTime(record.last_modified_at) }, ago(record.last_modified_at)),
      record.parent_id ? h('span', { class: 'muted' }, `in ${record.parent_id}`) : null),
    fields.length ? h('dl', { class: 'record-fields' }, fields.map(([key, value]) => [h('dt', {}, humanize(key)), h('dd', {}, value)])) : null,
    record.deleted_at ? h('p', { class: 'muted' }, `Deleted at the provider ${ago(record.deleted_at)}.`) : null,
    details);
}

// Fields a person recognizes a record by, in this order, from the object or its HubSpot-style
// "properties"; a name is made of first and last names when there is none.
const KEY_FIELDS = ['name', 'title', 'subject', 'email', 'company', 'domain', 'status', 'lifecyclestage', 'stage',
  'value', 'amount', 'currency', 'type', 'phone'];
const MAX_FIELDS = 4;
const MAX_TEXT = 120;

/** [key, text] pairs: the preferred scalar fields present, else the first few scalar fields. */
export function keyFields(data) {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return [];
  const scalars = new Map();
  const collect = (object) => {
    for (const [key, value] of Object.entries(object)) {
      const text = scalar(value);
      if (text !== null && !scalars.has(key)) scalars.set(key, text);
    }
  };
  collect(data);
  if (data.properties && typeof data.properties === 'object' && !Array.isArray(data.properties)) collect(data.properties);
  if (!scalars.has('name')) {
    const first = scalars.get('firstname') ?? scalars.get('first_name');
    const last = scalars.get('lastname') ?? scalars.get('last_name');
    if (first || last) scalars.set('name', [first, last].filter(Boolean).join(' '));
  }
  const picked = KEY_FIELDS.filter((key) => scalars.has(key)).slice(0, MAX_FIELDS).map((key) => [key, scalars.get(key)]);
  if (picked.length > 0) return picked;
  return [...scalars].filter(([key]) => key !== 'id').slice(0, 3);
}

/** A value as short text: strings, numbers and booleans; of a list, its primary (or first) entry's value. */
function scalar(value) {
  if (typeof value === 'string') {
    const text = value.trim();
    if (!text) return null;
    return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.length > 0) {
    const first = value.find((entry) => entry && entry.primary === true) ?? value[0];
    if (first && typeof first === 'object' && 'value' in first) return scalar(first.value);
    if (typeof first === 'string') return scalar(first);
  }
  return null;
}
