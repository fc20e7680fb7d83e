// Unit tests of what the after-deposit and targets screens decide without a browser (issues 13 and 15):
// who sees which action, which correction a receipt or voucher takes, the targets' bounds as the API's.
// `node --test` in this folder runs them with app.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const APP = new URL('../../gateway/src/main/resources/static/assets/app/', import.meta.url);

async function load(name) {
  const source = await readFile(new URL(name, APP), 'utf8');
  return import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
}

const access = await load('access.js');
const validate = await load('validate.js');

const user = (id, role, sites = ['SH01']) => access.userFrom({ preferred_username: id, realm_access: { roles: [role] }, sites });
const rep = user('sh01-sales1', 'SALES');
const otherRep = user('sh01-sales2', 'SALES');
const manager = user('sh01-manager', 'MANAGER');
const finance = user('sh01-finance', 'FINANCE');
const assistant = user('sh01-assistant', 'ASSISTANT');
const hq = user('hq-analyst', 'HEAD_OFFICE', ['SH01', 'HZ01']);
const bigDeposit = { status: 'BIG_DEPOSIT', sale: { repUserId: 'sh01-sales1', agreement: { number: 'RG-SH01-2026-000001' } } };
const contracted = { status: 'CONTRACTED', sale: { repUserId: 'sh01-sales1', agreement: { number: 'RG-SH01-2026-000001' }, contract: {} } };

test('R-DEAL-5 only the MANAGER sees the void and reissue of an issued agreement, and only before the contract', () => {
  assert.equal(access.abilities(manager, 'SH01').voidAgreement(bigDeposit), true);
  for (const who of [rep, finance, assistant, hq]) assert.equal(access.abilities(who, 'SH01').voidAgreement(bigDeposit), false, who.id);
  assert.equal(access.abilities(manager, 'SH01').voidAgreement(contracted), false, 'the contract superseded the agreement');
  assert.equal(access.abilities(manager, 'SH01').voidAgreement({ status: 'BIG_DEPOSIT', sale: { agreement: { number: null } } }), false, 'not numbered yet');
  assert.equal(access.abilities(manager, 'HZ01').voidAgreement(bigDeposit), false, 'another site');
  assert.equal(access.abilities(assistant, 'SH01').keepCopies(bigDeposit), true);
  assert.equal(access.abilities(rep, 'SH01').keepCopies(bigDeposit), false);
});

test('R-DEAL-8 a name change: the MANAGER before the contract, the deal\'s rep after it, once at a time; never FINANCE', () => {
  assert.equal(access.abilities(manager, 'SH01').changeName(bigDeposit), true);
  assert.equal(access.abilities(rep, 'SH01').changeName(bigDeposit), false, 'before the contract it is the MANAGER\'s void and reissue');
  assert.equal(access.abilities(rep, 'SH01').changeName(contracted), true);
  assert.equal(access.abilities(otherRep, 'SH01').changeName(contracted), false, 'another rep\'s deal');
  assert.equal(access.abilities(manager, 'SH01').changeName(contracted), true);
  assert.equal(access.abilities(finance, 'SH01').changeName(contracted), false);
  assert.equal(access.abilities(rep, 'SH01').changeName({ ...contracted, sale: { ...contracted.sale, nameChange: { fee: '1.00' } } }), false,
    'one waits for its fee already');
});

test('R-FIN-7 R-SEC-2 FINANCE records a mortgage\'s progress and corrects records; the MANAGER only reads; the MANAGER sets targets', () => {
  const can = (who) => access.abilities(who, 'SH01');
  assert.equal(can(finance).progressMortgage, true);
  assert.equal(can(finance).correctRecords, true);
  for (const who of [manager, rep, assistant, hq]) {
    assert.equal(can(who).progressMortgage, false, who.id);
    assert.equal(can(who).correctRecords, false, who.id);
  }
  assert.equal(can(manager).mortgages, true);
  assert.equal(can(rep).mortgages, false);
  assert.equal(can(manager).setTargets, true);
  assert.equal(can(manager).managerReports, true);
  for (const who of [rep, finance, hq]) assert.equal(can(who).setTargets, false, who.id);
});

test('R-FIN-1 R-FIN-7 a record is voided on its open day, reversed once the day is closed; deposits and reversing entries stand', () => {
  const receipt = { receiptNo: 'SH01-2026-000010', kind: 'DOWN_PAYMENT', voided: false, closed: false };
  assert.equal(access.correction(receipt, false), 'void');
  assert.equal(access.correction(receipt, true), 'reverse');
  assert.equal(access.correction({ ...receipt, closed: true }, false), 'reverse', 'the receipt says its day is closed');
  assert.equal(access.correction({ ...receipt, voided: true }, false), null, 'voided already');
  assert.equal(access.correction({ ...receipt, reversedBy: 'SH01-2026-000011' }, true), null, 'reversed already');
  assert.equal(access.correction({ ...receipt, kind: 'BIG' }, false), null, 'a deposit is given back by a refund (R-DEAL-10)');
  assert.equal(access.correction({ ...receipt, kind: 'SMALL' }, true), null);
  assert.equal(access.correction({ ...receipt, kind: 'REVERSAL', reverses: 'SH01-2026-000001' }, true), null);
  const voucher = { voucherNo: 'FK-SH01-2026-000001', voided: false };
  assert.equal(access.correction(voucher, false), 'void');
  assert.equal(access.correction(voucher, true), 'reverse');
  assert.equal(access.correction({ ...voucher, reverses: 'FK-SH01-2026-000001' }, true), null);
});

test('targets are bounded as reporting-service bounds them: whole units up to 100000, amounts up to 10^10 yuan with two decimals', () => {
  assert.equal(validate.targetUnitsProblem(''), null, 'empty: not set');
  assert.equal(validate.targetUnitsProblem('0'), null);
  assert.equal(validate.targetUnitsProblem('100000'), null);
  assert.deepEqual(validate.targetUnitsProblem('100001'), ['int', { min: 0, max: 100000 }]);
  assert.deepEqual(validate.targetUnitsProblem('1.5'), ['int', { min: 0, max: 100000 }]);
  assert.deepEqual(validate.targetUnitsProblem('-1'), ['int', { min: 0, max: 100000 }]);
  assert.equal(validate.targetAmountProblem(' 5,000,000.00 '), null);
  assert.equal(validate.targetAmountProblem('10000000000'), null);
  assert.equal(validate.targetAmountProblem('10000000000.01'), 'targetAmount');
  assert.equal(validate.targetAmountProblem('1.001'), 'targetAmount');
  assert.equal(validate.targetAmountProblem('abc'), 'targetAmount');
  assert.equal(validate.targetAmountProblem('0'), null);
});
