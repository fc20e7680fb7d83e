// Unit tests of the shell's sign-in module (gateway/src/main/resources/static/assets/auth.js)
// with Node's own test runner: `node --test` in this folder. No browser, no network: the
// storage, the address bar and the token endpoint are small fakes here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

// auth.js is an ES module served to browsers as it is; no package.json near it says
// "module", so it is imported from its source text.
const source = await readFile(new URL('../../gateway/src/main/resources/static/assets/auth.js', import.meta.url), 'utf8');
const auth = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
const {
  Auth, AuthError, base64UrlEncode, base64UrlDecode, codeChallenge, createVerifier, decodeJwt,
  authorizationUrl, endSessionUrl, checkIdToken, endpoints, tokensFrom,
} = auth;

const ISSUER = 'http://localhost:8180/realms/anchang';
const CLIENT = 'anchang-web';
const SHELL = 'http://localhost:8080/';

function jwt(claims) {
  const part = (value) => base64UrlEncode(new TextEncoder().encode(JSON.stringify(value)));
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

class MemoryStorage {
  constructor() { this.map = new Map(); }
  getItem(key) { return this.map.has(key) ? this.map.get(key) : null; }
  setItem(key, value) { this.map.set(key, String(value)); }
  removeItem(key) { this.map.delete(key); }
}

/** A tab: its sessionStorage, address bar, history, clock and a scripted token endpoint. */
function tab({ tokenAnswers = [] } = {}) {
  const world = {
    storage: new MemoryStorage(),
    assigned: [],
    replaced: [],
    requests: [],
    nowMs: Date.UTC(2026, 10, 1, 9, 0, 0),
    href: SHELL,
  };
  const location = {
    get href() { return world.href; },
    get search() { return new URL(world.href).search; },
    assign(url) { world.assigned.push(url); },
  };
  const history = {
    state: null,
    replaceState(_state, _title, url) { world.replaced.push(url); world.href = new URL(url, world.href).toString(); },
  };
  const fetch = async (url, init) => {
    world.requests.push({ url, init, form: Object.fromEntries(new URLSearchParams(init.body)) });
    const next = tokenAnswers.shift();
    if (!next) throw new TypeError('network down');
    return {
      ok: next.status === undefined || next.status < 400,
      status: next.status ?? 200,
      json: async () => next.body,
    };
  };
  world.auth = new Auth({
    issuer: ISSUER, clientId: CLIENT, redirectUri: SHELL, storage: world.storage, location, history, fetch,
    now: () => world.nowMs,
  });
  return world;
}

function idToken(nowMs, overrides = {}) {
  return jwt({
    iss: ISSUER, aud: CLIENT, azp: CLIENT, sub: 'u-1', exp: Math.floor(nowMs / 1000) + 300,
    iat: Math.floor(nowMs / 1000), ...overrides,
  });
}

function accessToken(nowMs, claims = {}) {
  return jwt({
    iss: ISSUER, aud: ['anchang'], exp: Math.floor(nowMs / 1000) + 300, preferred_username: 'sh01-manager',
    name: '王经理', realm_access: { roles: ['MANAGER'] }, sites: ['SH01'], ...claims,
  });
}

/** Runs signIn() and answers like the login page would, with the given state. */
async function signInAndComeBack(world, { state } = {}) {
  await world.auth.signIn();
  const sent = new URL(world.assigned.at(-1));
  world.href = `${SHELL}?state=${encodeURIComponent(state ?? sent.searchParams.get('state'))}`
    + `&session_state=abc&iss=${encodeURIComponent(ISSUER)}&code=the-code`;
  return sent;
}

test('PKCE S256 challenge matches RFC 7636 appendix B', async () => {
  assert.equal(await codeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
    'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
});

test('a verifier is 43 unreserved characters of fresh randomness', async () => {
  const seen = new Set();
  for (let i = 0; i < 50; i += 1) {
    const verifier = createVerifier();
    assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
    seen.add(verifier);
  }
  assert.equal(seen.size, 50);
  await assert.rejects(codeChallenge('too-short'), AuthError);
});

test('base64url round-trips every byte value without padding', () => {
  const bytes = new Uint8Array(256).map((_, i) => i);
  const text = base64UrlEncode(bytes);
  assert.doesNotMatch(text, /[+/=]/);
  assert.deepEqual(base64UrlDecode(text), bytes);
});

test('a token with a Chinese name decodes as UTF-8', () => {
  const claims = decodeJwt(jwt({ name: '王经理', sites: ['SH01'] }));
  assert.equal(claims.name, '王经理');
  assert.deepEqual(claims.sites, ['SH01']);
  assert.throws(() => decodeJwt('not-a-jwt'), AuthError);
  assert.throws(() => decodeJwt('a.!!!.c'), AuthError);
});

test('the endpoints are Keycloak\'s under the issuer', () => {
  assert.deepEqual(endpoints(`${ISSUER}/`), {
    authorization: `${ISSUER}/protocol/openid-connect/auth`,
    token: `${ISSUER}/protocol/openid-connect/token`,
    endSession: `${ISSUER}/protocol/openid-connect/logout`,
  });
});

test('the authorization URL asks for a code with PKCE S256, state, nonce and Chinese', () => {
  const url = new URL(authorizationUrl({
    issuer: ISSUER, clientId: CLIENT, redirectUri: SHELL, state: 's1', nonce: 'n1', challenge: 'c1',
  }));
  assert.equal(url.origin + url.pathname, `${ISSUER}/protocol/openid-connect/auth`);
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    response_type: 'code', client_id: CLIENT, redirect_uri: SHELL, scope: 'openid', state: 's1', nonce: 'n1',
    code_challenge: 'c1', code_challenge_method: 'S256', ui_locales: 'zh-CN',
  });
});

test('the ID token check refuses another issuer, audience, nonce, or an expired token', () => {
  const now = 1_800_000_000;
  const good = { iss: ISSUER, aud: CLIENT, exp: now + 60, nonce: 'n1' };
  const expected = { issuer: ISSUER, clientId: CLIENT, nonce: 'n1', nowSeconds: now };
  checkIdToken(good, expected);
  checkIdToken({ ...good, aud: ['other', CLIENT], azp: CLIENT }, expected);
  assert.throws(() => checkIdToken({ ...good, iss: 'http://127.0.0.1:8180/realms/anchang' }, expected), /签发方/);
  assert.throws(() => checkIdToken({ ...good, aud: 'other' }, expected), /audience/);
  assert.throws(() => checkIdToken({ ...good, aud: ['other', CLIENT], azp: 'other' }, expected), /azp/);
  assert.throws(() => checkIdToken({ ...good, nonce: 'n2' }, expected), /nonce/);
  assert.throws(() => checkIdToken({ ...good, nonce: undefined }, expected), /nonce/);
  assert.throws(() => checkIdToken({ ...good, exp: now - 600 }, expected), /过期/);
  checkIdToken({ ...good, nonce: undefined }, { ...expected, nonce: undefined }); // a refresh
});

test('sign-in: the code is exchanged with the verifier whose challenge was sent, the address is cleaned', async () => {
  const world = tab();
  const answer = {
    access_token: accessToken(world.nowMs), expires_in: 300, refresh_token: 'r1', refresh_expires_in: 1800,
    token_type: 'Bearer',
  };
  let sentNonce;
  world.auth.fetch = async (url, init) => {
    world.requests.push({ url, form: Object.fromEntries(new URLSearchParams(init.body)), init });
    return { ok: true, status: 200, json: async () => ({ ...answer, id_token: idToken(world.nowMs, { nonce: sentNonce }) }) };
  };
  const sent = await signInAndComeBack(world);
  sentNonce = sent.searchParams.get('nonce');
  assert.equal(sent.searchParams.get('code_challenge_method'), 'S256');

  assert.equal(await world.auth.handleRedirect(), true);

  const [request] = world.requests;
  assert.equal(request.url, `${ISSUER}/protocol/openid-connect/token`);
  assert.equal(request.init.method, 'POST');
  assert.equal(request.init.headers['Content-Type'], 'application/x-www-form-urlencoded');
  assert.equal(request.form.grant_type, 'authorization_code');
  assert.equal(request.form.code, 'the-code');
  assert.equal(request.form.client_id, CLIENT);
  assert.equal(request.form.redirect_uri, SHELL);
  assert.equal(await codeChallenge(request.form.code_verifier), sent.searchParams.get('code_challenge'));
  assert.deepEqual(world.replaced, ['/']);
  assert.equal(world.auth.isSignedIn(), true);
  assert.equal(world.auth.claims().name, '王经理');
  assert.equal(await world.auth.accessToken(), answer.access_token);
  // the verifier, state and nonce are used once
  assert.equal(world.storage.getItem('anchang.signin'), null);
});

test('sign-in: callers at the same moment share one sign-in, so the state remembered is the state sent', async () => {
  const world = tab();
  await Promise.all([world.auth.signIn(), world.auth.signIn(), world.auth.signIn()]);
  assert.equal(world.assigned.length, 1);
  const sent = new URL(world.assigned[0]).searchParams;
  const pending = JSON.parse(world.storage.getItem('anchang.signin'));
  assert.equal(pending.state, sent.get('state'));
  assert.equal(pending.nonce, sent.get('nonce'));
  assert.equal(await codeChallenge(pending.verifier), sent.get('code_challenge'));
});

test('sign-in: an answer with another state is refused and nothing is exchanged', async () => {
  const world = tab();
  await signInAndComeBack(world, { state: 'forged' });
  await assert.rejects(world.auth.handleRedirect(), /登录状态校验失败/);
  assert.equal(world.requests.length, 0);
  assert.equal(world.auth.isSignedIn(), false);
  assert.deepEqual(world.replaced, ['/']);
});

test('sign-in: an answer replayed after use, or without a sign-in of this tab, is refused', async () => {
  const world = tab();
  world.href = `${SHELL}?state=s&code=c`;
  await assert.rejects(world.auth.handleRedirect(), /登录状态校验失败/);
  assert.equal(world.requests.length, 0);
});

test('sign-in: an ID token with another nonce is refused and no tokens are kept', async () => {
  const world = tab();
  world.auth.fetch = async () => ({
    ok: true, status: 200,
    json: async () => ({ access_token: accessToken(world.nowMs), expires_in: 300, id_token: idToken(world.nowMs, { nonce: 'other' }) }),
  });
  await signInAndComeBack(world);
  await assert.rejects(world.auth.handleRedirect(), /nonce/);
  assert.equal(world.auth.isSignedIn(), false);
});

test('sign-in: the login page\'s error is told, and a page without an answer is no answer', async () => {
  const world = tab();
  await world.auth.signIn();
  const state = new URL(world.assigned[0]).searchParams.get('state');
  world.href = `${SHELL}?error=access_denied&error_description=User%20cancelled&state=${state}`;
  await assert.rejects(world.auth.handleRedirect(), /access_denied: User cancelled/);

  const plain = tab();
  plain.href = `${SHELL}?site=SH01`;
  assert.equal(await plain.auth.handleRedirect(), false);
  assert.deepEqual(plain.replaced, []);
});

test('sign-in: the token endpoint\'s refusal is told in Chinese with its reason', async () => {
  const world = tab({ tokenAnswers: [{ status: 400, body: { error: 'invalid_grant', error_description: 'Code not valid' } }] });
  await signInAndComeBack(world);
  await assert.rejects(world.auth.handleRedirect(), /登录服务拒绝了请求 \(invalid_grant: Code not valid\)/);
});

test('the access token is refreshed shortly before expiry, once for callers at the same moment', async () => {
  const world = tab();
  const first = accessToken(world.nowMs);
  world.storage.setItem('anchang.tokens', JSON.stringify(tokensFrom({
    access_token: first, expires_in: 300, refresh_token: 'r1', refresh_expires_in: 1800, id_token: 'id1',
  }, world.nowMs)));
  assert.equal(await world.auth.accessToken(), first);
  assert.equal(world.requests.length, 0);

  world.nowMs += 280_000; // 20 s before expiry
  const second = accessToken(world.nowMs, { name: '王经理2' });
  let answered = 0;
  world.auth.fetch = async (url, init) => {
    answered += 1;
    world.requests.push({ url, form: Object.fromEntries(new URLSearchParams(init.body)) });
    await new Promise((resolve) => setTimeout(resolve, 10));
    return { ok: true, status: 200, json: async () => ({ access_token: second, expires_in: 300, refresh_token: 'r2', refresh_expires_in: 1800 }) };
  };
  const tokens = await Promise.all([world.auth.accessToken(), world.auth.accessToken(), world.auth.accessToken()]);
  assert.deepEqual(tokens, [second, second, second]);
  assert.equal(answered, 1);
  assert.deepEqual(world.requests[0].form, { grant_type: 'refresh_token', refresh_token: 'r1', client_id: CLIENT });
  const kept = JSON.parse(world.storage.getItem('anchang.tokens'));
  assert.equal(kept.refreshToken, 'r2');
  assert.equal(kept.idToken, 'id1'); // kept for the sign-out
});

test('when the refresh fails after expiry there is no token: the shell signs in again', async () => {
  const world = tab({ tokenAnswers: [{ status: 400, body: { error: 'invalid_grant', error_description: 'Session not active' } }] });
  world.storage.setItem('anchang.tokens', JSON.stringify(tokensFrom({
    access_token: accessToken(world.nowMs), expires_in: 300, refresh_token: 'r1', refresh_expires_in: 1800,
  }, world.nowMs)));
  world.nowMs += 301_000;
  assert.equal(await world.auth.accessToken(), null);
  await assert.rejects(world.auth.refresh(), AuthError);

  const expiredRefresh = tab();
  expiredRefresh.storage.setItem('anchang.tokens', JSON.stringify(tokensFrom({
    access_token: accessToken(expiredRefresh.nowMs), expires_in: 300, refresh_token: 'r1', refresh_expires_in: 600,
  }, expiredRefresh.nowMs)));
  expiredRefresh.nowMs += 601_000;
  assert.equal(expiredRefresh.auth.isSignedIn(), false);
  assert.equal(await expiredRefresh.auth.accessToken(), null);
  assert.equal(expiredRefresh.requests.length, 0);
});

test('sign-out forgets the tokens and ends the realm session with the ID token as hint', () => {
  const world = tab();
  world.storage.setItem('anchang.tokens', JSON.stringify(tokensFrom({
    access_token: accessToken(world.nowMs), expires_in: 300, refresh_token: 'r1', id_token: 'the-id-token',
  }, world.nowMs)));
  world.auth.signOut();
  assert.equal(world.storage.getItem('anchang.tokens'), null);
  const url = new URL(world.assigned[0]);
  assert.equal(url.origin + url.pathname, `${ISSUER}/protocol/openid-connect/logout`);
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    client_id: CLIENT, post_logout_redirect_uri: SHELL, id_token_hint: 'the-id-token',
  });
  assert.equal(endSessionUrl({ issuer: ISSUER, clientId: CLIENT, postLogoutRedirectUri: SHELL }).includes('id_token_hint'), false);
});
