#!/usr/bin/env node
// The web application end to end in a real browser (Debian's Chromium, driven by
// playwright-core) against a running office: `node webapp.mjs <scenario>`. Each scenario signs
// its users in on Keycloak's own login page, works the screens as people do, prints one line
// of JSON (what it saw, for the system test to check against the API) and exits 0 — or prints
// {"ok":false,"step":…,"error":…} and exits 1 (2 for a wrong call).
//
//   main-pages      every role signs in and lands on its main page; its menu shows only its screens;
//                   no horizontal overflow at 1280 and 390 px; a PNG of each; Chinese, English switchable
//   walk-in         the desk sees a customer off, registers a walk-in with a double click, reads who
//                   serves and why; the board shows the rep serving; the rep's list has the customer
//   unit-live       a rep holds a unit on one board, sales control's board turns colour without a
//                   reload; the rep asks for a deposit, may not confirm it (no button, the API refuses);
//                   the finance desk confirms, the unit moves on both boards
//   session-expiry  the session ends while a walk-in is typed: the application signs in again and
//                   the form still holds what was typed
//   bad-input       the form refuses a wrong phone before sending; a phone only the API refuses comes
//                   back as its problem detail next to its field; a price list's wrong rows are each shown
//
//   ANCHANG_URL (required), ANCHANG_PASSWORD (required), ANCHANG_OUT (folder for PNGs, default .),
//   ANCHANG_REP and ANCHANG_CUSTOMER_PHONE (unit-live: a rep and a customer of theirs),
//   ANCHANG_SITE (default SH01), ANCHANG_TIMEOUT_MS (per step, default 60000), CHROMIUM.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { launch, webConfig, userContext, signIn, keycloakLogin, overflow, settle, sel } from './lib.mjs';

const env = process.env;
const scenario = process.argv[2];
const started = Date.now();
let step = 'start';
const contexts = [];

function finish(code, result) {
  process.stdout.write(`${JSON.stringify({ scenario, ms: Date.now() - started, ...result })}\n`);
  process.exit(code);
}

const SCENARIOS = { 'main-pages': mainPages, 'walk-in': walkIn, 'unit-live': unitLive, 'session-expiry': sessionExpiry, 'bad-input': badInput };
const missing = ['ANCHANG_URL', 'ANCHANG_PASSWORD'].filter((name) => !env[name]);
if (!SCENARIOS[scenario] || missing.length) {
  finish(2, { ok: false, step: 'arguments', error: `usage: node webapp.mjs ${Object.keys(SCENARIOS).join('|')}; missing: ${missing.join(', ')}` });
}

const base = env.ANCHANG_URL.replace(/\/+$/, '');
const password = env.ANCHANG_PASSWORD;
const out = resolve(env.ANCHANG_OUT || '.');
const site = env.ANCHANG_SITE || 'SH01';
const timeout = Number(env.ANCHANG_TIMEOUT_MS) > 0 ? Number(env.ANCHANG_TIMEOUT_MS) : 60_000;
let issuer;
let browser;

async function context(options = {}) {
  const made = await userContext(browser, { base, issuer, timeout, ...options });
  contexts.push(made);
  return made;
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** A mainland mobile nobody has used: 139 and eight random digits. */
function newPhone() {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** A token of a demo user from the password grant of the CLI client (to call the API as that user). */
async function tokenOf(user) {
  const response = await fetch(`${issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'anchang-cli', username: user, password }),
  });
  expect(response.ok, `no token for ${user}: HTTP ${response.status}`);
  return (await response.json()).access_token;
}

async function apiAs(token, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** The page shows nothing but what it should: no uncaught error, nothing fetched from outside. */
function clean(ctx, who) {
  expect(!ctx.watch.errors.length, `${who}: the page threw: ${ctx.watch.errors.join(' | ')}`);
  expect(!ctx.watch.outside.length, `${who}: the page fetched from outside the deployment: ${[...new Set(ctx.watch.outside)].join(', ')}`);
}

// ------------------------------------------------------------------ main pages

const MAIN_PAGES = [
  { user: 'sh01-sales1', role: 'SALES', screen: 'mine', marker: 'workspace', menu: ['desk', 'mine', 'board'] },
  { user: 'sh01-assistant', role: 'ASSISTANT', screen: 'desk', marker: 'desk', menu: ['desk', 'board'] },
  { user: 'sh01-supervisor', role: 'SUPERVISOR', screen: 'desk', marker: 'desk', menu: ['desk', 'mine', 'board', 'manager'] },
  { user: 'sh01-manager', role: 'MANAGER', screen: 'manager', marker: 'manager', menu: ['desk', 'mine', 'board', 'finance', 'manager'] },
  { user: 'sh01-control', role: 'SALES_CONTROL', screen: 'board', marker: 'board', menu: ['board'] },
  { user: 'sh01-finance', role: 'FINANCE', screen: 'finance', marker: 'finance', menu: ['board', 'finance'] },
  { user: 'hq-analyst', role: 'HEAD_OFFICE', screen: 'hq', marker: 'head-office', menu: ['hq'] },
  { user: 'admin', role: 'ADMIN', screen: 'manager', marker: 'manager', menu: ['manager', 'hq'] },
];

async function mainPages() {
  await mkdir(out, { recursive: true });
  const pages = [];
  for (const want of MAIN_PAGES) {
    step = `${want.user}: sign in through Keycloak's page`;
    const ctx = await context({ width: 1280, height: 900 });
    const page = await signIn(ctx, { base, issuer, user: want.user, password, path: '/' });
    step = `${want.user}: lands on ${want.screen}`;
    await page.waitForURL((url) => url.pathname === `/${want.screen}`);
    await page.locator(sel(want.marker)).waitFor({ state: 'visible' });
    expect(await page.getAttribute('html', 'lang') === 'zh-CN', `${want.user}: the page is not in Chinese`);
    const menu = await page.locator('[data-test^="nav-"]').evaluateAll((links) => links.map((a) => a.dataset.test.slice(4)));
    expect(JSON.stringify(menu) === JSON.stringify(want.menu), `${want.user}: the menu shows ${menu}, not ${want.menu}`);
    const name = (await page.locator(sel('user-name')).innerText()).trim();
    const shots = {};
    for (const [width, height] of [[1280, 900], [390, 844]]) {
      step = `${want.user}: the main page at ${width} px`;
      await page.setViewportSize({ width, height });
      await settle(page, 800);
      const measured = await overflow(page);
      expect(!measured.overflows, `${want.user} at ${width} px: the page is ${measured.scroll} px wide (${measured.culprits.join(', ')})`);
      const file = join(out, `${want.role.toLowerCase().replace('_', '-')}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      shots[width] = { file, scrollWidth: measured.scroll, width: measured.width };
    }
    clean(ctx, want.user);
    pages.push({ user: want.user, role: want.role, name, path: new URL(page.url()).pathname, menu, shots });
    await ctx.close();
  }

  step = 'English, switchable';
  const ctx = await context({ width: 1280 });
  const page = await signIn(ctx, { base, issuer, user: 'sh01-assistant', password, path: '/desk' });
  await page.locator(sel('desk')).waitFor();
  const chinese = (await page.locator(sel('nav-desk')).innerText()).trim();
  await page.locator(sel('language')).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const english = (await page.locator(sel('nav-desk')).innerText()).trim();
  const button = (await page.locator(sel('register-visit')).innerText()).trim();
  await page.setViewportSize({ width: 390, height: 844 });
  await settle(page, 500);
  const englishOnPhone = await overflow(page);
  expect(!englishOnPhone.overflows, `the desk in English at 390 px is ${englishOnPhone.scroll} px wide (${englishOnPhone.culprits.join(', ')})`);
  await page.locator(sel('language')).click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  expect(chinese === '接待台' && english === 'Front desk' && button === 'Register visit', `language: ${chinese} / ${english} / ${button}`);
  clean(ctx, 'sh01-assistant');
  return { pages, language: { chinese, english, button } };
}

// ------------------------------------------------------------------ walk-in

async function upUserId(page) {
  return page.locator(sel('rotation-up')).getAttribute('data-user-id');
}

async function walkIn() {
  step = 'the desk signs in';
  const ctx = await context();
  const desk = await signIn(ctx, { base, issuer, user: 'sh01-assistant', password, path: '/desk' });
  await desk.locator(sel('rotation-order')).waitFor();

  step = 'see customers off until a rep is free (R-REC-2: the waiting customers go first)';
  const seenOff = [];
  for (let i = 0; i < 8 && !(await upUserId(desk)); i += 1) {
    const button = desk.locator(`${sel('rotation-order')} ${sel('see-off')}`).first();
    const rep = await button.locator('xpath=ancestor::li[1]').getAttribute('data-user-id');
    const customer = (await button.locator(`xpath=ancestor::li[1]`).locator(sel('serving')).innerText()).trim();
    await button.click();
    await desk.waitForFunction(({ rep, customer }) => {
      const li = document.querySelector(`[data-test="rotation-order"] li[data-user-id="${rep}"]`);
      const serving = li && li.querySelector('[data-test="serving"]');
      return !serving || serving.textContent.trim() !== customer;
    }, { rep, customer });
    seenOff.push(rep);
  }
  const up = await upUserId(desk);
  expect(up, 'nobody is free at the desk after seeing customers off');

  step = 'register a walk-in with a double click';
  const name = `网测${String(Date.now()).slice(-6)}`;
  const phone = newPhone();
  const posts = [];
  desk.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith(`/api/reception/sites/${site}/visits`)) posts.push(request.url());
  });
  await desk.fill(sel('visit-phone'), phone);
  await desk.fill(sel('visit-name'), name);
  await desk.locator(`${sel('visit-first')} label`).first().click();
  await desk.locator(sel('register-visit')).dblclick();
  const answer = desk.locator(sel('visit-answer'));
  await answer.waitFor({ state: 'visible' });
  const servedBy = await answer.getAttribute('data-served-by');
  const visitId = await answer.getAttribute('data-visit-id');
  const ruleId = await answer.getAttribute('data-rule');
  const sentence = (await desk.locator(sel('answer-sentence')).innerText()).trim();
  const rule = (await desk.locator(sel('answer-rule')).innerText()).trim();
  expect(servedBy === up, `the rep who was up (${up}) should serve, not ${servedBy}`);
  expect(sentence.includes(name), `the answer does not name the customer: ${sentence}`);
  expect(/^R-[A-Z]+-\d+/.test(rule), `the answer does not give its rule: ${rule}`);

  step = 'the board shows the rep serving the customer';
  await desk.waitForFunction(({ rep, last4 }) => {
    const serving = document.querySelector(`[data-test="rotation-order"] li[data-user-id="${rep}"] [data-test="serving"]`);
    return serving && serving.textContent.includes(last4);
  }, { rep: servedBy, last4: phone.slice(-4) });
  await desk.locator(`${sel('register')} [data-visit-id="${visitId}"]`).waitFor();

  step = `the serving rep ${servedBy} finds the customer on their list`;
  const repCtx = await context();
  const mine = await signIn(repCtx, { base, issuer, user: servedBy, password, path: '/mine' });
  await mine.locator(`${sel('my-customer')}:has-text("${name}")`).waitFor();
  const protection = (await mine.locator(`${sel('my-customer')}:has-text("${name}") ${sel('protection')}`).innerText()).trim();
  clean(ctx, 'the desk');
  clean(repCtx, servedBy);
  return { name, phone, up, servedBy, visitId, ruleId, sentence, rule, seenOff, posts: posts.length, protection };
}

// ------------------------------------------------------------------ unit-live

async function unitLive() {
  step = 'arguments';
  const rep = env.ANCHANG_REP;
  const customerPhone = env.ANCHANG_CUSTOMER_PHONE;
  expect(rep && customerPhone, 'unit-live needs ANCHANG_REP and ANCHANG_CUSTOMER_PHONE');

  step = 'a rep and sales control open the board';
  const repCtx = await context();
  const board = await signIn(repCtx, { base, issuer, user: rep, password, path: '/board' });
  const controlCtx = await context();
  const control = await signIn(controlCtx, { base, issuer, user: 'sh01-control', password, path: '/board' });
  for (const page of [board, control]) {
    await page.locator(`${sel('live')}[data-live="open"]`).waitFor();
    await page.evaluate(() => { window.notReloaded = true; });
  }

  step = 'the rep holds an available unit for their customer';
  const tile = board.locator(`${sel('unit')}[data-status="AVAILABLE"]`).first();
  const label = await tile.getAttribute('data-unit');
  const unitId = await tile.getAttribute('data-unit-id');
  await tile.click();
  const panel = board.locator(sel('unit-panel'));
  await panel.waitFor();
  const picker = panel.locator(sel('customer-picker'));
  await picker.locator('.ant-input-search input').fill(customerPhone);
  await picker.locator('.ant-input-search-button').click();
  await picker.locator('.ant-select-selection-item').waitFor();
  await panel.locator(sel('hold')).click();
  await board.locator(`${sel('unit-panel')}[data-status="HELD"]`).waitFor();

  step = "sales control's board turns the unit HELD without a reload";
  await control.locator(`${sel('unit')}[data-unit="${label}"][data-status="HELD"]`).waitFor();
  expect(await control.evaluate(() => window.notReloaded === true), "sales control's board was reloaded");

  step = 'the rep asks the finance desk for a small deposit';
  await panel.locator(`${sel('deposit-amount')}`).fill('20000');
  await panel.locator(sel('request-deposit')).click();
  await panel.locator(sel('deposit-requested')).waitFor();

  step = 'the rep sees no confirmation: no finance screen, no button';
  const repMenu = await board.locator('[data-test^="nav-"]').evaluateAll((links) => links.map((a) => a.dataset.test));
  expect(!repMenu.includes('nav-finance'), `the rep's menu offers the finance desk: ${repMenu}`);
  const finPage = await repCtx.newPage();
  await finPage.goto(`${base}/finance`);
  await finPage.locator(sel('not-allowed')).waitFor();
  expect(await finPage.locator(sel('confirm-deposit')).count() === 0, 'the rep sees a confirm button');
  await finPage.close();

  step = 'the API refuses the rep anyway (R-SEC-2)';
  const repToken = await tokenOf(rep);
  const unit = await apiAs(repToken, 'GET', `/api/deals/sites/${site}/units/${encodeURIComponent(unitId)}`);
  const requestId = unit.body?.request?.requestId;
  expect(requestId, `the unit has no deposit request: ${JSON.stringify(unit.body)}`);
  const refused = await apiAs(repToken, 'POST', `/api/finance/deposit-requests/${encodeURIComponent(requestId)}/confirmation`,
    { amount: '20000', currency: 'CNY', method: 'CASH' });

  step = 'the finance desk sees the request with the hold counting down and confirms it';
  const financeCtx = await context();
  const finance = await signIn(financeCtx, { base, issuer, user: 'sh01-finance', password, path: '/finance' });
  const card = finance.locator(`${sel('deposit-request')}[data-unit="${label}"]`);
  await card.waitFor();
  const left = Number(await card.locator(sel('countdown')).getAttribute('data-left'));
  expect(left > 0, `the hold of ${label} shows no time left (${left})`);
  await card.locator(sel('confirm-deposit')).click();
  const form = finance.locator(sel('confirm-form'));
  await form.waitFor();
  expect(await form.locator(`${sel('confirm-amount')}`).inputValue() === '20000.00', 'the amount due is not filled in');
  await form.locator(`${sel('confirm-method')} label`).first().click();
  await form.locator(sel('confirm-submit')).click();
  const receipt = finance.locator(sel('receipt')).first();
  await receipt.waitFor();
  const receiptNo = await receipt.getAttribute('data-receipt');

  step = 'the unit moves to SMALL_DEPOSIT on both boards, without a reload';
  for (const page of [board, control]) {
    await page.locator(`${sel('unit')}[data-unit="${label}"][data-status="SMALL_DEPOSIT"]`).waitFor();
    expect(await page.evaluate(() => window.notReloaded === true), 'a board was reloaded');
  }

  step = 'the receipt opens as a PDF';
  const opened = await Promise.race([
    finance.waitForEvent('popup').then((popup) => popup.url()),
    finance.waitForEvent('download').then((download) => `download:${download.suggestedFilename()}`),
    receipt.locator(sel('receipt-pdf')).click().then(() => new Promise(() => {})),
  ]);
  for (const [ctx, who] of [[repCtx, rep], [controlCtx, 'sh01-control'], [financeCtx, 'sh01-finance']]) clean(ctx, who);
  return { unit: label, unitId, requestId, receiptNo, refused: { status: refused.status, type: refused.body?.type, detail: refused.body?.detail }, left, pdf: opened };
}

// ------------------------------------------------------------------ session expiry

async function sessionExpiry() {
  step = 'the desk signs in (the browser clock is one the test can move)';
  const ctx = await context();
  await ctx.clock.install();
  const desk = await signIn(ctx, { base, issuer, user: 'sh01-assistant', password, path: '/desk' });
  await desk.locator(sel('walk-in')).waitFor();

  step = 'type a walk-in';
  const name = `续登${String(Date.now()).slice(-6)}`;
  const phone = newPhone();
  await desk.fill(sel('visit-phone'), phone);
  await desk.fill(sel('visit-name'), name);

  step = 'the session ends at Keycloak, and the access token runs out';
  const other = await ctx.newPage();
  await other.goto(`${issuer}/protocol/openid-connect/logout`);
  await other.locator('#kc-logout').click();
  await other.waitForLoadState('domcontentloaded');
  await other.close();
  await desk.clock.fastForward('20:00');

  step = 'sending goes to the login page (or the screen went there by itself on its next refresh)';
  const keycloak = new URL(issuer).origin;
  if (new URL(desk.url()).origin !== keycloak) {
    await desk.locator(sel('register-visit')).click({ timeout: 5000, noWaitAfter: true }).catch(() => {});
  }
  await desk.waitForURL((url) => url.origin === keycloak);
  await keycloakLogin(desk, { issuer, user: 'sh01-assistant', password });

  step = 'back at the desk, the form holds what was typed';
  await desk.locator(sel('draft-restored')).waitFor();
  const keptPhone = await desk.inputValue(sel('visit-phone'));
  const keptName = await desk.inputValue(sel('visit-name'));
  expect(keptPhone === phone && keptName === name, `the form lost what was typed: ${keptPhone} / ${keptName}`);
  await desk.locator(sel('register-visit')).click();
  await desk.locator(sel('visit-answer')).waitFor();
  const servedBy = await desk.locator(sel('visit-answer')).getAttribute('data-served-by');
  clean(ctx, 'sh01-assistant');
  return { name, phone, path: new URL(desk.url()).pathname, servedBy };
}

// ------------------------------------------------------------------ bad input

async function badInput() {
  step = 'the desk signs in';
  const ctx = await context();
  const desk = await signIn(ctx, { base, issuer, user: 'sh01-assistant', password, path: '/desk' });
  await desk.locator(sel('walk-in')).waitFor();
  const posts = [];
  desk.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith(`/api/reception/sites/${site}/visits`)) posts.push(request.url());
  });
  const fieldError = (test) => desk.locator(`.ant-form-item:has(${sel(test)}) .ant-form-item-explain-error`);

  step = 'a phone that cannot be one is refused before sending';
  await desk.fill(sel('visit-phone'), '12345');
  await desk.locator(sel('register-visit')).click();
  await fieldError('visit-phone').waitFor();
  const browserSaid = (await fieldError('visit-phone').innerText()).trim();
  expect(posts.length === 0, 'the form sent a phone the API would refuse');

  step = "a phone only the API refuses comes back as the API's detail, next to its field";
  const name = `坏号${String(Date.now()).slice(-6)}`;
  await desk.fill(sel('visit-phone'), newPhone());
  await desk.fill(sel('visit-name'), name);
  await desk.locator('.more .ant-collapse-header').click();
  await desk.fill(sel('visit-household'), '+1 000 000 0000');
  const answered = desk.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith('/visits'));
  await desk.locator(sel('register-visit')).click();
  const response = await answered;
  await fieldError('visit-household').waitFor();
  const apiSaid = (await fieldError('visit-household').innerText()).trim();
  expect(apiSaid.startsWith('电话号码无效'), `the household field says: ${apiSaid}`);
  expect(await desk.locator(sel('visit-answer')).count() === 0, 'a visit was answered');
  clean(ctx, 'sh01-assistant');

  step = "sales control imports a price list with three wrong rows: every row's error is shown, nothing is imported";
  const controlCtx = await context();
  const board = await signIn(controlCtx, { base, issuer, user: 'sh01-control', password, path: '/board' });
  await board.locator(sel('unit-grid')).waitFor();
  const building = await board.locator(sel('unit-grid')).getAttribute('data-building');
  const unitsBefore = await board.locator(sel('unit')).count();
  await board.locator(sel('import-price-list')).click();
  const form = board.locator(sel('price-list-form'));
  await form.waitFor();
  await form.locator(`${sel('import-building')}`).click();
  await board.locator(`.ant-select-dropdown .ant-select-item-option[title*="（${building}）"]`).click();
  const csv = ['房号,楼层,户型,面积,总价,朝向,等级', '101,1,两室一厅,89.5,3200000,南,A', '9901,九,三室两厅,120,5000000,南,A',
    '9902,2,三室两厅,-3,5000000,南,A', ''].join('\r\n');
  await form.locator(sel('price-list-file')).setInputFiles({ name: '价目表.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await form.locator(sel('upload')).click();
  await form.locator(sel('row-errors')).waitFor();
  const rows = await form.locator(`${sel('row-errors')} li`).evaluateAll((items) => items.map((li) => ({ row: Number(li.dataset.row), text: li.textContent.trim() })));
  expect(rows.length === 3, `the price list's errors: ${JSON.stringify(rows)}`);
  expect(await form.locator(sel('imported')).count() === 0, 'the price list was imported');
  clean(controlCtx, 'sh01-control');
  return { browserSaid, apiSaid, status: response.status(), posts: posts.length, name, building, unitsBefore, rows };
}

// ------------------------------------------------------------------ run

let code = 0;
let result;
try {
  step = 'read the application configuration';
  ({ issuer } = await webConfig(base));
  step = 'launch Chromium';
  browser = await launch({ timeout });
  result = { ok: true, ...(await SCENARIOS[scenario]()) };
} catch (error) {
  code = 1;
  result = { ok: false, step, error: String(error?.message || error).split('\n').slice(0, 3).join(' ') };
  try {
    await mkdir(out, { recursive: true });
    let n = 0;
    for (const ctx of contexts) {
      for (const page of ctx.pages()) {
        n += 1;
        await page.screenshot({ path: join(out, `failed-${scenario}-${n}.png`), fullPage: true }).catch(() => {});
      }
      result.watch = [...(result.watch || []), { ...ctx.watch, inFlight: [...ctx.watch.inFlight.values()].filter((r) => !r.includes('/unit-changes')) }];
    }
  } catch {
    // the failure itself is reported
  }
} finally {
  if (browser) await browser.close().catch(() => {});
}
finish(code, result);
