// The management API client: JSON over fetch with the admin token as a Bearer credential.

/** An error response: the HTTP status and the RFC 9457 problem body (if any). */
export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `Request failed with status ${status}`);
    this.status = status;
    this.problem = problem || {};
  }

  /** Field name -> message, from the problem's errors list. */
  fieldErrors() {
    const out = {};
    for (const e of this.problem.errors || []) out[e.field] = e.detail;
    return out;
  }
}

export class Api {
  /**
   * @param {() => string|null} token returns the admin token
   * @param {(error: ApiError) => void} onAuthFailure called for 401 and 403 responses
   */
  constructor(token, onAuthFailure) {
    this.token = token;
    this.onAuthFailure = onAuthFailure;
  }

  async request(method, path, body) {
    const headers = { Accept: 'application/json' };
    const token = this.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    const init = { method, headers, cache: 'no-store', credentials: 'same-origin' };
    if (method === 'POST' || method === 'PATCH' || method === 'PUT') {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body || {});
    }
    let response;
    try {
      response = await fetch(`api/${path}`, init);
    } catch (e) {
      throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached. Check the connection and retry.' });
    }
    if (response.status === 204) return null;
    const type = response.headers.get('Content-Type') || '';
    const json = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
      const error = new ApiError(response.status, json);
      if (response.status === 401 || response.status === 403) this.onAuthFailure(error);
      throw error;
    }
    return json;
  }

  get(path) { return this.request('GET', path); }
  post(path, body) { return this.request('POST', path, body); }
  patch(path, body) { return this.request('PATCH', path, body); }
  put(path, body) { return this.request('PUT', path, body); }
  delete(path) { return this.request('DELETE', path); }
}
