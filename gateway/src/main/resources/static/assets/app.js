// The web shell of 案场管理系统: sign-in, the user's sites, and the day's rotation
// (排序表) of the chosen site, which the site's MANAGER can set.
import { Auth } from './auth.js';

/** Realm roles in the order the header names them, with their Chinese names. */
const ROLE_NAMES = new Map([
  ['SALES', '置业顾问'],
  ['SUPERVISOR', '销售主任'],
  ['MANAGER', '销售经理'],
  ['ASSISTANT', '销售助理'],
  ['SALES_CONTROL', '总销控'],
  ['FINANCE', '财务'],
  ['HEAD_OFFICE', '总部'],
  ['ADMIN', '管理员'],
]);
/** Roles that receive customers at the desk and so may be on the rotation (R-REC-1). */
const RECEIVING = new Set(['SALES', 'SUPERVISOR', 'MANAGER']);
const SITE_KEY = 'anchang.site';
const REAUTH_KEY = 'anchang.reauth';
/** After a 401 the shell signs in again, but not again within this time (no redirect loop). */
const REAUTH_PAUSE_MS = 60_000;

const $ = (id) => document.getElementById(id);

const state = {
  auth: null,
  claims: null,
  sites: [],
  site: null,
  profile: null,
  rotation: null,
  draft: [],
  draftDirty: false,
  loadSeq: 0,
  saving: false,
  loadedAt: null,
};

// ---------------------------------------------------------------- errors and messages

/** A problem the server (or the network) answered, RFC 9457-shaped. */
class ApiError extends Error {
  constructor(problem) {
    super(problem.detail || problem.title || '请求失败');
    this.name = 'ApiError';
    this.problem = problem;
  }
}

/** Thrown when the page is leaving for the login page: nothing more to show. */
class Leaving extends Error {
  constructor() {
    super('leaving for the login page');
    this.name = 'Leaving';
  }
}

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key in node && typeof value !== 'string') node[key] = value;
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

/**
 * Shows what went wrong in {@code container}: a heading saying what failed, the server's
 * (Chinese-first) detail, and the status and correlation id to quote to support.
 */
function showProblem(container, heading, error, action) {
  const problem = error instanceof ApiError
    ? error.problem
    : { title: error?.name === 'AuthError' ? '登录失败' : '出错了', detail: error?.message || String(error) };
  const meta = [];
  if (problem.status) meta.push(`HTTP ${problem.status}${problem.title ? ' ' + problem.title : ''}`);
  if (problem.correlationId) meta.push(`追踪编号：${problem.correlationId}`);
  container.replaceChildren(el('div', { class: 'problem', role: 'alert', 'data-test': 'problem' },
    el('p', { class: 'problem-heading' }, el('strong', { text: heading })),
    el('p', { class: 'problem-detail', 'data-test': 'problem-detail', text: problem.detail || problem.title || '请求失败' }),
    meta.length ? el('p', { class: 'problem-meta', text: meta.join(' · ') }) : null,
    problem.correlationId ? el('p', { class: 'problem-meta', text: '如需帮助，请将追踪编号提供给系统管理员。' }) : null,
    action ? el('p', {}, el('button', { type: 'button', class: 'button secondary', text: action.label, onclick: action.run })) : null,
  ));
}

function clearMessages(container = $('messages')) {
  container.replaceChildren();
}

// ---------------------------------------------------------------- the API

async function readProblem(response) {
  const problem = { status: response.status, correlationId: response.headers.get('X-Correlation-Id') };
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try {
      const body = await response.json();
      if (body && typeof body === 'object') {
        problem.title = body.title;
        problem.detail = body.detail;
        problem.correlationId = body.correlationId || problem.correlationId;
        problem.type = body.type;
      }
    } catch {
      // not JSON after all: the generic detail below
    }
  }
  if (!problem.detail) {
    problem.detail = response.status >= 500
      ? `服务器暂时无法处理请求，请稍后重试 (HTTP ${response.status})`
      : `请求未成功 (HTTP ${response.status})`;
  }
  return problem;
}

/** Calls the gateway with the user's token; answers the JSON body or throws {@link ApiError}. */
async function api(path, { method = 'GET', body } = {}) {
  const token = await state.auth.accessToken();
  if (!token) {
    await signInAgain();
  }
  const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError({ title: '网络错误', detail: '无法连接服务器，请检查网络后重试。' });
  }
  if (response.status === 401) {
    const problem = await readProblem(response);
    const last = Number(sessionStorage.getItem(REAUTH_KEY) || 0);
    if (Date.now() - last > REAUTH_PAUSE_MS) {
      await signInAgain();
    }
    throw new ApiError({ ...problem, signIn: true });
  }
  if (!response.ok) throw new ApiError(await readProblem(response));
  if (response.status === 204) return null;
  return response.json();
}

async function signInAgain() {
  sessionStorage.setItem(REAUTH_KEY, String(Date.now()));
  state.auth.clear();
  await state.auth.signIn();
  throw new Leaving();
}

const signInAction = { label: '重新登录', run: () => state.auth.signIn() };

// ---------------------------------------------------------------- views

function show(id, visible) {
  $(id).hidden = !visible;
}

function showWelcome(note) {
  show('loading', false);
  show('session', false);
  show('rotation', false);
  show('editor', false);
  show('no-sites', false);
  show('welcome', true);
  $('welcome-note').textContent = note || '';
}

function roleNames(claims) {
  const held = new Set(claims?.realm_access?.roles || []);
  const names = [...ROLE_NAMES].filter(([role]) => held.has(role)).map(([, name]) => name);
  return names.length ? names.join('、') : '未分配角色';
}

function ownSites(claims) {
  const sites = claims?.sites;
  if (Array.isArray(sites)) return sites.map(String);
  return typeof sites === 'string' && sites ? [sites] : [];
}

/** Whether the user is a MANAGER of {@code site}: only they set its rotation. */
function managesSite(site) {
  const roles = state.claims?.realm_access?.roles || [];
  return roles.includes('MANAGER') && ownSites(state.claims).includes(site);
}

function staffName(userId) {
  const member = state.profile?.staff?.find((m) => m.userId === userId);
  return member ? member.name : userId;
}

/** A day of the site's calendar (ISO date) as people write it: 2026年11月1日星期日. */
function formatDay(day) {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat('zh-CN', { dateStyle: 'full', timeZone: 'UTC' }).format(date);
}

async function showSignedIn() {
  state.claims = state.auth.claims();
  $('user-name').textContent = state.claims.name || state.claims.preferred_username || '用户';
  $('user-role').textContent = roleNames(state.claims);
  show('welcome', false);
  show('session', true);

  let sites;
  try {
    sites = await api('/api/reception/sites');
  } catch (error) {
    if (error instanceof Leaving) return;
    show('loading', false);
    showProblem($('messages'), '无法读取案场列表', error, error.problem?.signIn ? signInAction : {
      label: '重试', run: () => { clearMessages(); show('loading', true); showSignedIn(); },
    });
    return;
  }
  show('loading', false);
  state.sites = Array.isArray(sites) ? sites : [];
  const select = $('site-select');
  select.replaceChildren(...state.sites.map((site) => el('option', { value: site.code, text: `${site.name}（${site.code}）` })));
  if (state.sites.length === 0) {
    select.disabled = true;
    show('no-sites', true);
    return;
  }
  select.disabled = false;
  const remembered = sessionStorage.getItem(SITE_KEY);
  const first = state.sites.find((s) => s.code === remembered) || state.sites[0];
  select.value = first.code;
  await loadSite(first.code, { resetDraft: true });
}

async function loadSite(code, { resetDraft = false } = {}) {
  const seq = ++state.loadSeq;
  const changedSite = state.site !== code;
  state.site = code;
  sessionStorage.setItem(SITE_KEY, code);
  clearMessages();
  show('rotation', true);
  $('rotation').setAttribute('aria-busy', 'true');
  if (changedSite) {
    state.loadedAt = null;
    show('rotation-stale', false);
    $('rotation-site').textContent = '';
    show('rotation-empty', false);
    show('rotation-set', false);
    show('editor', false);
  }
  const site = encodeURIComponent(code);
  let profile;
  let rotation;
  try {
    [profile, rotation] = await Promise.all([
      api(`/api/reception/sites/${site}`),
      api(`/api/reception/sites/${site}/rotation`),
    ]);
  } catch (error) {
    if (error instanceof Leaving || seq !== state.loadSeq) return;
    $('rotation').removeAttribute('aria-busy');
    if (changedSite) show('rotation', false);
    if (!changedSite && state.loadedAt) {
      const time = state.loadedAt.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
      $('rotation-stale').textContent = `以下是 ${time} 读取的排序表，可能已有变化。`;
      show('rotation-stale', true);
    }
    showProblem($('messages'), '无法读取今日排序表', error, error.problem?.signIn ? signInAction : {
      label: '重试', run: () => loadSite(code, { resetDraft }),
    });
    return;
  }
  if (seq !== state.loadSeq) return; // another site was chosen meanwhile
  state.profile = profile;
  state.rotation = rotation;
  state.loadedAt = new Date();
  $('rotation').removeAttribute('aria-busy');
  show('rotation-stale', false);
  renderRotation();
  if (managesSite(code)) {
    clearMessages($('editor-messages'));
    if (resetDraft || changedSite || !state.draftDirty) {
      resetDraftFromRotation();
    } else {
      keepEligibleInDraft();
    }
    renderEditor();
    show('editor', true);
  } else {
    show('editor', false);
  }
}

function renderRotation() {
  const { profile, rotation } = state;
  $('rotation-site').textContent = `· ${profile?.name || state.site}`;
  const day = $('rotation-day');
  day.textContent = formatDay(rotation.day);
  day.dataset.day = rotation.day;
  $('rotation-zone').textContent = profile?.timeZone ? `（案场时区 ${profile.timeZone}）` : '';

  const order = Array.isArray(rotation.order) ? rotation.order : [];
  show('rotation-empty', order.length === 0);
  show('rotation-set', order.length > 0);
  if (order.length === 0) return;

  const queue = Array.isArray(rotation.queue) ? rotation.queue : [];
  const up = $('rotation-up');
  up.textContent = rotation.up?.name ?? (rotation.eventMode ? '活动模式：由经理分配' : '暂无空闲人员');
  up.dataset.userId = rotation.up?.userId ?? '';
  const onDeck = $('rotation-on-deck');
  onDeck.textContent = rotation.onDeck?.name ?? '无';
  onDeck.dataset.userId = rotation.onDeck?.userId ?? '';

  // the up and on-deck reps are whoever the desk says, not the first two of the list: busy and out reps are skipped
  $('rotation-order').replaceChildren(...order.map((rep) => el('li', { 'data-user-id': rep.userId, 'data-status': rep.status || '' },
    el('span', { class: 'rep-name', text: rep.name }),
    el('span', { class: 'rep-id', text: rep.userId }),
    rep.userId === rotation.up?.userId ? el('span', { class: 'tag tag-up', text: '当前接待' }) : null,
    rep.userId === rotation.onDeck?.userId ? el('span', { class: 'tag', text: '下一位' }) : null,
    rep.status === 'BUSY' ? el('span', { class: 'tag tag-busy', text: rep.serving
      ? `接待中：${rep.serving.customer}，${rep.serving.minutes} 分钟` : (rep.statusName || '接待中') }) : null,
    rep.status === 'OUT' ? el('span', { class: 'tag tag-out', text: rep.statusName || '外出' }) : null,
    rep.owed > 0 ? el('span', { class: 'tag', text: `补接 ${rep.owed} 位` }) : null,
  )));
  show('rotation-queue-block', queue.length > 0);
  $('rotation-queue').replaceChildren(...queue.map((waiting) => el('li', { 'data-visit-id': waiting.visitId },
    el('span', { class: 'rep-name', text: waiting.customer }),
    el('span', { class: 'rep-id', text: `已等候 ${Math.floor((waiting.waitedSeconds || 0) / 60)} 分 ${(waiting.waitedSeconds || 0) % 60} 秒` }),
    waiting.preferredName ? el('span', { class: 'tag', text: `等 ${waiting.preferredName}` }) : null,
    waiting.newCustomer ? el('span', { class: 'tag', text: '新客户' }) : null,
  )));
  $('rotation-set-by').textContent = rotation.setBy
    ? `${staffName(rotation.setBy)}${staffName(rotation.setBy) !== rotation.setBy ? `（${rotation.setBy}）` : ''}`
    : '—';
}

// ---------------------------------------------------------------- the rotation editor

function eligibleStaff() {
  return (state.profile?.staff || []).filter((m) => m.active !== false && RECEIVING.has(m.role));
}

function resetDraftFromRotation() {
  const eligible = new Set(eligibleStaff().map((m) => m.userId));
  state.draft = (state.rotation?.order || []).map((rep) => rep.userId).filter((id) => eligible.has(id));
  state.draftDirty = false;
}

/** Keeps the unsaved order, less those who are no longer active receiving staff of the site. */
function keepEligibleInDraft() {
  const eligible = new Set(eligibleStaff().map((m) => m.userId));
  const dropped = state.draft.filter((id) => !eligible.has(id));
  if (dropped.length) {
    state.draft = state.draft.filter((id) => eligible.has(id));
    $('editor-status').textContent = `已从排序中移除不再在岗的人员：${dropped.map(staffName).join('、')}`;
  }
}

function renderEditor(focus) {
  const eligible = eligibleStaff();
  show('editor-no-staff', eligible.length === 0);
  $('editor-candidates').replaceChildren(...eligible.map((member) => {
    const id = `candidate-${member.userId}`;
    return el('li', {},
      el('input', {
        type: 'checkbox', id, value: member.userId, checked: state.draft.includes(member.userId),
        onchange: (event) => {
          if (event.target.checked) {
            if (!state.draft.includes(member.userId)) state.draft.push(member.userId);
          } else {
            state.draft = state.draft.filter((u) => u !== member.userId);
          }
          state.draftDirty = true;
          renderDraft();
        },
      }),
      el('label', { for: id }, `${member.name}（${ROLE_NAMES.get(member.role) || member.role}）`),
    );
  }));
  renderDraft(focus);
}

function renderDraft(focus) {
  const count = state.draft.length;
  show('editor-order-empty', count === 0);
  $('editor-order').replaceChildren(...state.draft.map((userId, index) => {
    const name = staffName(userId);
    return el('li', { 'data-user-id': userId },
      el('span', { class: 'position', 'aria-hidden': 'true', text: `${index + 1}.` }),
      el('span', { class: 'rep-name', text: name }),
      index === 0 ? el('span', { class: 'tag tag-up', text: '排第一' }) : null,
      el('span', { class: 'move' },
        el('button', {
          type: 'button', class: 'button small', text: '上移', 'aria-label': `上移 ${name}`,
          'data-action': 'up', disabled: index === 0, onclick: () => move(userId, -1, 'up'),
        }),
        el('button', {
          type: 'button', class: 'button small', text: '下移', 'aria-label': `下移 ${name}`,
          'data-action': 'down', disabled: index === count - 1, onclick: () => move(userId, 1, 'down'),
        }),
        el('button', {
          type: 'button', class: 'button small secondary', text: '移除', 'aria-label': `移除 ${name}`,
          onclick: () => remove(userId),
        }),
      ),
    );
  }));
  if (focus) {
    const item = [...$('editor-order').children].find((li) => li.dataset.userId === focus.userId);
    const wanted = item?.querySelector(`[data-action="${focus.action}"]`);
    const target = wanted && !wanted.disabled
      ? wanted
      : item?.querySelector(`[data-action="${focus.action === 'up' ? 'down' : 'up'}"]`);
    (target && !target.disabled ? target : $('save-rotation')).focus();
  }
}

function move(userId, delta, action) {
  const from = state.draft.indexOf(userId);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= state.draft.length) return;
  const draft = [...state.draft];
  [draft[from], draft[to]] = [draft[to], draft[from]];
  state.draft = draft;
  state.draftDirty = true;
  $('editor-status').textContent = `${staffName(userId)} 现排第 ${to + 1} 位`;
  renderDraft({ userId, action });
}

function remove(userId) {
  state.draft = state.draft.filter((u) => u !== userId);
  state.draftDirty = true;
  const box = document.getElementById(`candidate-${userId}`);
  if (box) box.checked = false;
  $('editor-status').textContent = `已移除 ${staffName(userId)}`;
  renderDraft();
  $('save-rotation').focus();
}

async function saveRotation() {
  if (state.saving || !state.rotation) return;
  const site = state.site;
  const day = state.rotation.day;
  state.saving = true;
  const button = $('save-rotation');
  button.disabled = true;
  button.textContent = '正在保存…';
  clearMessages($('editor-messages'));
  $('editor-status').textContent = '';
  try {
    await api(`/api/reception/sites/${encodeURIComponent(site)}/rotations/${encodeURIComponent(day)}`, {
      method: 'PUT',
      body: { reps: [...state.draft] },
    });
    state.draftDirty = false;
    $('editor-status').textContent = `已保存 ${day} 的排序表。`;
    await loadSite(site, { resetDraft: true });
  } catch (error) {
    if (error instanceof Leaving) return;
    showProblem($('editor-messages'), '保存排序表失败', error, error.problem?.signIn ? signInAction : null);
  } finally {
    state.saving = false;
    button.disabled = false;
    button.textContent = '保存排序表';
  }
}

// ---------------------------------------------------------------- start

async function loadConfig() {
  const response = await fetch('/assets/config.json', { cache: 'no-store', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new ApiError(await readProblem(response));
  const config = await response.json();
  if (typeof config.issuer !== 'string' || typeof config.clientId !== 'string') {
    throw new Error('系统配置不完整 (config.json lacks issuer or clientId)');
  }
  return config;
}

async function start() {
  let config;
  try {
    config = await loadConfig();
  } catch (error) {
    show('loading', false);
    showProblem($('messages'), '无法读取系统配置', error, { label: '重试', run: () => window.location.reload() });
    return;
  }
  const auth = new Auth({
    issuer: config.issuer,
    clientId: config.clientId,
    redirectUri: `${window.location.origin}/`,
    storage: window.sessionStorage,
    location: window.location,
    history: window.history,
    fetch: window.fetch.bind(window),
    onSessionLost: () => {
      auth.signIn().catch((error) => showWelcome(error.message));
    },
  });
  state.auth = auth;

  $('sign-in').addEventListener('click', async () => {
    $('sign-in').disabled = true;
    try {
      await auth.signIn();
    } catch (error) {
      $('sign-in').disabled = false;
      showProblem($('messages'), '无法开始登录', error);
    }
  });
  $('sign-out').addEventListener('click', () => {
    sessionStorage.removeItem(SITE_KEY);
    auth.signOut();
  });
  $('site-select').addEventListener('change', (event) => loadSite(event.target.value, { resetDraft: true }));
  $('reload-rotation').addEventListener('click', () => loadSite(state.site));
  $('save-rotation').addEventListener('click', saveRotation);
  $('reset-rotation').addEventListener('click', () => {
    resetDraftFromRotation();
    renderEditor();
    $('editor-status').textContent = '已恢复为当前排序。';
  });

  try {
    await auth.handleRedirect();
  } catch (error) {
    auth.clear();
    showWelcome();
    showProblem($('messages'), '登录未成功', error);
    return;
  }
  if (!auth.isSignedIn()) {
    showWelcome();
    return;
  }
  auth.scheduleRefresh();
  await showSignedIn();
}

start().catch((error) => {
  if (error instanceof Leaving) return;
  show('loading', false);
  showProblem($('messages'), '页面出错了，请刷新重试', error);
});
