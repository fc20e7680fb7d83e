// What the browser checks share: Debian's Chromium driven by playwright-core (no browser
// download), signing in on Keycloak's own login page, watching a page for errors and for
// requests that leave the deployment, calling the API as a demo user beside the screens, and
// a page's look at a phone's width.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

// Without the background-networking flags Chromium keeps calling out to Google's hosts,
// which a closed network refuses; --no-sandbox because tests run as root.
const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export const sel = (name) => `[data-test="${name}"]`;

/** One browser for the whole run; each user gets a context of their own (own cookies, own session). */
export async function launch({ executablePath = process.env.CHROMIUM || '/usr/bin/chromium', timeout = 60_000 } = {}) {
  // loaded here, not at the top: the helpers below are unit-tested (lib.test.mjs) where no `npm ci` has run
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS, timeout });
}

/** What the gateway tells the page: the issuer (Keycloak) and the public client. */
export async function webConfig(base) {
  const response = await fetch(`${base}/assets/config.json`);
  if (!response.ok) throw new Error(`GET ${base}/assets/config.json answered ${response.status}`);
  return response.json();
}

/**
 * A browser context for a user at a viewport width, watching its pages: uncaught errors,
 * console errors, requests to anything but the gateway and Keycloak, failed API calls.
 */
export async function userContext(browser, { base, issuer, width = 1280, height = 900, locale = 'zh-CN', timeout = 60_000 }) {
  const context = await browser.newContext({ viewport: { width, height }, locale, timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1 });
  context.setDefaultTimeout(timeout);
  context.setDefaultNavigationTimeout(timeout);
  const allowed = new Set([new URL(base).origin, new URL(issuer).origin]);
  const watch = { errors: [], outside: [], consoleErrors: [], inFlight: new Map() };
  context.on('page', (page) => observe(page, allowed, watch));
  context.watch = watch;
  return context;
}

function observe(page, allowed, watch) {
  page.on('pageerror', (error) => watch.errors.push(String(error?.stack || error).split('\n').slice(0, 3).join(' | ')));
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('request', (request) => {
    const url = request.url();
    if (/^https?:/.test(url) && !allowed.has(new URL(url).origin)) watch.outside.push(url);
    watch.inFlight.set(request, `${request.method()} ${url}`);
  });
  page.on('requestfinished', (request) => watch.inFlight.delete(request));
  page.on('requestfailed', (request) => watch.inFlight.delete(request));
}

/**
 * Opens {@code path} of the application, signs in on Keycloak's page (the application sends
 * the browser there) and waits until the application shows the user's name.
 */
export async function signIn(context, { base, issuer, user, password, path = '/' }) {
  const page = await context.newPage();
  // the application sends the browser on to Keycloak at once: only the start of the load matters
  await page.goto(`${base}${path}`, { waitUntil: 'commit' });
  await keycloakLogin(page, { issuer, user, password });
  await page.locator(sel('user-name')).waitFor({ state: 'visible' });
  return page;
}

/** Fills Keycloak's login form, if the page is on it, and waits to be back at the application. */
export async function keycloakLogin(page, { issuer, user, password }) {
  const keycloak = new URL(issuer).origin;
  await page.waitForURL((url) => url.origin === keycloak);
  await page.locator('#username').waitFor({ state: 'visible' });
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('#kc-login');
  const refused = page.locator('#input-error, .kc-feedback-text, #kc-error-message, .alert-error');
  await Promise.race([
    page.waitForURL((url) => url.origin !== keycloak),
    refused.first().waitFor({ state: 'visible' }).then(async () => {
      throw new Error(`Keycloak refused the sign-in of ${user}: ${(await refused.first().innerText()).trim()}`);
    }),
  ]);
}

/** The page is no wider than the window: nothing sticks out sideways (phones: 390 px). */
export async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scroll = Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);
    const culprits = scroll > width
      ? [...document.querySelectorAll('body *')].filter((node) => node.getBoundingClientRect().right > width + 1)
        .slice(0, 5).map((node) => `${node.tagName.toLowerCase()}.${[...node.classList].join('.')}`)
      : [];
    return { width, scroll, overflows: scroll > width, culprits };
  });
}

/**
 * Waits until the screen has its data: no spinner left (the board's live stream stays open, so
 * "no network traffic" would never come).
 */
export async function settle(page, ms = 300) {
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-btn-loading'), null, { polling: 100 });
  await page.waitForTimeout(ms);
}

/**
 * Opens {@code path} of the application at {@code base} and waits until the screen shows {@code marker}
 * (the first element marked so) and has its data ({@code pause} ms after the last spinner).
 */
export async function open(page, { base, path, marker, pause = 300 }) {
  await page.goto(`${base}${path}`);
  await page.locator(sel(marker)).first().waitFor();
  await settle(page, pause);
}

/**
 * What a failed scenario leaves to look at: a PNG of every open page of {@code contexts} in {@code out}
 * ({@code failed-<name>-<n>.png}) and what each context watched, with the requests still in flight (the
 * board's live stream, always open, left out). Never throws: the failure itself is what is reported.
 */
export async function evidence(contexts, { out, name }) {
  const watched = [];
  try {
    await mkdir(out, { recursive: true });
    let n = 0;
    for (const ctx of contexts) {
      for (const page of ctx.pages()) {
        n += 1;
        await page.screenshot({ path: join(out, `failed-${name}-${n}.png`), fullPage: true }).catch(() => {});
      }
      watched.push({ ...ctx.watch, inFlight: [...ctx.watch.inFlight.values()].filter((r) => !r.includes('/unit-changes')) });
    }
  } catch {
    // the failure itself is reported
  }
  return watched;
}

/** The keys of the tabs a screen shows (Ant Design's tab ids end in -tab-<key>; this version sets no data-node-key). */
export async function tabsOf(page) {
  return page.locator('[role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.id.replace(/^.*-tab-/, '')));
}

/** A step's check: throws {@code message} (the scenario reports it with its step) when {@code condition} fails. */
export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** The page showed nothing but what it should: no uncaught error, nothing fetched from outside the deployment. */
export function clean(ctx, who) {
  expect(!ctx.watch.errors.length, `${who}: the page threw: ${ctx.watch.errors.join(' | ')}`);
  expect(!ctx.watch.outside.length, `${who}: the page fetched from outside the deployment: ${[...new Set(ctx.watch.outside)].join(', ')}`);
}

/**
 * The API beside the screens, as the demo users: {@code tokenOf(user)} from the password grant of
 * the CLI client, {@code call(token, method, path, body)} answering { status, body }, and
 * {@code must(…)}, which fails the step unless the status is one of those wanted. {@code issuer} is a
 * function: the scripts learn Keycloak's address from the gateway after they start.
 */
export function officeApi({ base, password, issuer }) {
  async function tokenOf(user) {
    const response = await fetch(`${issuer()}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'anchang-cli', username: user, password }),
    });
    expect(response.ok, `no token for ${user}: HTTP ${response.status}`);
    return (await response.json()).access_token;
  }

  async function call(token, method, path, body) {
    const response = await fetch(`${base}${path}`, {
      method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  /** The call answered one of {@code statuses}: its body; else the step fails with the API's answer. */
  async function must(token, method, path, body, statuses = [200, 201, 202]) {
    const answer = await call(token, method, path, body);
    expect(statuses.includes(answer.status), `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  return { tokenOf, call, must };
}

/** Polls {@code probe} until it answers something truthy (events travel between the services). */
export async function until(what, probe, ms = 30_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    expect(Date.now() < deadline, `waited ${ms / 1000} s for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/**
 * The page at a phone's width (390 px), then back at 1280: nothing sticks out sideways. With
 * {@code shot}, a PNG into {@code out} at 390 px, and first at 1280 px unless {@code wide} is false;
 * {@code pause} the ms to let the page settle at 390 px and back. Answers the width the page took.
 */
export async function narrow(page, { what, who = null, out, shot = null, wide = true, pause = [600, 200] }) {
  if (shot) await mkdir(out, { recursive: true });
  if (shot && wide) await page.screenshot({ path: join(out, `${shot}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await settle(page, pause[0]);
  const measured = await overflow(page);
  if (shot) await page.screenshot({ path: join(out, `${shot}-390.png`), fullPage: true });
  expect(!measured.overflows, `${who ? `${who}: ` : ''}${what} at 390 px is ${measured.scroll} px wide (${measured.culprits.join(', ')})`);
  await page.setViewportSize({ width: 1280, height: 900 });
  await settle(page, pause[1]);
  return measured.scroll;
}
