// The public REST API, and nothing else: every call goes to /api/platform/v1 with the bearer token of this tab.

const BASE = '/api/platform/v1';
const TOKEN_KEY = 'amdahl.connections.token';

/** An API refusal: the contract's error code, message and details, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

/** The token lives in sessionStorage (this tab only), never in a URL. */
export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  save(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    forgetAll();
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
    forgetAll();
  },
};

// Conditional GETs: the last answer of each read (by path, for this tab's token) with its ETag.
// A poll sends If-None-Match and a 304 reuses the remembered body, so an unchanged list of a
// thousand connections costs a header exchange, not a megabyte. (The browser's own HTTP cache is
// bypassed with no-store: the token is per tab, so this memory is too.) The cards' record counts,
// one small read per connection on screen, are remembered apart, so a long inventory scrolled
// through does not push the list itself out.
const memories = {
  reads: { cap: 64, entries: new Map() },
  counts: { cap: 256, entries: new Map() },
};

function remember(memory, path, etag, text) {
  memory.entries.delete(path);
  memory.entries.set(path, { etag, text });
  if (memory.entries.size > memory.cap) memory.entries.delete(memory.entries.keys().next().value);
}

function forgetAll() {
  for (const memory of Object.values(memories)) memory.entries.clear();
}

let unauthorized = () => {};
/** Called when a signed-in call answers 401 (the token was revoked or expired). */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

/** {@code memory}: 'reads' (the default), 'counts', or null for a read not worth remembering. */
async function call(method, path, { body, token, memory: kept = 'reads' } = {}) {
  const headers = { Accept: 'application/json' };
  const bearer = token ?? session.token;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const memory = method === 'GET' && token === undefined && kept ? memories[kept] : null;
  const conditional = memory !== null;
  const known = conditional ? memory.entries.get(path) : undefined;
  if (known) headers['If-None-Match'] = known.etag;
  let response;
  try {
    response = await fetch(BASE + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
    });
  } catch (failure) {
    throw new ApiError(0, 'network_error', 'The server could not be reached. Check your network and try again.', {});
  }
  let text = await response.text();
  if (response.status === 304 && known) {
    text = known.text;
  } else if (conditional && response.ok && response.headers.get('ETag')) {
    remember(memory, path, response.headers.get('ETag'), text);
  }
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!response.ok && !(response.status === 304 && known)) {
    const error = json && typeof json.error === 'object' && json.error ? json.error : {};
    const refusal = new ApiError(response.status, error.code || `http_${response.status}`,
      error.message || `The server answered with status ${response.status}.`, error.details);
    if (response.status === 401 && token === undefined) unauthorized(refusal);
    throw refusal;
  }
  if (json === null) {
    throw new ApiError(response.status, 'invalid_response', 'The server sent an answer this page cannot read.', {});
  }
  return json;
}

const id = (value) => encodeURIComponent(value);

export const api = {
  /** Checks a token before keeping it. */
  verify: (token) => call('GET', '/connections', { token }),
  catalog: () => call('GET', '/connections/catalog'),
  list: () => call('GET', '/connections'),
  get: (connectionId) => call('GET', `/connections/${id(connectionId)}`),
  status: (connectionId) => call('GET', `/connections/${id(connectionId)}/status`),
  runs: (connectionId, limit = 25) => call('GET', `/connections/${id(connectionId)}/runs?limit=${limit}`),
  events: (connectionId, limit = 25) => call('GET', `/connections/${id(connectionId)}/events?limit=${limit}`),
  resolveHandle: (connectorType, handle) =>
    call('GET', `/connections/resolve-handle?connector_type=${id(connectorType)}&handle=${id(handle)}`),
  connect: (body) => call('POST', '/connections', { body }),
  reconnect: (connectionId, body) => call('POST', `/connections/${id(connectionId)}/reconnect`, { body }),
  update: (connectionId, body) => call('PATCH', `/connections/${id(connectionId)}`, { body }),
  disconnect: (connectionId) => call('DELETE', `/connections/${id(connectionId)}`),
  sync: (connectionId, body) => call('POST', `/connections/${id(connectionId)}/sync`, body ? { body } : {}),
  pause: (connectionId) => call('POST', `/connections/${id(connectionId)}/pause`),
  resume: (connectionId) => call('POST', `/connections/${id(connectionId)}/resume`),
  test: (connectionId) => call('POST', `/connections/${id(connectionId)}/test`),
  me: () => call('GET', '/me'),
  /** An outbound knowledge sync: its settings, pages mirrored and last push (not remembered: it moves with runs). */
  knowledgeSync: (connectionId) => call('GET', `/connections/${id(connectionId)}/knowledge-sync`, { memory: null }),
  knowledgeDatabases: (connectionId) => call('GET', `/connections/${id(connectionId)}/knowledge-sync/databases`, { memory: null }),
  saveKnowledgeSync: (connectionId, body) => call('PUT', `/connections/${id(connectionId)}/knowledge-sync`, { body }),
  /** Per stream: how many records, how many deleted, the last change (conditional, like every read). */
  recordStreams: (connectionId) => call('GET', `/connections/${id(connectionId)}/records/streams`, { memory: 'counts' }),
  /**
   * One page of a stream's change feed, oldest change first. Pages are scanned once and can be
   * large (up to 1,000 provider objects), so they are not remembered for If-None-Match.
   */
  records: (connectionId, { stream, cursor, limit }) => call('GET', `/connections/${id(connectionId)}/records?`
    + new URLSearchParams({ stream, limit: String(limit), ...(cursor ? { cursor } : {}) }), { memory: null }),
};

/** Notification endpoints of the workspace (admins only; a member's token is refused with 403). */
export const notificationApi = {
  list: () => call('GET', '/notification-endpoints'),
  create: (body) => call('POST', '/notification-endpoints', { body }),
  update: (endpointId, body) => call('PATCH', `/notification-endpoints/${id(endpointId)}`, { body }),
  remove: (endpointId) => call('DELETE', `/notification-endpoints/${id(endpointId)}`),
  test: (endpointId) => call('POST', `/notification-endpoints/${id(endpointId)}/test`),
  deliveries: (endpointId, limit = 10) =>
    call('GET', `/notification-endpoints/${id(endpointId)}/deliveries?limit=${limit}`),
};
