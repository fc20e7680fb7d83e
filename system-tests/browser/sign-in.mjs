#!/usr/bin/env node
// The web shell in a real browser: opens it, signs in on Keycloak's own login page, comes
// back, and checks that the user's name is shown and that today's rotation has the expected
// rep up. Prints one line of JSON and exits 0, or prints one line of JSON saying why and
// exits 1 (2 for a wrong call).
//
//   ANCHANG_URL         the gateway, e.g. http://localhost:8080            (required)
//   ANCHANG_USER        the Keycloak user, e.g. sh01-manager               (required)
//   ANCHANG_PASSWORD    its password                                       (required)
//   ANCHANG_EXPECT_UP   user id or name expected up on the rotation        (optional: then only reported)
//   ANCHANG_EXPECT_NAME the name the header must show, e.g. 王经理           (optional: then only non-empty)
//   ANCHANG_SITE        site code to choose in the site selector           (optional)
//   ANCHANG_SCREENSHOT  where to save a PNG of the page (also on failure)  (optional)
//   ANCHANG_TIMEOUT_MS  time allowed for each step                         (default 60000)
//   CHROMIUM            the browser                                        (default /usr/bin/chromium)
//
// Besides, it fails when the page asks any host but the gateway and the issuer for anything
// (nothing may be fetched from outside the deployment), or throws an uncaught error.
import { chromium } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = process.env;
const started = Date.now();

function finish(code, result) {
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(code);
}

const missing = ['ANCHANG_URL', 'ANCHANG_USER', 'ANCHANG_PASSWORD'].filter((name) => !env[name]);
if (missing.length) {
  finish(2, { ok: false, step: 'arguments', error: `missing environment variables: ${missing.join(', ')}` });
}

const base = env.ANCHANG_URL.replace(/\/+$/, '');
const user = env.ANCHANG_USER;
const password = env.ANCHANG_PASSWORD;
const expectUp = env.ANCHANG_EXPECT_UP || null;
const expectName = env.ANCHANG_EXPECT_NAME || null;
const wantedSite = env.ANCHANG_SITE || null;
const screenshot = env.ANCHANG_SCREENSHOT || null;
const timeout = Number(env.ANCHANG_TIMEOUT_MS) > 0 ? Number(env.ANCHANG_TIMEOUT_MS) : 60_000;
const executablePath = env.CHROMIUM || '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps calling out to Google's hosts,
// which this machine's closed network refuses; --no-sandbox because tests run as root.
const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

const test = (selector) => `[data-test="${selector}"]`;
let step = 'start';
let context;
let page;
let profile;
const pageErrors = [];
const outside = [];
const failedRequests = [];

async function main() {
  step = 'read the shell configuration';
  const configResponse = await fetch(`${base}/assets/config.json`, { signal: AbortSignal.timeout(timeout) })
    .catch((error) => {
      throw new Error(`cannot reach ${base}/assets/config.json: ${error.cause?.code || error.cause?.message || error.message}`);
    });
  if (!configResponse.ok) throw new Error(`GET ${base}/assets/config.json answered ${configResponse.status}`);
  const config = await configResponse.json();
  const allowedOrigins = new Set([new URL(base).origin, new URL(config.issuer).origin]);

  step = 'launch Chromium';
  profile = await mkdtemp(join(tmpdir(), 'anchang-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_FLAGS,
    locale: 'zh-CN',
    viewport: { width: 1280, height: 900 },
    timeout,
  });
  context.setDefaultTimeout(timeout);
  context.setDefaultNavigationTimeout(timeout);
  page = context.pages()[0] ?? await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('request', (request) => {
    const url = request.url();
    if (/^https?:/.test(url) && !allowedOrigins.has(new URL(url).origin)) outside.push(url);
  });
  page.on('requestfailed', (request) => {
    failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
  });

  step = 'open the shell';
  await page.goto(`${base}/`, { waitUntil: 'domcontentloaded' });
  const htmlLang = await page.getAttribute('html', 'lang');
  if (htmlLang !== 'zh-CN') throw new Error(`<html lang> is ${htmlLang}, not zh-CN`);

  step = 'click 登录';
  const signIn = page.locator(test('sign-in'));
  await signIn.waitFor({ state: 'visible' });
  const signInText = (await signIn.textContent()).trim();
  if (signInText !== '登录') throw new Error(`the sign-in button says "${signInText}", not 登录`);
  await signIn.click();

  step = 'fill the Keycloak login form';
  await page.waitForURL((url) => url.origin === new URL(config.issuer).origin);
  await page.locator('#username').waitFor({ state: 'visible' });
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('#kc-login');

  step = 'come back signed in';
  const loginError = page.locator('#input-error, .kc-feedback-text, #kc-error-message, .alert-error');
  const userName = page.locator(test('user-name'));
  await Promise.race([
    page.waitForFunction((selector) => {
      const node = document.querySelector(selector);
      return node && node.offsetParent !== null && node.textContent.trim() !== '';
    }, test('user-name'), { timeout }),
    loginError.first().waitFor({ state: 'visible', timeout }).then(async () => {
      throw new Error(`Keycloak refused the sign-in: ${(await loginError.first().textContent()).trim()}`);
    }),
    page.locator(test('problem')).first().waitFor({ state: 'visible', timeout }).then(async () => {
      throw new Error(`the shell shows a problem: ${(await page.locator(test('problem')).first().innerText()).replace(/\s+/g, ' ')}`);
    }),
  ]);
  if (new URL(page.url()).origin !== new URL(base).origin) throw new Error(`not back on the shell: ${page.url()}`);
  const name = (await userName.textContent()).trim();
  if (expectName && name !== expectName) throw new Error(`the header shows "${name}", not "${expectName}"`);
  const role = (await page.locator(test('user-role')).textContent()).trim();

  step = 'choose the site';
  const select = page.locator(test('site-select'));
  await select.waitFor({ state: 'visible' });
  await page.waitForFunction((selector) => document.querySelector(selector)?.options.length > 0, test('site-select'));
  if (wantedSite && (await select.inputValue()) !== wantedSite) {
    await select.selectOption(wantedSite);
  }
  const site = await select.inputValue();

  step = 'read today\'s rotation';
  await page.waitForFunction(([set, empty, problem]) => {
    const visible = (s) => { const n = document.querySelector(s); return n && n.offsetParent !== null; };
    const busy = document.querySelector('[data-test="rotation"]')?.getAttribute('aria-busy') === 'true';
    return (!busy && (visible(set) || visible(empty))) || visible(problem);
  }, ['#rotation-set', test('rotation-empty'), test('problem')]);
  if (await page.locator(test('problem')).first().isVisible()) {
    throw new Error(`the shell shows a problem: ${(await page.locator(test('problem')).first().innerText()).replace(/\s+/g, ' ')}`);
  }
  const day = await page.locator(test('rotation-day')).getAttribute('data-day');
  const empty = await page.locator(test('rotation-empty')).isVisible();
  const rotation = empty
    ? { day, up: null, onDeck: null, order: [] }
    : await page.evaluate(() => {
      const rep = (node) => (node && node.dataset.userId ? { userId: node.dataset.userId, name: node.textContent.trim() } : null);
      return {
        day: document.querySelector('[data-test="rotation-day"]').dataset.day,
        up: rep(document.querySelector('[data-test="rotation-up"]')),
        onDeck: rep(document.querySelector('[data-test="rotation-on-deck"]')),
        order: [...document.querySelectorAll('[data-test="rotation-order"] li')].map((li) => ({
          userId: li.dataset.userId, name: li.querySelector('.rep-name')?.textContent.trim(),
        })),
        setBy: document.querySelector('[data-test="rotation-set-by"]').textContent.trim(),
      };
    });
  const editor = await page.locator(test('rotation-editor')).isVisible();

  if (expectUp) {
    if (!rotation.up) throw new Error(`expected ${expectUp} up, but today's rotation of ${site} is not set (今日尚未排班)`);
    if (rotation.up.userId !== expectUp && rotation.up.name !== expectUp) {
      throw new Error(`expected ${expectUp} up, but ${rotation.up.name} (${rotation.up.userId}) is up`);
    }
  }
  if (outside.length) throw new Error(`the page fetched from outside the deployment: ${[...new Set(outside)].join(', ')}`);
  if (pageErrors.length) throw new Error(`the page threw: ${pageErrors.join(' | ')}`);

  step = 'screenshot';
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });

  return { ok: true, user, name, role, site, ...rotation, editor, ms: Date.now() - started };
}

let code = 0;
let result;
try {
  result = await main();
} catch (error) {
  code = 1;
  result = {
    ok: false,
    step,
    error: String(error?.message || error).split('\n')[0],
    url: page ? page.url() : null,
    pageErrors,
    failedRequests: failedRequests.slice(0, 10),
    ms: Date.now() - started,
  };
  if (page && screenshot) {
    await page.screenshot({ path: screenshot, fullPage: true }).catch(() => {});
  }
} finally {
  if (context) await context.close().catch(() => {});
  if (profile) await rm(profile, { recursive: true, force: true }).catch(() => {});
}
finish(code, result);
