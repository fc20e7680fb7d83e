// The gateway's API with the user's token: JSON in and out, problem details as ApiProblem,
// PDFs and uploads, and the server-sent event streams read through fetch (so that the token
// goes with them).
import { ApiProblem, networkProblem, readProblem } from './problems.js';
import { sseParser } from './sse.js';
import { accessToken, signInAgain } from './session.js';

const ACCEPT_JSON = 'application/json, application/problem+json';

function sessionEnded() {
  const leaving = signInAgain();
  return new ApiProblem({
    status: 401,
    detail: leaving
      ? '登录已过期，正在重新登录；已填写的内容会保留 (Your session has ended; signing in again, what you typed is kept)'
      : '登录已过期，请重新登录 (Your session has ended; please sign in again)',
  });
}

/** Calls the gateway; answers the parsed JSON (or the Response with {@code raw}), else throws {@link ApiProblem}. */
export async function request(method, path, { body, contentType, accept = ACCEPT_JSON, raw = false, signal } = {}) {
  let token;
  try {
    token = await accessToken();
  } catch {
    throw sessionEnded();
  }
  const headers = { Authorization: `Bearer ${token}`, Accept: accept };
  let payload;
  if (body instanceof Blob || body instanceof ArrayBuffer) {
    payload = body;
    headers['Content-Type'] = contentType || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, cache: 'no-store', signal });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw networkProblem();
  }
  if (response.status === 401) {
    await readProblem(response);
    throw sessionEnded();
  }
  if (!response.ok) throw await readProblem(response);
  if (raw) return response;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, body, options) => request('POST', path, { ...options, body: options?.body ?? (body === undefined ? {} : body) }),
  put: (path, body, options) => request('PUT', path, { ...options, body }),
  del: (path, options) => request('DELETE', path, options),
};

/** A site's path segment. */
export const seg = (value) => encodeURIComponent(value);

/**
 * Opens a PDF the API prints (an agreement, a receipt) in a new tab; where the browser
 * blocks the tab, downloads it.
 */
export async function openPdf(path, filename) {
  const response = await request('GET', path, { raw: true, accept: 'application/pdf, application/problem+json' });
  const blob = await response.blob();
  const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
  const opened = window.open(url, '_blank');
  if (!opened) {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename || 'document.pdf';
    document.body.append(link);
    link.click();
    link.remove();
  }
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
  return { bytes: blob.size, type: response.headers.get('Content-Type') };
}

/**
 * Follows a server-sent event stream for as long as {@code signal} is not aborted, connecting
 * again (with a fresh token) after a drop. While the tab is hidden the stream is closed (a
 * browser keeps only six connections per server, and each open stream holds one) and opened
 * again when the tab is back. {@code onEvent} gets each event; {@code onState} 'open',
 * 'retrying' or 'paused' — after anything but 'open' the caller reads afresh what it shows.
 */
export function follow(path, { onEvent, onState = () => {}, signal }) {
  let attempt = 0;
  let connection = null;
  let wake = null;
  const hidden = () => document.visibilityState === 'hidden';
  const onVisibility = () => {
    if (hidden()) connection?.abort();
    else if (wake) wake();
  };
  document.addEventListener('visibilitychange', onVisibility);
  signal.addEventListener('abort', () => {
    document.removeEventListener('visibilitychange', onVisibility);
    connection?.abort();
    if (wake) wake();
  });
  const pause = (ms) => new Promise((resolve) => {
    const timer = ms === null ? null : setTimeout(resolve, ms);
    wake = () => { clearTimeout(timer); wake = null; resolve(); };
  });
  const run = async () => {
    while (!signal.aborted) {
      if (hidden()) {
        onState('paused');
        await pause(null);
        continue;
      }
      connection = new AbortController();
      try {
        const response = await request('GET', path, { raw: true, accept: 'text/event-stream', signal: connection.signal });
        attempt = 0;
        onState('open');
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        const parser = sseParser(onEvent);
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          parser.push(decoder.decode(value, { stream: true }));
        }
      } catch (error) {
        if (signal.aborted || error?.status === 401) return;
      }
      if (signal.aborted) return;
      if (hidden()) continue;
      onState('retrying');
      attempt += 1;
      await pause(Math.min(15_000, 1000 * 2 ** Math.min(attempt, 4)));
    }
  };
  run();
}

/**
 * Downloads what the API writes as a file (a report's .xlsx or .csv, the cash report), under
 * the name the API gives in Content-Disposition; answers its size and type.
 */
export async function download(path, fallbackName) {
  const response = await request('GET', path, { raw: true, accept: '*/*' });
  const blob = await response.blob();
  const disposition = response.headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name || 'download';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { bytes: blob.size, type: response.headers.get('Content-Type'), name };
}
