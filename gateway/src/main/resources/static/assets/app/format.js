// How numbers, money, times and durations read on screen. Times are shown in the site's
// time zone (R-REC: a day is the site's calendar), whatever the browser's.
// Pure module: no browser globals beyond Intl.

const zh = (locale) => String(locale || '').toLowerCase().startsWith('zh');

/** "20000.00" → "¥20,000.00", exactly as the API gives it (no floating point, R-FIN-6). */
export function money(amount) {
  if (amount === null || amount === undefined || amount === '') return '—';
  const text = String(amount);
  const m = text.match(/^(-?)(\d+)(?:\.(\d+))?$/);
  if (!m) return text;
  const whole = m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (m[3] || '').padEnd(2, '0');
  return `${m[1]}¥${whole}.${cents}`;
}

/** A wait or a reception's length: "12 分钟", "1 小时 5 分钟"; under a minute "不到 1 分钟". */
export function duration(seconds, locale) {
  const s = Math.max(0, Math.floor(Number(seconds) || 0));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  if (zh(locale)) {
    if (hours) return `${hours} 小时 ${minutes} 分钟`;
    return minutes ? `${minutes} 分钟` : '不到 1 分钟';
  }
  if (hours) return `${hours} h ${minutes} min`;
  return minutes ? `${minutes} min` : 'under a minute';
}

/** Time left as a clock: "29:59", "1:05:00"; null for nothing left. */
export function countdown(seconds) {
  const s = Math.floor(Number(seconds));
  if (!Number.isFinite(s) || s <= 0) return null;
  const hours = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(hours ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** An instant in the site's zone: "11月27日 14:05" / "Nov 27, 14:05". */
export function dateTime(instant, zone, locale) {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  return new Intl.DateTimeFormat(zh(locale) ? 'zh-CN' : 'en-GB', {
    timeZone: zone || undefined, month: zh(locale) ? 'long' : 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

/** A clock time in the site's zone: "14:05". */
export function time(instant, zone) {
  if (!instant) return '—';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return String(instant);
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone || undefined, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(date);
}

/** A day of the site's calendar (ISO date): "2026年11月27日星期五" / "Fri, 27 Nov 2026". */
export function day(isoDay, locale) {
  if (!isoDay) return '—';
  const date = new Date(`${isoDay}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return String(isoDay);
  return new Intl.DateTimeFormat(zh(locale) ? 'zh-CN' : 'en-GB', { dateStyle: 'full', timeZone: 'UTC' }).format(date);
}

/** Today in the site's zone as an ISO date. */
export function today(zone, now = new Date()) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone || undefined, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(now);
  return parts.slice(0, 10);
}

/** The ISO day {@code n} days before {@code isoDay}. */
export function daysBefore(isoDay, n) {
  const date = new Date(`${isoDay}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - n);
  return date.toISOString().slice(0, 10);
}

/** Whole days from {@code fromDay} to {@code toDay} (ISO dates), negative when past. */
export function daysBetween(fromDay, toDay) {
  const a = Date.parse(`${fromDay}T00:00:00Z`);
  const b = Date.parse(`${toDay}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.round((b - a) / 86_400_000);
}

/** Credit as a fraction of a sale: "1 套", "0.5 套". */
export function credit(value, locale) {
  const n = Number(value);
  const text = Number.isFinite(n) ? String(Math.round(n * 100) / 100) : String(value);
  return zh(locale) ? `${text} 套` : `${text} unit${n === 1 ? '' : 's'}`;
}

/** How far {@code zone}'s wall clock is ahead of UTC at the instant {@code ms} (milliseconds). */
function zoneOffset(zone, ms) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone || undefined, hourCycle: 'h23', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
  const part = (type) => Number(parts.find((p) => p.type === type).value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - Math.floor(ms / 1000) * 1000;
}

/** What a datetime-local field shows for an instant on the site's clock ("2026-12-06T14:30"), whatever the browser's zone. */
export function wallClock(date, zone) {
  return new Date(date.getTime() + zoneOffset(zone, date.getTime())).toISOString().slice(0, 16);
}

/** The instant a datetime-local value ("2026-12-06T14:30") names on the site's clock; null when it is not one. */
export function instantOnSiteClock(value, zone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(String(value || ''));
  if (!m) return null;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  let at = asUtc - zoneOffset(zone, asUtc);
  at = asUtc - zoneOffset(zone, at); // once more, for a time next to a change of the zone's offset
  return new Date(at);
}
