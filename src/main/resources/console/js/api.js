// Herald's REST API, called with the signed-in user's HTTP Basic credentials. The credentials live
// in this tab's sessionStorage only (nothing that outlives the tab, never a URL) and are removed on sign out.

const KEY = 'herald.session';

export class ApiError extends Error {
  constructor(status, body) {
    super(describe(status, body));
    this.status = status;
    this.body = body;
  }
}

function describe(status, body) {
  if (body && body.message) {
    return body.detail && typeof body.detail === 'object' && Object.keys(body.detail).length
      ? `${body.message} (${JSON.stringify(body.detail)})`
      : body.message;
  }
  return `Herald answered ${status}`;
}

function base64(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  bytes.forEach((byte) => { binary += String.fromCharCode(byte); });
  return btoa(binary);
}

export const session = {
  load() {
    const stored = sessionStorage.getItem(KEY);
    return stored ? JSON.parse(stored) : null;
  },
  save(value) {
    sessionStorage.setItem(KEY, JSON.stringify(value));
  },
  clear() {
    sessionStorage.removeItem(KEY);
  },
  create(username, password) {
    return { username, credentials: base64(`${username}:${password}`), actingFor: null };
  },
};

/** An API client for the session; actingFor, when set, goes in x-anchore-account. */
export function apiFor(current) {
  // contentType set: body is text sent as it is (an imported YAML file); else a value sent as JSON
  async function call(method, path, body, contentType) {
    const headers = { Authorization: `Basic ${current.credentials}`, Accept: 'application/json' };
    if (current.actingFor) {
      headers['x-anchore-account'] = current.actingFor;
    }
    if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/json';
    }
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined || contentType ? body : JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
    const text = await response.text();
    let data = null;
    if (text) {
      try {
        data = JSON.parse(text);
      } catch {
        data = { message: text.slice(0, 200) };
      }
    }
    if (!response.ok) {
      throw new ApiError(response.status, data);
    }
    return data;
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body === undefined ? {} : body),
    postText: (path, text, contentType) => call('POST', path, text, contentType),
    put: (path, body) => call('PUT', path, body),
    del: (path) => call('DELETE', path),
  };
}

/** A query string from the non-empty values. */
export function query(params) {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([name, value]) => {
    if (value !== null && value !== undefined && value !== '') {
      search.set(name, value);
    }
  });
  const text = search.toString();
  return text ? `?${text}` : '';
}
