// api: every call the pages make to /api/v1, with the session's CSRF token on writes and a trip
// to the sign-in page when the session has gone (401).

const BASE = '/api/v1';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

let csrfToken = '';
let currentUser = null;

/** An error answer from the API: status, message, field (or null), line (imports), body. */
export class ApiError extends Error {
  constructor(status, message, field = null, line = null, body = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.field = field;
    this.line = line;
    this.body = body;
  }
}

export function user() {
  return currentUser;
}

/** Where this page is, for coming back after signing in. */
function here() {
  return window.location.pathname + window.location.search;
}

/** Sends the browser to the sign-in page, remembering where it was. */
export function redirectToLogin() {
  const next = here();
  const onLogin = /\/login\.html$/.test(window.location.pathname);
  if (!onLogin) window.location.assign(`login.html?next=${encodeURIComponent(next)}`);
}

/** Only our own pages are places to go back to after signing in. */
export function safeNext(next) {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return 'index.html';
  if (/^\/login\.html/.test(next)) return 'index.html';
  return next;
}

async function errorFrom(res) {
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  const e = body && body.error;
  const message = (e && e.message) || defaultMessage(res.status);
  return new ApiError(res.status, message, (e && e.field) || null, (e && e.line) || null, body);
}

function defaultMessage(status) {
  switch (status) {
    case 401: return 'You are not signed in, or your session has ended.';
    case 403: return 'You do not have permission to do that.';
    case 404: return 'Not found.';
    case 413: return 'The file is too large.';
    case 429: return 'Too many attempts. Wait a few minutes and try again.';
    default: return status >= 500 ? 'Something went wrong on the server. Try again later.' : `The request failed (${status}).`;
  }
}

/**
 * Calls the API. path is under /api/v1 ("/organisations/QNV") or absolute ("/api/v1/...").
 * options: method, json (a body to send as JSON), body + contentType (raw), redirect401 (default
 * true). Returns the parsed JSON (or null for 204); throws ApiError.
 */
export async function api(path, options = {}) {
  const method = (options.method || 'GET').toUpperCase();
  const headers = { Accept: 'application/json' };
  let body;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.body !== undefined) {
    headers['Content-Type'] = options.contentType || 'application/octet-stream';
    body = options.body;
  }
  if (WRITES.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const url = path.startsWith('/api/') ? path : BASE + path;
  let res;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin' });
  } catch (err) {
    throw new ApiError(0, 'Could not reach the server. Check the connection and try again.');
  }
  if (res.status === 401 && options.redirect401 !== false) {
    redirectToLogin();
    throw await errorFrom(res);
  }
  if (!res.ok) throw await errorFrom(res);
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

/** The signed-in user (and a fresh CSRF token), or null when signed out. */
export async function loadSession() {
  try {
    const s = await api('/session', { redirect401: false });
    csrfToken = s.csrf_token || '';
    currentUser = s.user || null;
    return currentUser;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      csrfToken = '';
      currentUser = null;
      return null;
    }
    throw e;
  }
}

export async function signIn(email, password) {
  const s = await api('/session', { method: 'POST', json: { email, password }, redirect401: false });
  csrfToken = s.csrf_token || '';
  currentUser = s.user || null;
  return currentUser;
}

export async function signOut() {
  try {
    await api('/session', { method: 'DELETE', redirect401: false });
  } finally {
    csrfToken = '';
    currentUser = null;
  }
}

/** Fetches every row of a list endpoint (following limit/offset), up to `max` rows. */
export async function listAll(path, params = {}, max = 10000) {
  const items = [];
  let offset = 0;
  for (;;) {
    const q = new URLSearchParams({ ...params, limit: '1000', offset: String(offset) });
    const page = await api(`${path}?${q}`);
    const got = page.items || [];
    items.push(...got);
    offset += got.length;
    if (got.length === 0 || offset >= (page.total ?? 0) || items.length >= max) break;
  }
  return items;
}

/**
 * Uploads a CSV file to POST /api/v1/import/{kind} with XMLHttpRequest, so that upload progress
 * can be shown. onProgress(fraction or null when unknown). Resolves with the JSON answer;
 * rejects with ApiError (422 carries line and field).
 */
export function uploadCsv(kind, file, onProgress, query = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const q = new URLSearchParams(query).toString();
    xhr.open('POST', `${BASE}/import/${encodeURIComponent(kind)}${q ? `?${q}` : ''}`);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.addEventListener('progress', (ev) => {
      if (onProgress) onProgress(ev.lengthComputable ? ev.loaded / ev.total : null);
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'Could not reach the server. Check the connection and try again.')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'The upload was stopped.')));
    xhr.addEventListener('load', () => {
      let body = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body);
        return;
      }
      if (xhr.status === 401) redirectToLogin();
      const e = body && body.error;
      reject(new ApiError(xhr.status, (e && e.message) || defaultMessage(xhr.status),
        (e && e.field) || null, (e && e.line) || null, body));
    });
    xhr.send(file);
  });
}
