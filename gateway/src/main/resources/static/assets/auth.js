// Sign-in for the web shell: OpenID Connect authorization code flow with PKCE (S256)
// against the realm named by /assets/config.json. The tokens live in this tab's
// sessionStorage only; the access token is refreshed shortly before it expires, and when
// that fails the user signs in again.
//
// The helpers at the top touch no browser globals besides Web Crypto, TextEncoder and
// btoa/atob, so that Node's test runner can check them (system-tests/browser/auth.test.mjs).

const TOKENS_KEY = 'anchang.tokens';
const PENDING_KEY = 'anchang.signin';
/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 30_000;
/** A sign-in that started longer ago than this is stale: its answer is not accepted. */
const PENDING_MAX_AGE_MS = 10 * 60_000;
/** Allowed difference between this browser's clock and the identity provider's. */
const CLOCK_SKEW_S = 120;

/** An error of signing in, with a message for the user (Chinese first). */
export class AuthError extends Error {
  constructor(message, cause) {
    super(message);
    this.name = 'AuthError';
    if (cause !== undefined) this.cause = cause;
  }
}

/** Bytes as base64url without padding (RFC 4648 §5, RFC 7636 appendix A). */
export function base64UrlEncode(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url (with or without padding) to bytes. */
export function base64UrlDecode(text) {
  let base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  while (base64.length % 4 !== 0) base64 += '=';
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A random base64url string of {@code byteCount} random bytes (32 bytes → 43 characters). */
export function randomString(byteCount = 32) {
  const bytes = new Uint8Array(byteCount);
  crypto.getRandomValues(bytes);
  return base64UrlEncode(bytes);
}

/** A PKCE code verifier: 43 characters of the unreserved set, 256 bits of randomness. */
export function createVerifier() {
  return randomString(32);
}

/** The S256 code challenge of a verifier: base64url(SHA-256(ASCII(verifier))). */
export async function codeChallenge(verifier) {
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) {
    throw new AuthError('PKCE 校验码格式不正确 (invalid code verifier)');
  }
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}

/** The claims of a JWT (not verified: the services verify the tokens they receive). */
export function decodeJwt(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) throw new AuthError('令牌格式不正确 (malformed token)');
  try {
    return JSON.parse(new TextDecoder().decode(base64UrlDecode(parts[1])));
  } catch (error) {
    throw new AuthError('令牌格式不正确 (malformed token)', error);
  }
}

/** The realm's OpenID Connect endpoints (Keycloak's layout under the issuer). */
export function endpoints(issuer) {
  const base = issuer.replace(/\/+$/, '');
  return {
    authorization: `${base}/protocol/openid-connect/auth`,
    token: `${base}/protocol/openid-connect/token`,
    endSession: `${base}/protocol/openid-connect/logout`,
  };
}

/** Where the browser goes to sign in. */
export function authorizationUrl({ issuer, clientId, redirectUri, state, nonce, challenge, locale = 'zh-CN' }) {
  const url = new URL(endpoints(issuer).authorization);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'openid',
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ui_locales: locale,
  }).toString();
  return url.toString();
}

/** Where the browser goes to sign out of the realm, and back. */
export function endSessionUrl({ issuer, clientId, postLogoutRedirectUri, idToken }) {
  const url = new URL(endpoints(issuer).endSession);
  const params = new URLSearchParams({ client_id: clientId, post_logout_redirect_uri: postLogoutRedirectUri });
  if (idToken) params.set('id_token_hint', idToken);
  url.search = params.toString();
  return url.toString();
}

/**
 * Checks the ID token of a code exchange (OpenID Connect Core §3.1.3.7): it comes straight
 * from the token endpoint, so its issuer, audience, expiry and nonce are checked here.
 */
export function checkIdToken(claims, { issuer, clientId, nonce, nowSeconds }) {
  if (claims.iss !== issuer) {
    throw new AuthError(`登录凭证的签发方不符 (ID token issuer ${claims.iss} is not ${issuer})`);
  }
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audience.includes(clientId)) {
    throw new AuthError('登录凭证不是签发给本系统的 (ID token audience does not name this client)');
  }
  if (audience.length > 1 && claims.azp !== undefined && claims.azp !== clientId) {
    throw new AuthError('登录凭证不是签发给本系统的 (ID token azp does not name this client)');
  }
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_S < nowSeconds) {
    throw new AuthError('登录凭证已过期，请重新登录 (ID token expired)');
  }
  if (nonce !== undefined && claims.nonce !== nonce) {
    throw new AuthError('登录校验失败，请重新登录 (ID token nonce does not match)');
  }
}

/** The tokens to keep from a token endpoint answer. */
export function tokensFrom(answer, nowMs, previous = {}) {
  if (!answer || typeof answer.access_token !== 'string') {
    throw new AuthError('登录服务没有返回访问令牌 (no access token in the answer)');
  }
  const expiresIn = Number(answer.expires_in) > 0 ? Number(answer.expires_in) : 300;
  const refreshExpiresIn = Number(answer.refresh_expires_in);
  return {
    accessToken: answer.access_token,
    expiresAt: nowMs + expiresIn * 1000,
    refreshToken: answer.refresh_token ?? previous.refreshToken ?? null,
    // Keycloak answers 0 for an offline token: it has no fixed end
    refreshExpiresAt: answer.refresh_token
      ? (refreshExpiresIn > 0 ? nowMs + refreshExpiresIn * 1000 : null)
      : previous.refreshExpiresAt ?? null,
    idToken: answer.id_token ?? previous.idToken ?? null,
    obtainedAt: nowMs,
  };
}

/**
 * The signed-in session of this tab.
 *
 * {@code onSessionLost} is called when the tokens can no longer be refreshed (the realm
 * ended the session): the shell then signs in again.
 */
export class Auth {
  constructor({ issuer, clientId, redirectUri, storage, location, history, fetch: fetchImpl, now, onSessionLost }) {
    this.issuer = issuer.replace(/\/+$/, '');
    this.clientId = clientId;
    this.redirectUri = redirectUri;
    this.storage = storage;
    this.location = location;
    this.history = history;
    this.fetch = fetchImpl;
    this.now = now ?? (() => Date.now());
    this.onSessionLost = onSessionLost ?? (() => {});
    this.refreshing = null;
    this.signingIn = null;
    this.timer = null;
  }

  /**
   * Starts the flow: remembers state, nonce and verifier, and leaves for the login page.
   * Callers at the same moment (two requests answered 401) share one sign-in, so that the
   * state remembered is the state sent.
   */
  signIn() {
    if (!this.signingIn) this.signingIn = this.startSignIn();
    return this.signingIn;
  }

  async startSignIn() {
    const verifier = createVerifier();
    const pending = { state: randomString(16), nonce: randomString(16), verifier, startedAt: this.now() };
    this.storage.setItem(PENDING_KEY, JSON.stringify(pending));
    const url = authorizationUrl({
      issuer: this.issuer,
      clientId: this.clientId,
      redirectUri: this.redirectUri,
      state: pending.state,
      nonce: pending.nonce,
      challenge: await codeChallenge(verifier),
    });
    this.location.assign(url);
  }

  /**
   * If this page is the answer of the login page ({@code ?code=…&state=…} or
   * {@code ?error=…}), checks it, exchanges the code and removes the answer from the address.
   * Returns whether it was such an answer; throws {@link AuthError} when it is not acceptable.
   */
  async handleRedirect() {
    const params = new URLSearchParams(this.location.search);
    if (!params.has('state') || !(params.has('code') || params.has('error'))) return false;
    this.cleanAddress();
    const pending = this.takePending();
    if (!pending || params.get('state') !== pending.state) {
      throw new AuthError('登录状态校验失败，请重新登录 (the sign-in answer does not match a sign-in of this tab)');
    }
    if (this.now() - pending.startedAt > PENDING_MAX_AGE_MS) {
      throw new AuthError('登录已超时，请重新登录 (the sign-in took too long)');
    }
    if (params.has('error')) {
      const description = params.get('error_description');
      throw new AuthError(`登录未完成 (${params.get('error')}${description ? ': ' + description : ''})`);
    }
    if (params.has('iss') && params.get('iss') !== this.issuer) {
      throw new AuthError('登录应答的签发方不符 (the answer names another issuer)');
    }
    const answer = await this.tokenRequest({
      grant_type: 'authorization_code',
      code: params.get('code'),
      redirect_uri: this.redirectUri,
      client_id: this.clientId,
      code_verifier: pending.verifier,
    });
    if (typeof answer.id_token !== 'string') {
      throw new AuthError('登录服务没有返回身份令牌 (no ID token in the answer)');
    }
    checkIdToken(decodeJwt(answer.id_token), {
      issuer: this.issuer, clientId: this.clientId, nonce: pending.nonce, nowSeconds: this.now() / 1000,
    });
    this.store(tokensFrom(answer, this.now()));
    return true;
  }

  isSignedIn() {
    const tokens = this.tokens();
    return tokens !== null && (tokens.expiresAt > this.now() || this.canRefresh(tokens));
  }

  /** The claims of the current access token, or null. */
  claims() {
    const tokens = this.tokens();
    return tokens ? decodeJwt(tokens.accessToken) : null;
  }

  /** When the current tokens were obtained (ms), or null. */
  obtainedAt() {
    return this.tokens()?.obtainedAt ?? null;
  }

  /** A valid access token, refreshed first if it is about to expire; null when none can be had. */
  async accessToken() {
    const tokens = this.tokens();
    if (!tokens) return null;
    if (tokens.expiresAt - REFRESH_AHEAD_MS > this.now()) return tokens.accessToken;
    try {
      return (await this.refresh()).accessToken;
    } catch (error) {
      return tokens.expiresAt > this.now() ? tokens.accessToken : null;
    }
  }

  /** Exchanges the refresh token for new tokens (one exchange at a time). */
  refresh() {
    if (!this.refreshing) {
      this.refreshing = (async () => {
        const tokens = this.tokens();
        if (!tokens || !this.canRefresh(tokens)) {
          throw new AuthError('会话已结束，请重新登录 (no refresh token)');
        }
        const answer = await this.tokenRequest({
          grant_type: 'refresh_token',
          refresh_token: tokens.refreshToken,
          client_id: this.clientId,
        });
        if (typeof answer.id_token === 'string') {
          checkIdToken(decodeJwt(answer.id_token), {
            issuer: this.issuer, clientId: this.clientId, nonce: undefined, nowSeconds: this.now() / 1000,
          });
        }
        const renewed = tokensFrom(answer, this.now(), tokens);
        renewed.obtainedAt = tokens.obtainedAt;
        this.store(renewed);
        return renewed;
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** Keeps the session alive: refreshes shortly before expiry, or reports the session lost. */
  scheduleRefresh() {
    clearTimeout(this.timer);
    const tokens = this.tokens();
    if (!tokens) return;
    const delay = Math.max(1000, tokens.expiresAt - REFRESH_AHEAD_MS - this.now());
    this.timer = setTimeout(async () => {
      try {
        await this.refresh();
        this.scheduleRefresh();
      } catch (error) {
        this.clear();
        this.onSessionLost(error);
      }
    }, delay);
  }

  /** Forgets the tokens of this tab and ends the realm session, coming back to the shell. */
  signOut() {
    const idToken = this.tokens()?.idToken;
    this.clear();
    this.location.assign(endSessionUrl({
      issuer: this.issuer, clientId: this.clientId, postLogoutRedirectUri: this.redirectUri, idToken,
    }));
  }

  clear() {
    clearTimeout(this.timer);
    this.storage.removeItem(TOKENS_KEY);
  }

  // --- internals

  tokens() {
    try {
      const tokens = JSON.parse(this.storage.getItem(TOKENS_KEY));
      return tokens && typeof tokens.accessToken === 'string' ? tokens : null;
    } catch {
      return null;
    }
  }

  canRefresh(tokens) {
    return Boolean(tokens.refreshToken) && (tokens.refreshExpiresAt === null || tokens.refreshExpiresAt > this.now());
  }

  store(tokens) {
    this.storage.setItem(TOKENS_KEY, JSON.stringify(tokens));
  }

  takePending() {
    const raw = this.storage.getItem(PENDING_KEY);
    this.storage.removeItem(PENDING_KEY);
    try {
      return raw ? JSON.parse(raw) : null;
    } catch {
      return null;
    }
  }

  /** Removes the login page's answer from the address bar and the history. */
  cleanAddress() {
    const url = new URL(this.location.href);
    for (const name of ['code', 'state', 'session_state', 'iss', 'error', 'error_description', 'error_uri']) {
      url.searchParams.delete(name);
    }
    this.history.replaceState(this.history.state, '', url.pathname + url.search + url.hash);
  }

  async tokenRequest(form) {
    let response;
    try {
      response = await this.fetch(endpoints(this.issuer).token, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams(form).toString(),
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw new AuthError('无法连接登录服务，请稍后重试 (the identity provider cannot be reached)', error);
    }
    let answer = null;
    try {
      answer = await response.json();
    } catch {
      answer = null;
    }
    if (!response.ok) {
      const reason = answer && answer.error
        ? answer.error + (answer.error_description ? ': ' + answer.error_description : '')
        : 'HTTP ' + response.status;
      throw new AuthError(`登录服务拒绝了请求 (${reason})`);
    }
    if (!answer) throw new AuthError('登录服务的应答无法识别 (unreadable token answer)');
    return answer;
  }
}
