// Calls to /api and /ui/api with the session cookie. State-changing calls carry the antiforgery token from the
// shell's meta tag; a 401 means the session has ended, so the page goes back to the login form.
const token = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
const tokenHeader = document.querySelector('meta[name="csrf-header"]')?.content ?? 'X-CSRF-TOKEN';

export class ApiError extends Error {
  constructor(status, body) {
    const first = body?.errors?.[0];
    super(first?.message ?? `The server answered ${status}.`);
    this.status = status;
    this.details = first?.details ?? {};
  }
}

const sessionEndHandlers = [];

/** Runs the handler as an ended session sends the page to the login form, before it leaves, to keep what must not be lost. */
export function beforeSessionEnds(handler) {
  sessionEndHandlers.push(handler);
}

export function sessionEnded() {
  for (const handler of sessionEndHandlers) handler();
  const back = location.pathname + location.search;
  location.assign(`/ui/login?expired=1&returnUrl=${encodeURIComponent(back)}`);
}

export async function call(method, path, body, { raw = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') headers[tokenHeader] = token;
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (response.status === 401) { sessionEnded(); throw new ApiError(401, null); }
  if (raw) return response;
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  if (!response.ok) throw new ApiError(response.status, json);
  return { status: response.status, body: json };
}

export const get = path => call('GET', path).then(r => r.body);

/**
 * The contacts of a list answer in the order the server sent them. Mautic keys the list by contact id, and a
 * JavaScript object enumerates integer keys in ascending order whatever the JSON's order, so the order is read
 * from the text: each contact is written as "id":{"id":id,...}.
 */
export async function getContactList(path) {
  const response = await call('GET', path, undefined, { raw: true });
  const text = await response.text();
  let body = null;
  try { body = JSON.parse(text); } catch { body = null; }
  if (!response.ok) throw new ApiError(response.status, body);
  const order = [...text.matchAll(/"(\d+)":\{"id":(\d+)[,}]/g)].filter(m => m[1] === m[2]).map(m => m[1]);
  const contacts = body.contacts ?? {};
  const seen = new Set(order);
  return { total: Number(body.total ?? 0), contacts: [...order.filter(id => id in contacts), ...Object.keys(contacts).filter(id => !seen.has(id))].map(id => contacts[id]) };
}
export const post = (path, body) => call('POST', path, body);
export const patch = (path, body) => call('PATCH', path, body);
export const del = path => call('DELETE', path);

/** Query string from an object; arrays repeat their key with []. */
export function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) value.forEach(v => search.append(`${key}[]`, v));
    else search.append(key, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
