// Unit tests of what the archive's screens check before sending (issue 14), against the rules the
// API applies: `node --test` in this folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const APP = new URL('../../gateway/src/main/resources/static/assets/app/', import.meta.url);

async function load(name, replace = {}) {
  let source = await readFile(new URL(name, APP), 'utf8');
  for (const [from, to] of Object.entries(replace)) source = source.replace(from, to);
  return import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
}

const validate = await load('archive-validate.js');
const accessSource = await readFile(new URL('access.js', APP), 'utf8');
const accessUrl = `data:text/javascript;base64,${Buffer.from(accessSource).toString('base64')}`;
const { archiveAbilities } = await load('archive-access.js', { "'./access.js'": `'${accessUrl}'` });
const access = await import(accessUrl);

test('R-CUS-8 a solar birthday must exist: no 30 February, 29 February only in a leap year', () => {
  const { birthdayProblem } = validate;
  assert.equal(birthdayProblem({ calendar: 'SOLAR', month: 2, day: 30 }, 2026), 'solarDate');
  assert.equal(birthdayProblem({ calendar: 'SOLAR', month: 2, day: 29 }, 2026), null);
  assert.equal(birthdayProblem({ calendar: 'SOLAR', year: 2023, month: 2, day: 29 }, 2026), 'solarDate');
  assert.equal(birthdayProblem({ calendar: 'SOLAR', year: 2024, month: 2, day: 29 }, 2026), null);
  assert.equal(birthdayProblem({ calendar: 'SOLAR', month: 4, day: 31 }, 2026), 'solarDate');
  assert.equal(birthdayProblem({ calendar: 'SOLAR', month: 5, day: 1, leapMonth: true }, 2026), 'solarLeap');
  assert.equal(birthdayProblem({ calendar: 'SOLAR', year: 2026, month: 12, day: 31 }, 2026, '2026-12-06'), 'bornFuture');
});

test('R-CUS-8 a lunar birthday runs months 1–12 and days 1–30, a leap month allowed; the year between 1900 and this year', () => {
  const { birthdayProblem } = validate;
  assert.equal(birthdayProblem({ calendar: 'LUNAR', year: 2020, month: 4, day: 3, leapMonth: true }, 2026), null);
  assert.equal(birthdayProblem({ calendar: 'LUNAR', month: 8, day: 30 }, 2026), null);
  assert.equal(birthdayProblem({ calendar: 'LUNAR', month: 8, day: 31 }, 2026), 'lunarDate');
  assert.equal(birthdayProblem({ calendar: 'LUNAR', month: 13, day: 1 }, 2026), 'lunarDate');
  assert.deepEqual(birthdayProblem({ calendar: 'LUNAR', year: 1899, month: 1, day: 1 }, 2026), ['birthYear', { max: 2026 }]);
  assert.deepEqual(birthdayProblem({ calendar: 'SOLAR', year: 2027, month: 1, day: 1 }, 2026), ['birthYear', { max: 2026 }]);
  assert.equal(birthdayProblem({ calendar: '', month: '', day: '', year: '' }, 2026), null, 'no birthday at all is allowed');
  assert.equal(birthdayProblem({ calendar: 'LUNAR', month: '', day: 3 }, 2026), 'birthdayMissing');
});

test('R-CUS-13 an ID number has 18 characters, 17 digits and a digit or X; the rest is the server\'s to judge', () => {
  const { idNumberProblem } = validate;
  assert.equal(idNumberProblem('11010519491231002X'), null);
  assert.equal(idNumberProblem('11010519491231002x'), null);
  assert.equal(idNumberProblem('110105 19491231 002X'), null, 'spaces are ignored, as the server ignores them');
  assert.equal(idNumberProblem('1101051949123100'), 'idNumber');
  assert.equal(idNumberProblem('01010519491231002X'), 'idNumber');
  assert.equal(idNumberProblem(''), 'required');
  assert.equal(idNumberProblem('1'.repeat(41)), 'tooLong');
});

test('R-CUS-10 scores are whole numbers 1 to 5, at least one topic', () => {
  assert.equal(validate.scoresProblem({ OVERALL: 5 }), null);
  assert.equal(validate.scoresProblem({ OVERALL: null }), 'scoresMissing');
  assert.equal(validate.scoresProblem({ OVERALL: 6 }), 'score');
  assert.equal(validate.hobbiesProblem(Array.from({ length: 21 }, (_, i) => `爱好${i}`).join('，')), 'tooManyHobbies');
  assert.deepEqual(validate.hobbiesOf('高尔夫，茶, 高尔夫'), ['高尔夫', '茶']);
});

test('R-SEC-1 R-SEC-2 what each role sees of the archive: the rep their own customer\'s care and ID, FINANCE only the cash reward, the MANAGER the import', () => {
  const user = (id, ...roles) => access.userFrom({ preferred_username: id, realm_access: { roles }, sites: ['SH01'] });
  const rep = archiveAbilities(user('rep1', 'SALES'), 'SH01');
  const mine = { owner: 'rep1' };
  const theirs = { owner: 'rep2' };
  assert.equal(rep.writeCare(mine), true);
  assert.equal(rep.writeCare(theirs), false);
  assert.equal(rep.idNumber(theirs), false);
  assert.equal(rep.revealId(mine), true);
  assert.equal(rep.importCustomers || rep.exportCustomers || rep.incidents || rep.answerQuestion || rep.rewardTo('PAID'), false);
  const supervisor = archiveAbilities(user('sup', 'SUPERVISOR'), 'SH01');
  assert.equal(supervisor.writeCare(theirs) && supervisor.revealId(theirs) && supervisor.incidents && supervisor.resolveFeedback, true);
  assert.equal(supervisor.rewardTo('APPROVED') || supervisor.importCustomers, false);
  const manager = archiveAbilities(user('mgr', 'MANAGER'), 'SH01');
  assert.equal(manager.importCustomers && manager.exportCustomers && manager.answerQuestion && manager.rewardTo('APPROVED'), true);
  assert.equal(manager.rewardTo('PAID'), false, 'only FINANCE pays cash (R-SEC-2)');
  const finance = archiveAbilities(user('fin', 'FINANCE'), 'SH01');
  assert.equal(finance.rewardTo('PAID') && finance.idNumber(theirs) && finance.readPersonal, true);
  assert.equal(finance.consent || finance.writeCare(theirs) || finance.readFeedback, false);
  const elsewhere = archiveAbilities(user('rep1', 'SALES'), 'BJ01');
  assert.equal(elsewhere.readCare || elsewhere.writeCare(mine) || elsewhere.refer, false);
});
