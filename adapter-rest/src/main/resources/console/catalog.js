// The connector catalog: loaded once per sign-in, rendered as the "Add a connection" picker.

import { api } from './api.js';
import { h } from './dom.js';
import { connectRefusal } from './me.js';
import { CATEGORIES, METHODS, NOT_CONNECTABLE, OWNERSHIP, humanize } from './format.js';

let cached = null;

/** The catalog as {connectors, byType}; one request per sign-in. */
export async function loadCatalog() {
  if (!cached) {
    cached = api.catalog().then((answer) => ({
      connectors: answer.connectors,
      byType: new Map(answer.connectors.map((connector) => [connector.type, connector])),
    }));
    cached.catch(() => {
      cached = null; // let the next attempt try again
    });
  }
  return cached;
}

export function forgetCatalog() {
  cached = null;
}

/** The catalog name of a type, or a readable form of the type when the catalog is not at hand. */
export function connectorName(catalog, type) {
  return catalog?.byType.get(type)?.name || humanize(type);
}

/**
 * Every connector as a tile, grouped by category. Connectable tiles are buttons that call
 * {@code onPick(connector, tile)}; the others are disabled tiles saying why.
 */
export function renderPicker(catalog, onPick) {
  const groups = [];
  const known = new Set(CATEGORIES.map(([key]) => key));
  const categories = [...CATEGORIES];
  for (const connector of catalog.connectors) {
    if (!known.has(connector.category)) {
      known.add(connector.category);
      categories.push([connector.category, humanize(connector.category)]);
    }
  }
  for (const [category, label] of categories) {
    const members = catalog.connectors.filter((connector) => connector.category === category);
    if (members.length === 0) continue;
    const headingId = `category-${category}`;
    groups.push(h('section', { class: 'category', 'aria-labelledby': headingId, dataset: { category } },
      h('h3', { id: headingId }, label),
      h('ul', { class: 'tiles' }, members.map((connector) => h('li', {}, tile(connector, onPick))))));
  }
  return h('div', { class: 'picker' },
    h('p', { class: 'muted' }, 'Pick a provider. The page asks for what its connect method needs.'),
    groups);
}

function tile(connector, onPick) {
  const refusal = connector.connectable ? connectRefusal(connector) : null;
  const connectable = connector.connectable && refusal === null;
  const reason = connector.connectable ? refusal
    : NOT_CONNECTABLE[connector.not_connectable_reason] || 'Not available';
  const meta = [METHODS[connector.auth_method] || humanize(connector.auth_method),
    connector.ownership === 'personal' ? 'Personal' : 'Workspace'];
  if (connector.direction === 'outbound') meta.push('Outbound');
  const button = h('button', {
    type: 'button',
    class: 'tile',
    disabled: !connectable,
    title: connectable ? `${OWNERSHIP[connector.ownership] || ''}` : reason,
    dataset: { type: connector.type, authMethod: connector.auth_method, connectable: String(connectable) },
  },
  h('span', { class: 'tile-name' }, connector.name),
  h('span', { class: 'tile-meta' }, meta.join(' · ')),
  reason ? h('span', { class: 'tile-reason' }, reason) : null);
  if (connectable) button.addEventListener('click', () => onPick(connector, button));
  return button;
}
