// What the forms check before sending, the way the API checks it (so that a clerk hears at
// once what the API would refuse). Each check answers null when the value is right, else the
// key of the message (i18n: validation.<key>). Pure module: no browser globals.

/** The API's requestId: 1 to 64 of [A-Za-z0-9._:-]; a random UUID is one. */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function newRequestId() {
  return globalThis.crypto.randomUUID();
}

/** A phone as a clerk types it, without spaces, dashes, dots and brackets; +86/0086 dropped. */
export function phoneDigits(raw) {
  let digits = String(raw ?? '').trim().replace(/[\s\-.()（）]/g, '');
  if (digits.startsWith('+86')) digits = digits.slice(3);
  else if (digits.startsWith('0086')) digits = digits.slice(4);
  return digits;
}

/**
 * The API reads phones with libphonenumber (region CN, R-CUS-3): a mainland mobile, a
 * landline with its area code, or an international number with +. This check refuses only
 * what cannot be one of those; the API has the last word.
 */
export function phoneProblem(raw, { required = true } = {}) {
  const text = String(raw ?? '').trim();
  if (!text) return required ? 'required' : null;
  if (text.length > 40) return 'tooLong';
  if (/^\+(?!86)/.test(text.replace(/\s/g, ''))) {
    return /^\+\d{7,15}$/.test(text.replace(/[\s\-.()]/g, '')) ? null : 'phone';
  }
  const digits = phoneDigits(text);
  if (/^1[3-9]\d{9}$/.test(digits)) return null;
  if (/^0[1-9]\d{8,10}$/.test(digits)) return null;
  return 'phone';
}

/** The buyer's phone on an agreement (R-DEAL-4): a mainland mobile, or a landline 0xx(x)-xxxxxxx(x). */
export function buyerPhoneProblem(raw) {
  const text = String(raw ?? '').trim().replace(/ /g, '');
  if (!text) return 'required';
  return /^1[3-9]\d{9}$/.test(text) || /^0\d{2,3}-?\d{7,8}$/.test(text) ? null : 'buyerPhone';
}

export function postcodeProblem(raw) {
  const text = String(raw ?? '').trim();
  if (!text) return 'required';
  return /^[1-8]\d{5}$/.test(text) ? null : 'postcode';
}

/** Money in yuan as the API reads it (AmountInput): a number, at most 2 decimals, more than 0. */
export function amountProblem(raw, { max = null } = {}) {
  const text = String(raw ?? '').trim().replace(/,/g, '');
  if (!text) return 'required';
  if (!/^\d+(\.\d+)?$/.test(text)) return 'amount';
  if (/\.\d{3,}$/.test(text.replace(/0+$/, ''))) return 'amountPrecision';
  if (Number(text) <= 0) return 'amountPositive';
  if (max !== null && Number(text) > Number(max)) return ['amountOverMax', { max }]; // the message names the limit
  return null;
}

/** R-DEAL-12: a discount in percent, at most 2 decimals, within the role's limit. */
export function discountProblem(raw, limit) {
  const text = String(raw ?? '').trim();
  if (!text) return null;
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return 'discount';
  if (limit !== null && limit !== undefined && Number(text) > Number(limit)) return 'discountOverLimit';
  return null;
}

/** Text the API bounds by length: required or not, at most {@code max} characters. */
export function textProblem(raw, { required = false, max = 1000, min = 0 } = {}) {
  const text = String(raw ?? '').trim();
  if (!text) return required ? 'required' : null;
  if (text.length > max) return 'tooLong';
  if (text.length < min) return 'tooShort';
  return null;
}

/**
 * Checks a form: {@code rules} maps each field to a check of its value. Answers field → key
 * for the fields that are wrong (empty when all are right).
 */
export function check(form, rules) {
  const wrong = {};
  for (const [field, rule] of Object.entries(rules)) {
    const key = rule(form[field], form);
    if (key) wrong[field] = key;
  }
  return wrong;
}

/** Yuan as whole fen, exactly (R-FIN-6: no binary fractions in money). */
export function fen(amount) {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(amount ?? '').trim().replace(/,/g, ''));
  if (!m) return null;
  const value = BigInt(m[2]) * 100n + BigInt((m[3] || '').padEnd(2, '0') || '0');
  return m[1] ? -value : value;
}

export function yuan(fenValue) {
  const negative = fenValue < 0n;
  const abs = negative ? -fenValue : fenValue;
  return `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** R-DEAL-6: the terms with the deposits paid add up to the price; answers a validation key or null. */
export function termsProblem(terms, price, paid) {
  if (!terms.length) return 'required';
  let sum = 0n;
  for (const term of terms) {
    const wrong = amountProblem(term.amount);
    if (wrong) return wrong;
    if (!term.dueOn) return 'day';
    sum += fen(term.amount);
  }
  if (terms.filter((x) => x.kind === 'MORTGAGE').length > 1) return 'oneMortgage';
  return sum + fen(paid || '0') === fen(price) ? null : ['termsSum', { balance: yuan(fen(price) - fen(paid || '0')) }];
}

/** A line of names typed by the MANAGER: an archive number (BJ-2024-0031, SH01-000012) or a name; a trailing * marks a new customer. */
export function mentionOf(line) {
  const text = line.trim();
  const fresh = text.endsWith('*');
  const value = fresh ? text.slice(0, -1).trim() : text;
  return /^[A-Za-z]{2,}[A-Za-z0-9]*-[A-Za-z0-9-]+$/.test(value) ? { archiveNo: value, newCustomer: fresh } : { name: value, newCustomer: fresh };
}

/** A month's unit target (issue 15, as reporting-service reads it): empty (not set) or a whole number 0–100000. */
export function targetUnitsProblem(raw) {
  const text = String(raw ?? '').trim();
  if (!text) return null;
  return /^\d{1,6}$/.test(text) && Number(text) <= 100_000 ? null : ['int', { min: 0, max: 100000 }];
}

/** A month's amount target in yuan: empty (not set) or 0 to 10,000,000,000 with at most two decimals. */
export function targetAmountProblem(raw) {
  const text = String(raw ?? '').trim().replace(/,/g, '');
  if (!text) return null;
  if (!/^\d{1,11}(\.\d{1,2})?$/.test(text)) return 'targetAmount';
  return fen(text) > 1_000_000_000_000n ? 'targetAmount' : null;
}
