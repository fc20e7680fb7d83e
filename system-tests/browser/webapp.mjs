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
//   new-screens     the archive, reports and after-deposit screens as their roles (issues 13, 14, 15): a rep's
//                   follow-ups and greetings of today, the card's tracking form and notebook; the SUPERVISOR's
//                   overdue check; the MANAGER's evening meeting; the daily form with its .xlsx; the trend chart;
//                   the finance desk's dues with a payment (double click: one receipt) and its day; each at 390 px
//
//   ANCHANG_URL (required), ANCHANG_PASSWORD (required), ANCHANG_OUT (folder for PNGs, default .),
//   ANCHANG_REP and ANCHANG_CUSTOMER_PHONE (unit-live: a rep and a customer of theirs),
//   ANCHANG_ARCHIVE_REP (new-screens: a rep with follow-ups due today, default sh01-sales1), ANCHANG_SITE (default SH01), ANCHANG_TIMEOUT_MS (per step, default 60000), CHROMIUM.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  launch, webConfig, userContext, signIn, keycloakLogin, overflow, settle, sel, tabsOf, expect, clean, officeApi, narrow as atPhoneWidth,
  open as openAt, evidence,
} from './lib.mjs';

const env = process.env;
const scenario = process.argv[2];
const started = Date.now();
let step = 'start';
const contexts = [];

function finish(code, result) {
  process.stdout.write(`${JSON.stringify({ scenario, ms: Date.now() - started, ...result })}\n`);
  process.exit(code);
}

const SCENARIOS = {
  'main-pages': mainPages, 'walk-in': walkIn, 'unit-live': unitLive, 'session-expiry': sessionExpiry, 'bad-input': badInput, 'new-screens': newScreens,
};
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
// the API beside the screens, as the demo users
const { tokenOf, call: apiAs } = officeApi({ base, password, issuer: () => issuer });

async function context(options = {}) {
  const made = await userContext(browser, { base, issuer, timeout, ...options });
  contexts.push(made);
  return made;
}

/** A mainland mobile nobody has used: 139 and eight random digits. */
function newPhone() {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

// ------------------------------------------------------------------ main pages

const MAIN_PAGES = [
  { user: 'sh01-sales1', role: 'SALES', screen: 'mine', marker: 'workspace', menu: ['desk', 'mine', 'customers', 'board', 'deals'] },
  { user: 'sh01-assistant', role: 'ASSISTANT', screen: 'desk', marker: 'desk', menu: ['desk', 'customers', 'board', 'deals', 'reports'] },
  { user: 'sh01-supervisor', role: 'SUPERVISOR', screen: 'desk', marker: 'desk', menu: ['desk', 'mine', 'customers', 'board', 'deals', 'manager', 'reports'] },
  { user: 'sh01-manager', role: 'MANAGER', screen: 'manager', marker: 'manager',
    menu: ['desk', 'mine', 'customers', 'board', 'deals', 'finance', 'manager', 'reports'] },
  { user: 'sh01-control', role: 'SALES_CONTROL', screen: 'board', marker: 'board', menu: ['board', 'reports'] },
  { user: 'sh01-finance', role: 'FINANCE', screen: 'finance', marker: 'finance', menu: ['board', 'deals', 'finance', 'reports'] },
  { user: 'hq-analyst', role: 'HEAD_OFFICE', screen: 'hq', marker: 'head-office', menu: ['customers', 'reports', 'hq'] },
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
  // the day's earlier receipts are listed already: wait for the one this confirmation issues, shown first
  const earlier = await finance.locator(sel('receipt')).evaluateAll((cards) => cards.map((card) => card.dataset.receipt));
  await form.locator(sel('confirm-submit')).click();
  await finance.waitForFunction((known) => {
    const first = document.querySelector('[data-test="receipt"]');
    return first && !known.includes(first.dataset.receipt);
  }, earlier);
  const receipt = finance.locator(sel('receipt')).first();
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

// ------------------------------------------------------------------ new screens (issues 13, 14, 15)

/** The page at a phone's width, then back: nothing sticks out sideways; a PNG of each width. */
const narrow = (page, who, what, shot) => atPhoneWidth(page, { who, what, shot, out });

const open = (page, path, marker) => openAt(page, { base, path, marker, pause: 400 });

async function newScreens() {
  const widths = {};
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  step = "the rep's follow-ups of today: as many as the API lists";
  const rep = env.ANCHANG_ARCHIVE_REP || 'sh01-sales1';
  const repToken = await tokenOf(rep);
  const dayList = (await apiAs(repToken, 'GET', `/api/customers/sites/${site}/follow-ups/today`)).body;
  const repCtx = await context();
  const page = await signIn(repCtx, { base, issuer, user: rep, password, path: '/customers?tab=today' });
  await page.locator(sel('customers')).waitFor();
  await settle(page, 400);
  const dueShown = await page.locator(sel('due-customer')).count();
  expect(dueShown === dayList.due.length && dueShown > 0, `the rep's list shows ${dueShown} follow-ups due, the API ${dayList.due.length}`);
  widths.customers = await narrow(page, rep, "today's follow-ups", 'customers-today');

  step = "the rep's greetings of today: the birthday the API lists";
  const greetings = (await apiAs(repToken, 'GET', `/api/customers/sites/${site}/greetings`)).body;
  await open(page, '/customers?tab=greetings', 'customers');
  const greetingsShown = await page.locator(sel('greeting')).count();
  expect(greetingsShown === greetings.length,
    `greetings shown ${greetingsShown}, the API ${JSON.stringify(greetings.map((g) => g.kind))}`);
  const gift = await page.locator(sel('gift')).count();

  step = 'the archive searched by class';
  await open(page, '/customers?tab=archive', 'customers');
  await page.locator(sel('archive-total')).waitFor();
  const archiveTotal = Number(await page.locator(sel('archive-total')).getAttribute('data-total'));
  const archiveApi = (await apiAs(repToken, 'GET', `/api/customers/sites/${site}/archive?owner=${rep}&size=20`)).body;
  expect(archiveTotal === archiveApi.total, `the archive shows ${archiveTotal} customers, the API ${archiveApi.total}`);

  step = "the card of a customer due today: the class the API gives, a tracking-form line and the notebook";
  const due = dayList.due[0];
  const base2 = `/api/customers/sites/${site}/customers/${encodeURIComponent(due.customerId)}/card`;
  const before = (await apiAs(repToken, 'GET', base2)).body;
  await open(page, `/customers/${encodeURIComponent(due.customerId)}`, 'card');
  const classShown = await page.locator(sel('card')).getAttribute('data-class');
  expect(classShown === before.intentClass, `the card shows class ${classShown}, the API ${before.intentClass}`);
  const note = `网页回访${String(Date.now()).slice(-6)}`;
  const next = new Date(Date.now() + 7 * 86_400_000);
  const nextDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(next);
  await page.fill(sel('follow-up-note'), note);
  await page.fill(sel('follow-up-objections'), '价格偏高');
  await page.fill(sel('follow-up-next-step'), '约周末看样板间');
  await page.fill(sel('follow-up-next-date'), nextDate);
  await page.locator(sel('add-follow-up')).click();
  await page.locator(`${sel('next-follow-up')}:has-text("${nextDate}")`).waitFor();
  const background = `首次置业，关注学区 ${note}`;
  await page.fill(sel('nb-background'), background);
  await page.locator(sel('notebook-save')).click();
  await page.locator(sel('notebook-saved')).waitFor();
  await settle(page, 800);
  const notebookShown = await page.inputValue(sel('nb-background'));
  expect(notebookShown === background, `the notebook shows "${notebookShown}" after saving, not what was typed`);
  const after = (await apiAs(repToken, 'GET', base2)).body;
  const line = after.followUps.find((f) => f.note === note);
  expect(line && line.tracking?.nextDate === nextDate && line.tracking?.objections === '价格偏高', `the tracking line: ${JSON.stringify(line)}`);
  expect(after.followUps.length === before.followUps.length + 1, 'the tracking form was sent more than once');
  expect(after.notebook?.background === background, `the notebook: ${JSON.stringify(after.notebook)}`);
  widths.card = await narrow(page, rep, 'the card', 'customer-card');

  step = "the rep's deals: as many as the API gives the rep";
  const repDeals = (await apiAs(repToken, 'GET', `/api/deals/sites/${site}/deals`)).body;
  await open(page, '/deals', 'deals');
  const dealsShown = await page.locator(sel('deal')).count();
  expect(dealsShown === repDeals.length, `the rep's deals: ${dealsShown} shown, ${repDeals.length} from the API`);
  const repTabs = await tabsOf(page);
  expect(repTabs.includes('deals'), `the rep's tabs on the deals page: ${repTabs}`); // the tabs are read at all
  expect(await page.locator(sel('record-payment')).count() === 0 && !repTabs.includes('dues'),
    'the rep sees amounts due or a payment button (R-SEC-2)');
  widths.deals = await narrow(page, rep, 'the deals', 'deals-sales');

  step = "the rep hands in today's plan (R-OPS-2)";
  const planItem = `回访A类客户 ${String(Date.now()).slice(-6)}`;
  await open(page, '/customers?tab=plans', 'plans');
  await page.fill(sel('plan-items'), `${planItem}\n整理来访登记`);
  await page.locator(sel('plan-save')).click();
  await page.locator(`${sel('my-plan')}:has-text("${planItem}")`).waitFor();
  const myPlans = (await apiAs(repToken, 'GET', `/api/reception/sites/${site}/plans/mine`)).body;
  expect(myPlans.some((p) => p.items.includes(planItem)), `the plan is not handed in: ${JSON.stringify(myPlans.map((p) => p.items))}`);
  widths.plans = await narrow(page, rep, 'the plans', 'plans');
  clean(repCtx, rep);

  step = "the SUPERVISOR's check: the overdue follow-ups the API counts";
  const supervisorToken = await tokenOf('sh01-supervisor');
  const overdue = (await apiAs(supervisorToken, 'GET', `/api/customers/sites/${site}/follow-ups/overdue`)).body;
  const overdueCount = Object.values(overdue).reduce((n, list) => n + list.length, 0);
  const supCtx = await context();
  const sup = await signIn(supCtx, { base, issuer, user: 'sh01-supervisor', password, path: '/manager?tab=overdue' });
  await sup.locator(sel('overdue-total')).waitFor();
  const overdueShown = Number(await sup.locator(sel('overdue-total')).getAttribute('data-total'));
  expect(overdueShown === overdueCount, `the check shows ${overdueShown} overdue, the API ${overdueCount}`);
  widths.overdue = await narrow(sup, 'sh01-supervisor', 'the overdue check', 'overdue-check');
  clean(supCtx, 'sh01-supervisor');

  step = "the MANAGER's evening meeting: the API's revision, saved once more";
  const managerToken = await tokenOf('sh01-manager');
  const meetingPath = `/api/reception/sites/${site}/meetings/${today}`;
  const meetingBefore = await apiAs(managerToken, 'GET', meetingPath);
  const mgrCtx = await context();
  const mgr = await signIn(mgrCtx, { base, issuer, user: 'sh01-manager', password, path: '/manager?tab=meeting' });
  await mgr.locator(sel('meeting-form')).waitFor();
  await settle(mgr, 400);
  if (meetingBefore.status === 200) {
    const shown = Number(await mgr.locator(sel('meeting-revision')).getAttribute('data-revision'));
    expect(shown === meetingBefore.body.revision, `the meeting shows revision ${shown}, the API ${meetingBefore.body.revision}`);
  }
  const notes = `夕会备注 ${String(Date.now()).slice(-6)}`;
  await mgr.fill(sel('meeting-notes'), notes);
  await mgr.locator(sel('meeting-save')).click();
  const revisionWanted = (meetingBefore.body?.revision || 0) + 1;
  await mgr.locator(`${sel('meeting-revision')}[data-revision="${revisionWanted}"]`).waitFor();
  const meetingAfter = (await apiAs(managerToken, 'GET', meetingPath)).body;
  expect(meetingAfter.notes === notes && meetingAfter.revision === revisionWanted, `the meeting saved: ${meetingAfter.revision} ${meetingAfter.notes}`);
  widths.meeting = await narrow(mgr, 'sh01-manager', 'the meeting record', 'evening-meeting');

  step = "the MANAGER's call list of today (R-OPS-4): a customer put on it, the call recorded";
  await open(mgr, '/customers?tab=calls', 'customers');
  await mgr.fill(sel('call-customers'), due.archiveNo);
  await mgr.locator(sel('call-list-save')).click();
  const entry = mgr.locator(`${sel('call-list')}[data-purpose="INVITATION"] ${sel('call-entry')}[data-archive-no="${due.archiveNo}"]`);
  await entry.waitFor();
  if ((await entry.getAttribute('data-outcome')) === '') {
    await entry.locator(sel('call-REACHED')).click();
    await mgr.locator(`${sel('call-list')}[data-purpose="INVITATION"] ${sel('call-entry')}[data-archive-no="${due.archiveNo}"][data-outcome="REACHED"]`).waitFor();
  }
  const lists = (await apiAs(managerToken, 'GET', `/api/customers/sites/${site}/call-lists`)).body;
  const listed = lists.find((l) => l.purpose === 'INVITATION')?.entries.find((e) => e.archiveNo === due.archiveNo);
  expect(listed?.outcome === 'REACHED', `the call list: ${JSON.stringify(listed)}`);
  widths.calls = await narrow(mgr, 'sh01-manager', 'the call lists', 'call-lists');

  step = "the MANAGER's approvals and the trend chart (ECharts) with the API's numbers";
  const approvals = (await apiAs(managerToken, 'GET', `/api/deals/sites/${site}/approvals`)).body;
  await open(mgr, '/deals?tab=approvals', 'deals');
  const approvalsShown = await mgr.locator(sel('approval')).count();
  expect(approvalsShown === approvals.length, `approvals shown ${approvalsShown}, the API ${approvals.length}`);
  const trend = (await apiAs(managerToken, 'GET', '/api/reports/head-office/trends?unit=MONTH&count=12&measure=subscribedAmount')).body;
  await open(mgr, '/reports?form=trends', 'reports');
  await mgr.locator(`${sel('chart')} svg`).first().waitFor();
  const lastPeriod = trend.tables[0].columns.at(-1);
  const totalCell = (await mgr.locator(`${sel('report-table')} tr.total-row td`).last().innerText()).trim();
  const totalApi = trend.tables[0].total[lastPeriod.key];
  expect(totalCell.replace(/[¥,]/g, '') === Number(totalApi).toFixed(2), `the trend's total this month: ${totalCell}, the API ${totalApi}`);
  widths.trends = await narrow(mgr, 'sh01-manager', 'the trend', 'reports-trend');
  clean(mgrCtx, 'sh01-manager');

  step = "the ASSISTANT's daily form: the visits the API counts, and its .xlsx";
  const assistantToken = await tokenOf('sh01-assistant');
  const daily = (await apiAs(assistantToken, 'GET', `/api/reports/sites/${site}/forms/daily?day=${today}`)).body;
  const astCtx = await context();
  const ast = await signIn(astCtx, { base, issuer, user: 'sh01-assistant', password, path: '/reports?form=daily' });
  await ast.locator(sel('report-table')).first().waitFor();
  await settle(ast, 400);
  const table = daily.tables[0];
  const visitsIndex = table.columns.findIndex((c) => c.key === 'visits');
  expect(visitsIndex >= 0, `the daily form has no visits column: ${table.columns.map((c) => c.key)}`);
  const visitsCell = (await ast.locator(`${sel('report-table')} tr.total-row td`).nth(visitsIndex).innerText()).trim();
  expect(Number(visitsCell) === Number(table.total.visits), `the daily form's visits: ${visitsCell}, the API ${table.total.visits}`);
  const [file] = await Promise.all([ast.waitForEvent('download'), ast.locator(sel('download-xlsx')).click()]);
  const xlsxPath = join((await import('node:os')).tmpdir(), `anchang-daily-${process.pid}.xlsx`);
  await file.saveAs(xlsxPath);
  const head = (await import('node:fs/promises')).readFile(xlsxPath).then((b) => b.subarray(0, 2).toString('latin1'));
  const xlsx = { name: file.suggestedFilename(), magic: await head };
  await (await import('node:fs/promises')).rm(xlsxPath, { force: true });
  expect(xlsx.magic === 'PK', `the download is not a workbook: ${xlsx.magic}`);
  widths.daily = await narrow(ast, 'sh01-assistant', 'the daily form', 'reports-daily');
  clean(astCtx, 'sh01-assistant');

  step = 'the finance desk: what is due as the API says, a payment recorded with a double click, the day';
  const financeToken = await tokenOf('sh01-finance');
  const dues = (await apiAs(financeToken, 'GET', `/api/finance/sites/${site}/dues`)).body;
  const open1 = dues.find((d) => Number(d.outstanding) >= 1000);
  expect(open1, `nothing outstanding at the finance desk: ${JSON.stringify(dues.map((d) => d.outstanding))}`);
  const finCtx = await context();
  const fin = await signIn(finCtx, { base, issuer, user: 'sh01-finance', password, path: '/deals?tab=dues' });
  const row = fin.locator(`${sel('due')}[data-due-id="${open1.dueId}"]`);
  await row.waitFor();
  expect(await row.getAttribute('data-outstanding') === open1.outstanding, 'the outstanding amount differs from the API');
  await row.locator(sel('record-payment')).click();
  await fin.fill(sel('payment-amount'), '1000.00');
  await fin.locator(`${sel('payment-method')} label`).first().click();
  await fin.fill(sel('payment-reference'), `WEB${String(Date.now()).slice(-8)}`);
  await fin.locator(sel('payment-submit')).dblclick();
  await fin.locator(sel('deal-done')).waitFor();
  const dueAfter = (await apiAs(financeToken, 'GET', `/api/finance/sites/${site}/dues/${encodeURIComponent(open1.dueId)}`)).body;
  const paidMore = Number(dueAfter.paid) - Number(open1.paid);
  expect(Math.abs(paidMore - 1000) < 0.001, `a double click recorded ${paidMore} (one payment of 1000.00 wanted)`);
  widths.dues = await narrow(fin, 'sh01-finance', 'the amounts due', 'dues-finance');
  const dayApi = (await apiAs(financeToken, 'GET', `/api/finance/sites/${site}/days/${today}`)).body;
  await open(fin, '/deals?tab=day', 'deals');
  await fin.locator(sel('day-received')).waitFor();
  const receivedShown = (await fin.locator(sel('day-received')).innerText()).trim();
  expect(receivedShown.startsWith(`¥${Number(dayApi.received).toLocaleString('en-US', { minimumFractionDigits: 2 })}`),
    `the day's receipts: ${receivedShown}, the API ${dayApi.received}`);
  widths.day = await narrow(fin, 'sh01-finance', "the desk's day", 'day-close');
  clean(finCtx, 'sh01-finance');

  step = "head office's dashboard: every site the API ranks";
  const overview = (await apiAs(await tokenOf('hq-analyst'), 'GET', '/api/reports/head-office?period=MONTH')).body;
  const hqCtx = await context();
  const hq = await signIn(hqCtx, { base, issuer, user: 'hq-analyst', password, path: '/hq' });
  await hq.locator(sel('hq-overview')).waitFor();
  await hq.locator(`${sel('hq-overview')} ${sel('chart')} svg`).first().waitFor();
  const sitesShown = await hq.locator(`${sel('hq-overview')} ${sel('report-table')}`).first().locator('tbody tr:not(.total-row):not(.ant-table-measure-row)').count();
  expect(sitesShown === overview.tables[0].rows.length, `head office shows ${sitesShown} sites, the API ${overview.tables[0].rows.length}`);
  // R-RPT-6: money out (已退款) beside money in (回款), per site and in total
  const hqHeads = (await hq.locator(`${sel('hq-overview')} ${sel('report-table')}`).first().locator('thead th').allInnerTexts()).map((h) => h.trim());
  expect(hqHeads.includes('回款（元）') && hqHeads.includes('已退款（元）'), `head office's table lacks 回款 or 已退款: ${hqHeads.join(' | ')}`);
  widths.hq = await narrow(hq, 'hq-analyst', "head office's dashboard", 'head-office-overview');
  clean(hqCtx, 'hq-analyst');

  return {
    due: dueShown, greetings: greetingsShown, greetingKinds: greetings.map((g) => g.kind), gift, archiveTotal, card: { customerId: due.customerId, note, nextDate, background },
    deals: dealsShown, plan: planItem, call: due.archiveNo, hqSites: sitesShown, overdue: overdueShown, meeting: { revision: revisionWanted, notes }, approvals: approvalsShown,
    trend: { total: totalCell }, daily: { visits: Number(visitsCell) }, xlsx, payment: { dueId: open1.dueId, paidMore },
    day: { received: dayApi.received }, widths,
  };
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
  result.watch = await evidence(contexts, { out, name: scenario });
} finally {
  if (browser) await browser.close().catch(() => {});
}
finish(code, result);
