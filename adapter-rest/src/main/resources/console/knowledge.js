// The panel of an outbound knowledge sync (Notion Knowledge Sync) on its card: the target database,
// the policy, the pages it mirrors and its last push, and, for those who may manage the connection,
// Configure: a database the grant can see, mirror or append, and the optional property mappings.

import { api } from './api.js';
import { messageOf, openDialog, showRefusal } from './dialogs.js';
import { byId, fieldError, h, uid } from './dom.js';
import { ago, count, exactTime } from './format.js';

const POLICY = {
  mirror: 'Mirror: a removed document archives its page',
  append: 'Append: pages are never archived',
};

/**
 * The panel of connection {@code c}; it fills itself once the settings arrive. {@code mayConfigure}:
 * whether this person may change them (those who may manage the connection, once it is authorized).
 */
export function knowledgePanel(c, mayConfigure, onSaved) {
  const facts = h('dl', { class: 'facts knowledge-facts' }, h('dt', {}, 'Target'), h('dd', {}, 'Loading…'));
  const configure = mayConfigure
    ? h('button', { type: 'button', dataset: { knowledgeConfigure: '' } }, 'Configure')
    : null;
  const panel = h('section', { class: 'knowledge-panel', dataset: { knowledgePanel: c.id }, 'aria-label': 'Knowledge sync' },
    h('h4', {}, 'Knowledge sync (outbound)'), facts, configure);
  if (configure) configure.addEventListener('click', () => openConfigure(c, configure, onSaved));
  api.knowledgeSync(c.id).then((sync) => {
    facts.replaceChildren(...describe(sync).flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
    panel.dataset.configured = String(sync.configured);
  }, (refusal) => {
    facts.replaceChildren(h('dt', {}, 'Target'), h('dd', {}, `Could not be loaded: ${messageOf(refusal)}`));
  });
  return panel;
}

function describe(sync) {
  if (!sync.configured) {
    return [['Target', `Not configured: ${sync.missing}.`]];
  }
  const facts = [
    ['Target', `${sync.database_title || 'Untitled database'} (${sync.database_id})`],
    ['Policy', POLICY[sync.policy] || sync.policy],
    ['Pages mirrored', String(sync.pages_mirrored)],
    ['Last push', sync.last_push_at
      ? h('time', { datetime: sync.last_push_at, title: exactTime(sync.last_push_at), dataset: { relative: '' } }, ago(sync.last_push_at))
      : 'Not yet'],
  ];
  if (sync.last_run && (sync.last_run.status === 'completed' || sync.last_run.status === 'failed')) {
    const run = sync.last_run;
    facts.push(['Last run', `${count(run.records_added, 'page created', 'pages created')}, `
      + `${count(run.records_updated, 'updated', 'updated')}, ${count(run.records_deleted, 'archived', 'archived')}`]);
  }
  const mappings = [sync.tags_property && `tags → ${sync.tags_property}`, sync.updated_property && `updated → ${sync.updated_property}`]
    .filter(Boolean);
  if (mappings.length) facts.push(['Mappings', mappings.join(', ')]);
  return facts;
}

/** The Configure dialog: loads the databases the grant sees, then saves through the API (checked there). */
async function openConfigure(c, opener, onSaved) {
  const dialog = byId('action-dialog');
  byId('action-title').textContent = `Configure ${c.name}`;
  const body = byId('action-body');
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true });
  body.replaceChildren(h('p', {}, 'Loading the databases this connection can reach…'), formError);
  openDialog(dialog, { returnFocus: opener });
  let current;
  let databases;
  try {
    [current, { databases }] = await Promise.all([api.knowledgeSync(c.id), api.knowledgeDatabases(c.id)]);
  } catch (refusal) {
    fieldError(null, formError, messageOf(refusal));
    return;
  }
  const inputs = {};
  const errors = {};
  const field = (name, label, control, help) => {
    const id = uid('field');
    control.id = id;
    const error = h('p', { id: `${id}-error`, class: 'field-error', hidden: true });
    control.setAttribute('aria-describedby', `${id}-error`);
    inputs[name] = control;
    errors[name] = error;
    return h('div', { class: 'field' }, h('label', { for: id }, label), control, help ? h('p', { class: 'hint' }, help) : null, error);
  };
  const database = h('select', { name: 'database_id', required: true },
    h('option', { value: '' }, databases.length ? 'Choose a database' : 'No database is shared with this connection'),
    databases.map((d) => h('option', { value: d.id }, d.title || d.id)));
  database.value = current.database_id || '';
  const policy = h('select', { name: 'policy' },
    Object.entries(POLICY).map(([value, label]) => h('option', { value }, label)));
  policy.value = current.policy || 'mirror';
  const tags = h('select', { name: 'tags_property' });
  const updated = h('select', { name: 'updated_property' });
  const fillProperties = () => {
    const chosen = databases.find((d) => d.id === database.value);
    const options = (type, selected) => [h('option', { value: '' }, 'Not written'),
      ...(chosen ? chosen.properties.filter((p) => p.type === type).map((p) => h('option', { value: p.name }, p.name)) : [])]
      .map((option) => { if (option.value === selected) option.selected = true; return option; });
    tags.replaceChildren(...options('multi_select', current.tags_property));
    updated.replaceChildren(...options('date', current.updated_property));
  };
  database.addEventListener('change', fillProperties);
  fillProperties();
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Save');
  const form = h('form', { novalidate: true },
    h('p', {}, 'Each document of the knowledge base becomes a page of the database. A page edited by hand in Notion is overwritten the next time its document changes.'),
    formError,
    field('database_id', 'Notion database', database, 'Share the database with the integration in Notion to see it here.'),
    field('policy', 'Policy', policy),
    field('tags_property', 'Tags go to (multi-select)', tags),
    field('updated_property', 'Updated time goes to (date)', updated),
    h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', 'data-close': true }, 'Cancel')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    fieldError(null, formError, '');
    for (const name of Object.keys(inputs)) fieldError(inputs[name], errors[name], '');
    if (!database.value) {
      fieldError(database, errors.database_id, 'Choose a database.');
      database.focus();
      return;
    }
    submit.disabled = true;
    try {
      const saved = await api.saveKnowledgeSync(c.id, {
        database_id: database.value, policy: policy.value,
        tags_property: tags.value || null, updated_property: updated.value || null,
      });
      dialog.close();
      onSaved(saved);
    } catch (refusal) {
      showRefusal(refusal, formError, inputs, errors);
    } finally {
      submit.disabled = false;
    }
  });
  body.replaceChildren(form);
  database.focus();
}
