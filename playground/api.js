// The JSON API of `reglament serve` (docs/openapi.yaml). Errors come back as {error: {id, status, message}, diagnostics}.

export class APIError extends Error {
  constructor(body, status) {
    super(body?.error?.message || `HTTP ${status}`);
    this.id = body?.error?.id || 'http-error';
    this.status = status;
    this.diagnostics = body?.diagnostics || [];
  }
}

async function call(method, path, body, signal) {
  const response = await fetch(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    signal,
  });
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new APIError(json, response.status);
  return json;
}

export const api = {
  health: () => call('GET', '/api/health'),
  regulations: () => call('GET', '/api/regulations'),
  regulation: (name) => call('GET', `/api/regulations/${encodeURIComponent(name)}`),
  check: (body, signal) => call('POST', '/api/check', body, signal),
  deadlines: (body, signal) => call('POST', '/api/deadlines', body, signal),
  tests: (body, signal) => call('POST', '/api/tests', body, signal),
  simulate: (body, signal) => call('POST', '/api/simulate', body, signal),
  audit: (body, signal) => call('POST', '/api/audit', body, signal),
};
