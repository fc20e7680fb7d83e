// 案场管理系统 — the web application. Vue 3 with Ant Design Vue (Chinese locale), vue-router,
// vue-i18n, ECharts and keycloak-js, all from WebJars served by the gateway; the screens are
// JavaScript modules whose templates Vue compiles in the browser (no Node in the build).
import { i18n, setLocale, initialLocale } from './i18n.js';
import { startSession, claims, onSessionLost } from './session.js';
import { store, signedIn } from './store.js';
import { makeRouter } from './router.js';
import { AppShell } from './components/AppShell.js';
import { registerCommon } from './components/common.js';

function bootMessage(text, detail) {
  const root = document.getElementById('app');
  root.replaceChildren();
  const p = document.createElement('p');
  p.className = 'boot';
  p.setAttribute('role', 'alert');
  p.dataset.test = 'boot-problem';
  p.textContent = text;
  root.append(p);
  if (detail) {
    const small = document.createElement('p');
    small.className = 'boot note';
    small.textContent = detail;
    root.append(small);
  }
}

async function boot() {
  setLocale(initialLocale());
  let signed;
  try {
    signed = await startSession({ locale: () => i18n.global.locale.value });
  } catch (error) {
    bootMessage(i18n.global.t('app.signInFailed'), String(error?.error || error?.message || error || ''));
    return;
  }
  if (!signed) return; // on the way to the login page
  signedIn(claims());
  onSessionLost(() => { store.leaving = true; });
  const app = Vue.createApp(AppShell);
  app.use(window.antd);
  app.use(i18n);
  app.use(makeRouter());
  registerCommon(app);
  app.config.errorHandler = (error) => console.error(error);
  app.mount('#app');
  window.__anchang = { store };
}

boot();
