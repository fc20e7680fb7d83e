// Signing in with Keycloak's own JavaScript adapter (keycloak-js, from its WebJar): the
// authorization code flow with PKCE (S256) against the public client the gateway names in
// /assets/config.json. Tokens live in this page only; a reload asks Keycloak again (its
// session cookie signs the user straight back in).

const REAUTH_KEY = 'anchang.reauth';
/** A second loss of the session this soon after signing in again is not followed by another redirect (no loop). */
const REAUTH_PAUSE_MS = 30_000;

let keycloak = null;
let localeOf = () => 'zh-CN';
const listeners = new Set();

/** The realm's address and name from its issuer (…/realms/anchang). */
export function realmOf(issuer) {
  const match = String(issuer).match(/^(https?:\/\/.+)\/realms\/([^/]+)\/?$/);
  if (!match) throw new Error(`not a Keycloak issuer: ${issuer}`);
  return { url: match[1], realm: decodeURIComponent(match[2]) };
}

/** Keycloak's login page in the reader's language (the realm offers zh-CN and en). */
function uiLocale() {
  return String(localeOf()).toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * Signs in: back from Keycloak's login page the adapter exchanges the code; otherwise it sends
 * the browser there (onLoad login-required). Answers once the user is signed in.
 */
export async function startSession({ locale } = {}) {
  if (locale) localeOf = locale;
  const response = await fetch('/assets/config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`/assets/config.json: HTTP ${response.status}`);
  const config = await response.json();
  const { url, realm } = realmOf(config.issuer);
  keycloak = new window.Keycloak({ url, realm, clientId: config.clientId });
  // keep the token fresh while the page is open; a refresh that fails is handled on the next call
  keycloak.onTokenExpired = () => keycloak.updateToken(60).catch(() => {});
  await keycloak.init({
    onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false, locale: uiLocale(), enableLogging: false,
  });
  return keycloak.authenticated;
}

export function claims() {
  return keycloak?.tokenParsed || {};
}

/** Called when the session is lost: the screen shows it before the browser leaves. */
export function onSessionLost(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A fresh access token; rejects when the session has ended (the refresh was refused). */
export async function accessToken() {
  try {
    await keycloak.updateToken(30);
  } catch {
    throw new Error('session ended');
  }
  if (!keycloak.token) throw new Error('no token');
  return keycloak.token;
}

/**
 * The session ended (Keycloak refused the refresh, or the API refused the token): sign in
 * again and come back to this very address. What was typed stays: forms keep their drafts in
 * this tab's storage (forms.js) and the screen restores them. Answers false when it signed in
 * again only moments ago, so the caller shows the problem instead of looping.
 */
export function signInAgain({ force = false } = {}) {
  const last = Number(sessionStorage.getItem(REAUTH_KEY) || 0);
  if (!force && Date.now() - last < REAUTH_PAUSE_MS) return false;
  sessionStorage.setItem(REAUTH_KEY, String(Date.now()));
  listeners.forEach((listener) => listener());
  keycloak.login({ redirectUri: window.location.href, locale: uiLocale() });
  return true;
}

/** Ends the session at Keycloak too, and comes back to the application's first page. */
export function signOut() {
  Object.keys(sessionStorage).filter((key) => key.startsWith('anchang.')).forEach((key) => sessionStorage.removeItem(key));
  keycloak.logout({ redirectUri: `${window.location.origin}/` });
}
