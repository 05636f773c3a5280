// A connection's run history (a table) and its audit events, in the history dialog.

import { api } from './api.js';
import { messageOf, openDialog } from './dialogs.js';
import { byId, h } from './dom.js';
import { ERROR_REASON, EVENT_TYPE, METHODS, RUN_STATUS, TRIGGER, ago, duration, exactTime, healthLabel, humanize, shortTime } from './format.js';

export async function openHistory(connection, opener) {
  const dialog = byId('history-dialog');
  byId('history-title').textContent = `History of ${connection.name}`;
  const body = byId('history-body');
  body.replaceChildren(h('p', { class: 'muted', role: 'status' }, 'Loading the history…'));
  openDialog(dialog, { returnFocus: opener });
  const [runs, events] = await Promise.allSettled([api.runs(connection.id, 50), api.events(connection.id, 50)]);
  if (!dialog.open) return;
  body.replaceChildren(
    h('h3', { id: 'runs-heading' }, 'Sync runs'),
    runs.status === 'fulfilled' ? runsTable(runs.value.runs)
      : h('p', { class: 'form-error', role: 'alert' }, `The runs could not be loaded: ${messageOf(runs.reason)}`),
    h('h3', { id: 'events-heading' }, 'Events'),
    events.status === 'fulfilled' ? eventsList(events.value.events)
      : h('p', { class: 'form-error', role: 'alert' }, `The events could not be loaded: ${messageOf(events.reason)}`));
}

function runsTable(runs) {
  if (runs.length === 0) {
    return h('p', { class: 'muted', id: 'no-runs' }, 'No sync has run yet. The first one starts on the scheduler’s next pass.');
  }
  return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-labelledby': 'runs-heading' },
    h('table', { id: 'runs' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col' }, 'Trigger'),
        h('th', { scope: 'col' }, 'Started'),
        h('th', { scope: 'col' }, 'Duration'),
        h('th', { scope: 'col', class: 'num' }, 'Streams'),
        h('th', { scope: 'col', class: 'num' }, 'Records'),
        h('th', { scope: 'col' }, 'Error reason'))),
      h('tbody', {}, runs.map((run) => h('tr', { dataset: { runId: run.id, status: run.status } },
        h('td', {}, RUN_STATUS[run.status] || humanize(run.status)),
        h('td', {}, TRIGGER[run.triggered_by] || humanize(run.triggered_by)),
        h('td', {}, h('time', { datetime: run.started_at, title: exactTime(run.started_at) }, shortTime(run.started_at))),
        h('td', {}, run.finished_at ? duration(run.started_at, run.finished_at)
          : run.status === 'running' || run.status === 'pending' ? 'In progress' : '—'),
        h('td', { class: 'num' }, run.streams_failed > 0
          ? `${run.streams_total} (${run.streams_failed} failed)` : String(run.streams_total)),
        h('td', { class: 'num' }, Number(run.records_written).toLocaleString('en')),
        h('td', {}, run.error_reason ? ERROR_REASON[run.error_reason] || humanize(run.error_reason) : '—'))))));
}

function eventsList(events) {
  if (events.length === 0) return h('p', { class: 'muted' }, 'No events yet.');
  return h('ul', { class: 'events', id: 'events' }, events.map((event) => {
    const details = describe(event);
    return h('li', { dataset: { type: event.type } },
      h('strong', {}, EVENT_TYPE[event.type] || humanize(event.type)), ' · ',
      h('time', { datetime: event.at, title: exactTime(event.at) }, ago(event.at)),
      event.actor_user_id ? ` · by ${event.actor_user_id}` : ' · by the system',
      details.length ? h('p', { class: 'event-details' }, details.join(' · ')) : null);
  }));
}

/** An event's details in words; a health change reads "Syncing → Healthy: Connected and recently synced". */
function describe(event) {
  const details = { ...(event.details || {}) };
  const words = [];
  if (event.type === 'health_changed' && details.to) {
    words.push(`${details.from ? `${healthLabel(details.from)} → ` : ''}${healthLabel(details.to)}${details.reason ? `: ${details.reason}` : ''}`);
    delete details.from;
    delete details.to;
    delete details.reason;
  }
  for (const [key, value] of Object.entries(details)) {
    const text = key === 'method' && METHODS[value] ? METHODS[value]
      : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    words.push(`${humanize(key)}: ${text}`);
  }
  return words;
}
