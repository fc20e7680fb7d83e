// Problem details (RFC 9457) as the services answer them, and what a screen shows of them:
// the detail in the reader's language next to the field or action it concerns.
// Pure module: no browser globals, so that Node's test runner checks it as it is.

export const TYPE_PREFIX = 'urn:anchang:problem:';

/** Conflicts that mean "the same request is still under way": its answer is coming, so a retry keeps its id. */
const UNDER_WAY = new Set(['visit-in-progress']);

/** A request that did not succeed: the server's problem detail, or the network's failure. */
export class ApiProblem extends Error {
  constructor({ status = 0, type = null, title = null, detail = null, fields = null, errors = null, correlationId = null,
    network = false } = {}) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiProblem';
    this.status = status;
    this.type = slug(type);
    this.title = title;
    this.detail = detail;
    this.fields = fields && typeof fields === 'object' ? fields : null;
    this.errors = Array.isArray(errors) ? errors : null;
    this.correlationId = correlationId;
    this.network = network;
  }

  /** The session is gone (the token was refused): sign in again. */
  get signIn() {
    return this.status === 401;
  }

  /**
   * The server decided (a 2xx would have, too): a new attempt is a new request and gets a new
   * requestId. Not after a lost answer, a refused token, a timeout or the server's trouble —
   * those may be retried as the same request, which the API then answers once.
   */
  get definitive() {
    return this.status >= 400 && this.status < 500 && ![401, 408, 429].includes(this.status) && !UNDER_WAY.has(this.type);
  }
}

/** {@code urn:anchang:problem:unit-already-held} → {@code unit-already-held}. */
export function slug(type) {
  if (typeof type !== 'string' || !type) return null;
  return type.startsWith(TYPE_PREFIX) ? type.slice(TYPE_PREFIX.length) : type;
}

const CJK = /[\u3400-\u9fff]/;

/**
 * The services write details Chinese first, the English after it in brackets:
 * "电话号码无效：123 (Not a possible phone number: 123)". Answers both halves; a detail
 * that is not so written is both.
 */
export function splitDetail(detail) {
  const text = typeof detail === 'string' ? detail.trim() : '';
  if (text.endsWith(')')) {
    let depth = 0;
    for (let i = text.length - 1; i >= 0; i -= 1) {
      if (text[i] === ')') depth += 1;
      else if (text[i] === '(') {
        depth -= 1;
        if (depth === 0) {
          const zh = text.slice(0, i).trim();
          const en = text.slice(i + 1, -1).trim();
          // only a Chinese sentence followed by its English; not "… (English): 第 2 行 … (more)"
          if (i > 0 && /\s/.test(text[i - 1]) && CJK.test(zh) && !/\([A-Za-z]/.test(zh) && en) return { zh, en };
          break;
        }
      }
    }
  }
  return { zh: text, en: text };
}

/** An instant as the services write it (ISO-8601 in UTC, Java's Instant): 2026-12-06T18:16:05.427197764Z. */
const INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?Z\b/g;

/**
 * The instants in a detail as the reader's clock shows them ("12月7日 02:16", "7 Dec, 02:16"): a rep told a unit is
 * held until 2026-12-06T18:16:05.427197764Z cannot act on it. {@code timeZone} is the browser's unless given.
 */
export function localTimes(text, locale, timeZone) {
  const zh = String(locale || '').toLowerCase().startsWith('zh');
  const format = new Intl.DateTimeFormat(zh ? 'zh-CN' : 'en-GB', {
    month: zh ? 'long' : 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone,
  });
  return String(text).replace(INSTANT, (iso) => {
    // a Date keeps milliseconds only; the nanoseconds of Java's instant are dropped first
    const at = new Date(iso.replace(/(\.\d{3})\d*Z$/, '$1Z'));
    return Number.isNaN(at.getTime()) ? iso : format.format(at);
  });
}

/** The detail in the reader's language, its instants in the reader's time. */
export function detailIn(detail, locale, timeZone) {
  const { zh, en } = splitDetail(detail);
  return localTimes(String(locale || '').toLowerCase().startsWith('zh') ? zh : en, locale, timeZone);
}

/** Bean Validation's messages (which the API answers per field, in English) in Chinese. */
export function fieldMessage(message, locale) {
  const text = String(message || '');
  if (!String(locale || '').toLowerCase().startsWith('zh')) return text;
  if (/must not be (blank|null|empty)/.test(text)) return '必填';
  let m = text.match(/size must be between (\d+) and (\d+)/);
  if (m) return Number(m[1]) > 0 ? `数量或长度须在 ${m[1]} 到 ${m[2]} 之间` : `最多 ${m[2]} 项（字）`;
  if (/must match/.test(text)) return '格式不对';
  m = text.match(/must be less than or equal to (\S+)/);
  if (m) return `不能大于 ${m[1]}`;
  m = text.match(/must be greater than or equal to (\S+)/);
  if (m) return `不能小于 ${m[1]}`;
  return text;
}

/**
 * Which of a form's fields a problem concerns: the API's {@code fields} (Bean Validation, by
 * property path, its first segment) and the problem types the form knows ({@code byType}:
 * slug → field). Answers field → message; what is left (no field) is the form's own.
 */
export function fieldErrors(problem, { byType = {}, locale = 'zh-CN', fields: known = null } = {}) {
  const out = {};
  if (!problem) return out;
  if (problem.fields) {
    for (const [path, message] of Object.entries(problem.fields)) {
      const field = String(path).split(/[.[]/)[0];
      if (known && !known.includes(field)) continue;
      if (!(field in out)) out[field] = fieldMessage(message, locale);
    }
  }
  const field = problem.type ? byType[problem.type] : null;
  const target = typeof field === 'function' ? field(problem) : field;
  if (target && !(target in out)) out[target] = detailIn(problem.detail, locale);
  return out;
}

/** Reads a failed response into an {@link ApiProblem}, whatever its body. */
export async function readProblem(response) {
  const init = { status: response.status, correlationId: response.headers.get('X-Correlation-Id') };
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      if (body && typeof body === 'object') {
        Object.assign(init, {
          type: body.type, title: body.title, detail: body.detail, fields: body.fields, errors: body.errors,
          correlationId: body.correlationId || init.correlationId,
        });
      }
    } catch {
      // not JSON after all: the detail below
    }
  }
  if (!init.detail) {
    init.detail = response.status === 503 || response.status === 504
      ? `服务暂时不可用，请稍后重试 (The service is not available now; try again shortly, HTTP ${response.status})`
      : response.status >= 500
        ? `服务器暂时无法处理请求，请稍后重试 (The server could not handle the request, HTTP ${response.status})`
        : `请求未成功 (The request did not succeed, HTTP ${response.status})`;
  }
  return new ApiProblem(init);
}

/** The network failed: nothing was answered. */
export function networkProblem() {
  return new ApiProblem({
    status: 0, network: true,
    detail: '无法连接服务器，请检查网络后重试 (Cannot reach the server; check the network and try again)',
  });
}
