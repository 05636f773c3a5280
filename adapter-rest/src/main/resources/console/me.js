// Who is signed in (GET /me), so the page offers only what this token may do instead of letting
// the API refuse it. The API still decides: this only hides what would be refused.

import { api } from './api.js';

let me = null;
let asking = null;

/**
 * Loads (once per sign-in) who the token belongs to. The page and the Notifications panel ask at
 * the same moment; both wait on one request, and an answer arriving after sign-out is dropped.
 */
export function loadMe() {
  if (me) return Promise.resolve(me);
  if (!asking) {
    const ask = api.me()
      .then((who) => {
        if (asking === ask) me = who;
        return who;
      })
      .finally(() => {
        if (asking === ask) asking = null;
      });
    asking = ask;
  }
  return asking;
}

export function forgetMe() {
  me = null;
  asking = null;
}

const canWrite = () => me !== null && me.scopes.includes('connections:write');
const isAdmin = () => me !== null && me.role === 'admin';

/**
 * Whether the Notifications panel is shown (and its endpoints asked for): the application's rule
 * is a workspace admin whose token may read. Unknown (GET /me failed): shown, and the API decides.
 */
export function mayManageNotifications() {
  return me === null || (isAdmin() && me.scopes.includes('connections:read'));
}

/** Whether "Add a connection" makes sense at all: a token that may write. */
export function mayAddConnections() {
  return me === null || canWrite();
}

/** Why a connector cannot be connected by this user, or null when it can (CONTRACT §3). */
export function connectRefusal(connector) {
  if (me === null) return null;
  if (!canWrite()) return 'Your token may only read connections';
  if (connector.ownership !== 'personal' && !isAdmin()) return 'Only workspace admins can connect this';
  return null;
}

/**
 * Whether a card action is offered. Where the server lists a connection's `available_actions`,
 * those decide; otherwise the contract's rule: writes need the write scope, and an admin, or the
 * owner of a personal connection (reconnecting a personal one is the owner's alone).
 */
export function mayOffer(action, connection, personal) {
  if (action === 'history') return true;
  if (action === 'records') return mayReadRecords(connection, personal);
  if (Array.isArray(connection.available_actions)) return true;
  if (me === null) return true;
  if (!canWrite()) return false;
  const owner = personal && connection.owner_user_id === me.user_id;
  if (action === 'reconnect' && personal) return owner;
  return isAdmin() || owner;
}

/**
 * Whether this person may read a connection's synced records (CONTRACT §10): a token with
 * `records:read`, and for a personal connection its owner only. Unknown (GET /me failed): no, so
 * the page never provokes a 403 it could have foreseen.
 */
export function mayReadRecords(connection, personal) {
  if (me === null || !me.scopes.includes('records:read')) return false;
  return !personal || (connection.owner_user_id !== null && connection.owner_user_id === me.user_id);
}
