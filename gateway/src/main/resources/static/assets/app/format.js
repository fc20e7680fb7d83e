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
