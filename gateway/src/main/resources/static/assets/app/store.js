// What every screen shares: the signed-in user, their sites, the site chosen and its profile
// (name, time zone, staff), and the policy in force there.
import { api, seg } from './api.js';
import { userFrom } from './access.js';
import { today as todayIn } from './format.js';

const { reactive } = Vue;
const SITE_KEY = 'anchang.site';

export const store = reactive({
  user: null,
  sites: [],
  site: null,
  profile: null,
  policy: null,
  leaving: false,
});

export function signedIn(claims) {
  store.user = userFrom(claims);
}

/** A user's name as the site's roster has it (the API answers user ids). */
export function staffName(userId) {
  if (!userId) return '—';
  if (userId === 'DEPARTMENT') return '部门';
  const member = store.profile?.staff?.find((m) => m.userId === userId);
  return member ? member.name : userId;
}

/** The site's staff of the given roles (all when none given), active ones. */
export function staff(...roles) {
  return (store.profile?.staff || []).filter((m) => m.active !== false && (!roles.length || roles.includes(m.role)));
}

/** Who can be on the rotation (R-REC-1). */
export function receivingStaff() {
  return staff('SALES', 'SUPERVISOR', 'MANAGER');
}

/** Who receives customers and takes calls: the one a customer asks for, a call's receiver (R-REC-3, R-REC-6). */
export function receivers() {
  return staff('SALES', 'SUPERVISOR');
}

export function zone() {
  return store.profile?.timeZone || 'Asia/Shanghai';
}

export function siteToday() {
  return todayIn(zone());
}

export async function loadSites() {
  const sites = await api.get('/api/reception/sites');
  store.sites = (Array.isArray(sites) ? sites : []).sort((a, b) => a.code.localeCompare(b.code));
  const remembered = localStorage.getItem(SITE_KEY);
  const first = store.sites.find((s) => s.code === remembered) || store.sites[0];
  if (first) await selectSite(first.code);
}

export async function selectSite(code) {
  const profile = await api.get(`/api/reception/sites/${seg(code)}`);
  store.profile = profile;
  store.policy = null;
  store.site = code;
  localStorage.setItem(SITE_KEY, code);
}

/** The policy settings in force today at the chosen site (section P), read once per site. */
export async function policy() {
  if (!store.policy && store.site) {
    const answer = await api.get(`/api/reception/sites/${seg(store.site)}/policies`);
    store.policy = answer.current;
  }
  return store.policy;
}
