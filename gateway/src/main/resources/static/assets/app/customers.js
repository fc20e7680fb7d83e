// Finding customers: the API has no list of a rep's customers yet, so the ones a rep served or
// took a call from are read from the visitor and call registers of the last days; any other
// customer is found by phone (R-CUS-3, any spelling).
import { api, seg } from './api.js';
import { siteToday } from './store.js';
import { daysBefore } from './format.js';

/** Customers of the registers of the last {@code days} days, newest first; only {@code servedBy}'s when given. */
export async function recentCustomers(site, { servedBy = null, days = 7 } = {}) {
  const today = siteToday();
  const dayList = Array.from({ length: days }, (_, n) => daysBefore(today, n));
  const registers = await Promise.all(dayList.map((day) => api.get(`/api/reception/sites/${seg(site)}/visits?day=${day}`)
    .catch(() => [])));
  const found = new Map();
  for (const visit of registers.flat().sort((a, b) => String(b.at).localeCompare(String(a.at)))) {
    if (!visit.customerId || (servedBy && visit.servedBy !== servedBy) || found.has(visit.customerId)) continue;
    found.set(visit.customerId, {
      customerId: visit.customerId, name: visit.customerName, phone: visit.phone, archiveNo: visit.archiveNo, lastAt: visit.at,
      channel: visit.channel, servedBy: visit.servedBy,
    });
  }
  return [...found.values()];
}

/** The customer a phone identifies at the site (404 when none); the phone goes in the body, never in a URL (R-SEC-3). */
export function findByPhone(site, phone) {
  return api.post(`/api/customers/sites/${seg(site)}/customers/search`, { phone: String(phone).trim() });
}

/** R-SEC-3: the customer's full numbers, with the reason; each reveal is audited. */
export function revealPhones(site, id, reason) {
  return api.post(`/api/customers/sites/${seg(site)}/customers/${seg(id)}/phones/reveal`, { reason });
}

export function customer(site, id) {
  return api.get(`/api/customers/sites/${seg(site)}/customers/${seg(id)}`);
}
