// Chinese by default, English switchable: the screens' texts (messages.js), Ant Design Vue's
// own texts and dayjs's calendar follow the language chosen, which the browser remembers.
import { messages } from './messages.js';

const LOCALE_KEY = 'anchang.locale';
export const LOCALES = ['zh-CN', 'en'];

export const i18n = VueI18n.createI18n({
  legacy: false,
  globalInjection: true,
  locale: 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages,
  missingWarn: false,
  fallbackWarn: false,
});

export const ui = Vue.reactive({ antLocale: null });

export function initialLocale() {
  const saved = localStorage.getItem(LOCALE_KEY);
  return LOCALES.includes(saved) ? saved : 'zh-CN';
}

export function setLocale(locale) {
  const chosen = LOCALES.includes(locale) ? locale : 'zh-CN';
  i18n.global.locale.value = chosen;
  const zh = chosen === 'zh-CN';
  window.dayjs.locale(zh ? 'zh-cn' : 'en');
  ui.antLocale = zh ? window.antd.locales?.zh_CN : window.antd.locales?.en_US;
  document.documentElement.lang = chosen;
  document.title = i18n.global.t('app.title');
  localStorage.setItem(LOCALE_KEY, chosen);
}
