// Words for the API's wire values, and times a person reads ("3 hours ago", exact time on hover).

export const CATEGORIES = [
  ['crm', 'CRM'],
  ['calls', 'Calls and meetings'],
  ['comms', 'Mail and chat'],
  ['docs', 'Docs'],
  ['support', 'Support'],
  ['social', 'Social'],
];

export const METHODS = {
  oauth_redirect: 'OAuth sign-in',
  api_key: 'API key',
  handle: 'Public handle',
  webhook: 'Webhook',
};

export const OWNERSHIP = {
  workspace: 'Workspace',
  personal: 'Personal (each member their own)',
};

export const NOT_CONNECTABLE = {
  coming_soon: 'Coming soon',
  provider_app_not_configured: 'Not configured in this environment',
};

export const STATUS = {
  pending: 'Pending',
  connected: 'Connected',
  syncing: 'Syncing',
  error: 'Error',
  paused: 'Paused',
  disconnected: 'Disconnected',
};

const HEALTH = {
  healthy: ['Healthy', 'ok'],
  syncing: ['Syncing', 'info'],
  stale: ['Stale', 'warn'],
  degraded: ['Degraded', 'warn'],
  rate_limited: ['Rate limited', 'warn'],
  error: ['Error', 'bad'],
  needs_reauth: ['Needs re-authorization', 'bad'],
  disconnected: ['Disconnected', 'idle'],
};

export function healthLabel(health) {
  return (HEALTH[health] || [humanize(health)])[0];
}

export function healthTone(health) {
  return (HEALTH[health] || [null, 'idle'])[1];
}

export const NEXT_ACTION = {
  none: '',
  wait: 'Nothing to do: it settles by itself.',
  reconnect: 'Next step: reconnect it.',
  check_provider: 'Next step: check the account at the provider, then sync now.',
  resume: 'Next step: resume it.',
  connect_again: '',
};

export const RUN_STATUS = {
  pending: 'Pending',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  skipped_locked: 'Skipped (another run was in flight)',
};

export const TRIGGER = { connect: 'Connect', manual: 'Manual', schedule: 'Schedule' };

export const ERROR_REASON = {
  auth: 'Authentication',
  rate_limit: 'Rate limit',
  transient: 'Temporary failure',
  config: 'Configuration',
  unknown: 'Unknown',
};

export const EVENT_TYPE = {
  connected: 'Connected',
  reconnected: 'Reconnected',
  disconnected: 'Disconnected',
  updated: 'Updated',
  paused: 'Paused',
  resumed: 'Resumed',
  health_changed: 'Health changed',
  credentials_refreshed: 'Credentials refreshed',
  credentials_rejected: 'Credentials rejected',
};

/** What the OAuth callback's ?connection_error= codes mean (CONTRACT §5). */
const OAUTH_ERRORS = {
  access_denied: 'The authorization was declined at the provider, so nothing was connected. Try again and approve the access.',
  invalid_state: 'The authorization link was already used or is not valid. Start again from “Add a connection”.',
  expired_state: 'The authorization took longer than 10 minutes and expired. Start again from “Add a connection”.',
  token_exchange_failed: 'The provider did not accept the authorization. Try again; if it keeps failing, check the provider app settings.',
  provider_unavailable: 'The provider could not be reached to finish the authorization. Try again in a few minutes.',
};

export function oauthErrorMessage(code) {
  return OAUTH_ERRORS[code] || `The connection could not be completed (${humanize(code)}). Try again.`;
}

export function humanize(wire) {
  if (wire === null || wire === undefined || wire === '') return '';
  const text = String(wire).replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const exact = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'long' });
const UNITS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 hours ago", "in 5 minutes", "just now". */
export function ago(iso, now = Date.now()) {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size * 0.9 || unit === 'minute') {
      return relative.format(Math.round(seconds / size), unit);
    }
  }
  return 'just now';
}

/** The exact time, local and UTC, for a title. */
export function exactTime(iso) {
  return `${exact.format(new Date(iso))} (${iso})`;
}

export function shortTime(iso) {
  return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/** "850 ms", "12 s", "3 min 4 s", "1 h 5 min". */
export function duration(startIso, endIso) {
  if (!startIso || !endIso) return '';
  const ms = Math.max(0, new Date(endIso).getTime() - new Date(startIso).getTime());
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function count(n, one, many) {
  return `${Number(n).toLocaleString('en')} ${n === 1 ? one : many}`;
}
