// A form that sends once: what the user typed is kept in this tab's storage as they type (a
// session that ends mid-form signs in again and finds it there), a click while the form is
// on its way sends nothing more, and the requestId stays the same until the API has decided
// — a retry after a lost answer is the same request, which the API registers once. A list read
// from the API keeps its problem beside it the same way (useList).
import { newRequestId, check } from './validate.js';
import { ApiProblem, fieldErrors } from './problems.js';
import { i18n } from './i18n.js';
import { api } from './api.js';
import { listed, cutAt } from './lists.js';

const { reactive, watch } = Vue;
const PREFIX = 'anchang.draft.';

function read(key) {
  try {
    return JSON.parse(sessionStorage.getItem(key) || 'null');
  } catch {
    return null;
  }
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * @param key     where the draft is kept (unique per screen and site), or null for none
 * @param initial the empty form
 * @param rules   field → check(value, form) answering a validation key (or [key, params]) or null (validate.js)
 * @param byType  problem type → field it concerns, for the API's answers
 * @param submit  (values, requestId) → Promise of the API's answer
 * @param keep    after success the form keeps its values (an editor of what stands) instead of emptying
 */
export function useForm({ key = null, initial, rules = {}, byType = {}, submit, keep = false }) {
  const storageKey = key ? PREFIX + key : null;
  const saved = storageKey ? read(storageKey) : null;
  const blank = initial();
  const values = reactive({ ...blank, ...(saved?.values || {}) });
  const state = reactive({
    requestId: saved?.requestId || newRequestId(),
    submitting: false,
    problem: null,
    errors: {},
    restored: !!saved && !same({ ...blank, ...saved.values }, blank),
    result: null,
  });

  const remember = () => {
    if (!storageKey) return;
    if (same({ ...values }, initial())) sessionStorage.removeItem(storageKey);
    else sessionStorage.setItem(storageKey, JSON.stringify({ values: { ...values }, requestId: state.requestId }));
  };
  if (storageKey) watch([values, () => state.requestId], remember, { deep: true, flush: 'sync' });

  function setErrors(wrong) {
    const t = i18n.global.t;
    // a check answers a key, or [key, parameters] for messages that name a limit
    state.errors = Object.fromEntries(Object.entries(wrong).map(([field, answer]) => [field,
      Array.isArray(answer) ? t(`validation.${answer[0]}`, answer[1]) : t(`validation.${answer}`)]));
  }

  async function send() {
    if (state.submitting) return undefined;
    state.problem = null;
    state.errors = {};
    const wrong = check(values, rules);
    if (Object.keys(wrong).length) {
      setErrors(wrong);
      return undefined;
    }
    state.submitting = true;
    try {
      const result = await submit({ ...values }, state.requestId);
      state.result = result;
      if (!keep) Object.assign(values, initial());
      state.requestId = newRequestId();
      state.restored = false;
      if (storageKey) sessionStorage.removeItem(storageKey);
      return result;
    } catch (error) {
      const problem = error instanceof ApiProblem ? error : new ApiProblem({ detail: String(error?.message || error) });
      if (problem.definitive) state.requestId = newRequestId();
      const byField = fieldErrors(problem, { byType, locale: i18n.global.locale.value, fields: Object.keys(blank) });
      state.errors = byField;
      if (!Object.keys(byField).length || problem.errors || problem.signIn) state.problem = problem;
      return undefined;
    } finally {
      state.submitting = false;
    }
  }

  function reset() {
    Object.assign(values, initial());
    state.problem = null;
    state.errors = {};
    state.restored = false;
    state.requestId = newRequestId();
    if (storageKey) sessionStorage.removeItem(storageKey);
  }

  return { values, state, send, reset };
}

/**
 * An action without a form (see a customer off, hold a unit): one at a time, its problem
 * kept to be shown next to it.
 */
export function useAction(run) {
  const state = reactive({ busy: false, problem: null, result: null });
  async function act(...args) {
    if (state.busy) return undefined;
    state.busy = true;
    state.problem = null;
    try {
      state.result = await run(...args);
      return state.result;
    } catch (error) {
      state.problem = error instanceof ApiProblem ? error : new ApiProblem({ detail: String(error?.message || error) });
      return undefined;
    } finally {
      state.busy = false;
    }
  }
  return { state, act };
}

/**
 * A list read from the API: {@code state.items} (empty when the API answers nothing) and the problem
 * of the last read in {@code state.problem}, cleared once a read succeeds; what was shown stays
 * shown when a read fails.
 *
 * @param url   the path, or a function answering it at each read (for a screen's filters)
 * @param extra the screen's own fields, kept in the same state (filters, a summary)
 * @param also  (state) → Promise, run after the list came, in the same read: its problem is the read's
 * A page of the API ({page, size, total, items}) keeps its numbers in {@code state.page} beside its items.
 *
 * @return { state, load, keep } — keep(item) puts an item the API answered in place of its old self (same id), else first
 */
export function useList(url, extra = {}, also = null) {
  // cut: the rows shown when the API's limit cut the list (0 for a whole one); the screen says to narrow the search
  const state = reactive({ items: [], problem: null, cut: 0, ...extra });
  async function load() {
    try {
      const response = await api.get(typeof url === 'function' ? url() : url, { raw: true });
      const text = await response.text();
      const { items, page } = listed(text ? JSON.parse(text) : null);
      state.cut = cutAt(response.headers);
      state.items = items;
      if (page) state.page = page;
      if (also) await also(state);
      state.problem = null;
    } catch (error) {
      state.problem = error;
    }
  }
  function keep(item) {
    const i = state.items.findIndex((x) => x.id === item.id);
    if (i >= 0) state.items[i] = item; else state.items.unshift(item);
  }
  return { state, load, keep };
}
