// What the archive's forms check before sending (issue 14), the way customer-service checks it:
// birthdays solar or lunar (R-CUS-8), the ID card number's form (R-CUS-13), survey scores
// (R-CUS-10). Each answers null when right, else a validation key. Pure module: no browser globals.

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const leapYear = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const int = (v) => (v === '' || v === null || v === undefined ? null : Number(v));

/**
 * R-CUS-8: a person's birthday as the family keeps it. Solar: a real date (no 30 February; 29
 * February only in a leap year when the year is given), not in the future. Lunar: months 1–12,
 * days 1–30, a leap month allowed (whether that year has it, the server knows). Year 1900 to this year.
 */
export function birthdayProblem(person, thisYear, today = null) {
  const { calendar } = person;
  const year = int(person.year);
  const month = int(person.month);
  const day = int(person.day);
  if (!calendar && month === null && day === null && year === null) return null;
  if (!calendar) return 'calendarMissing';
  if (month === null || day === null || !Number.isInteger(month) || !Number.isInteger(day)) return 'birthdayMissing';
  if (year !== null && (!Number.isInteger(year) || year < 1900 || year > thisYear)) return ['birthYear', { max: thisYear }];
  if (calendar === 'SOLAR') {
    if (person.leapMonth) return 'solarLeap';
    if (month < 1 || month > 12 || day < 1 || day > DAYS[month - 1] || (year !== null && month === 2 && day === 29 && !leapYear(year))) {
      return 'solarDate';
    }
    if (year !== null && today) {
      const born = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (born > today) return 'bornFuture';
    }
    return null;
  }
  if (month < 1 || month > 12 || day < 1 || day > 30) return 'lunarDate';
  return null;
}

/** R-CUS-13: 18 characters, 17 digits and a digit or X (spaces ignored); date and check digit are the server's to judge. */
export function idNumberProblem(raw) {
  const text = String(raw ?? '').replace(/ /g, '');
  if (!text) return 'required';
  if (text.length > 40) return 'tooLong';
  return /^[1-9]\d{16}[\dXx]$/.test(text) ? null : 'idNumber';
}

/** R-CUS-10: each score given is a whole number 1 to 5; at least one topic scored. */
export function scoresProblem(scores) {
  const given = Object.values(scores || {}).filter((v) => v !== null && v !== undefined && v !== '');
  if (!given.length) return 'scoresMissing';
  return given.every((v) => Number.isInteger(Number(v)) && Number(v) >= 1 && Number(v) <= 5) ? null : 'score';
}

/** Hobbies typed on one line, split at commas: at most 20, each at most 50 characters. */
export function hobbiesOf(text) {
  return [...new Set(String(text ?? '').split(/[,，、;；\n]/).map((x) => x.trim()).filter(Boolean))];
}

export function hobbiesProblem(text) {
  const list = hobbiesOf(text);
  if (list.length > 20) return 'tooManyHobbies';
  return list.some((h) => h.length > 50) ? 'tooLong' : null;
}
