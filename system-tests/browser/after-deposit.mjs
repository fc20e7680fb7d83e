#!/usr/bin/env node
// The screens after the deposit and the MANAGER's targets (issues 13 and 15) in a real browser against a
// running office: `node after-deposit.mjs`. Three big deposits of a building of its own are prepared through
// the API (a rep's callers, FINANCE's confirmations, one contract with a mortgage, one refund paid out); then,
// as people do it on the screens:
//   the MANAGER voids an agreement and issues it again (R-DEAL-5, a double click: one void), changes the buyer's
//   name before the contract (void and reissue without fee, R-DEAL-8), and sets the month's targets (issue 15);
//   the rep asks for a name change after the contract: the transfer fee waits at the finance desk;
//   FINANCE records the fee (the name change takes effect), the mortgage's application, approval and the loan
//   paid out (a double click: one receipt, R-FIN-7), voids a receipt and a payment voucher of the day with a
//   reason (R-FIN-1); the rep's deal page then shows the new buyer and the loan paid out.
// Each page is also checked at 390 px. Prints one line of JSON with what it did and what the API answered
// (for WebAppSystemTest to check again) and exits 0, or {"ok":false,"step":…,"error":…} and exits 1.
//
//   ANCHANG_URL, ANCHANG_PASSWORD (required), ANCHANG_OUT (PNGs, default .), ANCHANG_SITE (default SH01),
//   ANCHANG_AD_REP (the rep, default sh01-sales2), ANCHANG_TIMEOUT_MS (per step, default 60000), CHROMIUM.
import { resolve } from 'node:path';
import {
  launch, webConfig, userContext, signIn, settle, sel, expect, clean, officeApi, until, narrow as atPhoneWidth, open as openAt, evidence,
} from './lib.mjs';

const env = process.env;
const started = Date.now();
let step = 'start';
const contexts = [];
const timings = {};

function finish(code, result) {
  process.stdout.write(`${JSON.stringify({ scenario: 'after-deposit', ms: Date.now() - started, ...result })}\n`);
  process.exit(code);
}

const missing = ['ANCHANG_URL', 'ANCHANG_PASSWORD'].filter((name) => !env[name]);
if (missing.length) finish(2, { ok: false, step: 'arguments', error: `usage: node after-deposit.mjs; missing: ${missing.join(', ')}` });

const base = env.ANCHANG_URL.replace(/\/+$/, '');
const password = env.ANCHANG_PASSWORD;
const out = resolve(env.ANCHANG_OUT || '.');
const site = env.ANCHANG_SITE || 'SH01';
const repUser = env.ANCHANG_AD_REP || 'sh01-sales2';
const timeout = Number(env.ANCHANG_TIMEOUT_MS) > 0 ? Number(env.ANCHANG_TIMEOUT_MS) : 60_000;
const PRICE = '3000000.00';
const DEPOSIT = '100000.00';
let issuer;
let browser;
const { tokenOf, call, must } = officeApi({ base, password, issuer: () => issuer });

async function context() {
  const made = await userContext(browser, { base, issuer, timeout });
  contexts.push(made);
  return made;
}

/** The page at a phone's width: nothing sticks out sideways; a PNG of each width. */
const narrow = (page, who, what, shot) => atPhoneWidth(page, { who, what, shot, out, pause: [500, 150] });

const open = (page, path, marker) => openAt(page, { base, path, marker });

const buyer = (name, phone) => ({ name, phone, address: '上海市浦东新区滨江大道2889弄8号', postcode: '200120' });

async function scenario() {
  const widths = {};
  const tick = (name, since) => { timings[name] = Date.now() - since; };
  const t0 = Date.now();

  step = 'tokens of the MANAGER, the rep and FINANCE';
  const [manager, rep, finance] = await Promise.all(['sh01-manager', repUser, 'sh01-finance'].map(tokenOf));
  const deals = `/api/deals/sites/${site}`;
  const fin = `/api/finance/sites/${site}`;

  step = 'the MANAGER enters a building of three units; three callers become the rep\'s customers';
  const building = `W${(Date.now() % 1_000_000).toString(36).toUpperCase()}`;
  await must(manager, 'POST', `${deals}/buildings`, { code: building, name: '网页测试楼', project: '上海·滨江壹号' });
  await Promise.all(['101', '102', '103'].map((number) => must(manager, 'POST', `${deals}/buildings/${building}/units`, {
    number, floor: 1, layout: '三室两厅', area: 120.5, listPrice: PRICE, orientation: '南', grade: 'B',
  })));
  const units = ['101', '102', '103'].map((n) => `${site}-${building}-${n}`);
  const digits = String(Date.now()).slice(-8);
  const customers = await Promise.all([['157', '吴先生'], ['156', '郑女士'], ['155', '王先生']].map(async ([prefix, name]) =>
    (await must(rep, 'POST', `/api/reception/sites/${site}/calls`, { requestId: `web-ad-${prefix}-${digits}`, phone: `${prefix}${digits}`, name })).customerId));

  step = 'the rep holds each unit and asks for a big deposit; FINANCE confirms them';
  const buyers = [buyer('吴建国', `157${digits}`), buyer('郑小红', `156${digits}`), buyer('王大伟', `155${digits}`)];
  const requests = await Promise.all(units.map(async (unitId, i) => {
    await until(`the hold of ${unitId}`, async () => (await call(rep, 'POST', `${deals}/units/${unitId}/hold`, { customerId: customers[i] })).status === 201);
    const requested = await must(rep, 'POST', `${deals}/units/${unitId}/deposit-request`, { kind: 'BIG', amount: DEPOSIT, buyer: buyers[i] });
    return requested.request.requestId;
  }));
  await until('the deposit requests at the finance desk', async () => {
    const queue = (await call(finance, 'GET', `${fin}/deposit-requests`)).body || [];
    return requests.every((id) => queue.some((q) => q.requestId === id));
  });
  for (const id of requests) {
    await must(finance, 'POST', `/api/finance/deposit-requests/${id}/confirmation`, { amount: DEPOSIT, currency: 'CNY', method: 'TRANSFER', reference: `WEB-${id.slice(0, 8)}` });
  }
  const unit = async (id) => (await call(manager, 'GET', `${deals}/units/${id}`)).body;
  const numbered = await until('three big deposits with their agreements', async () => {
    const all = await Promise.all(units.map(unit));
    return all.every((u) => u?.status === 'BIG_DEPOSIT' && u.sale?.agreement?.number) && all;
  });
  const [first, second, third] = numbered;
  const labels = numbered.map((u) => u.label);

  step = 'the rep signs the second deal\'s contract with a mortgage; FINANCE takes part of the down payment';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const later = new Date(Date.now() + 60 * 86_400_000);
  const inTwoMonths = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(later);
  await must(rep, 'POST', `${deals}/units/${units[1]}/contract`, {
    requestId: `web-contract-${digits}`,
    terms: [{ kind: 'DOWN_PAYMENT', amount: '900000.00', currency: 'CNY', dueOn: today }, { kind: 'MORTGAGE', amount: '2000000.00', currency: 'CNY', dueOn: inTwoMonths }],
  });
  const dealB = second.sale.dealId;
  const dues = await until('the contract\'s amounts due and its mortgage', async () => {
    const listed = (await call(finance, 'GET', `${fin}/dues?dealId=${encodeURIComponent(dealB)}`)).body || [];
    const mortgages = (await call(finance, 'GET', `${fin}/mortgages`)).body || [];
    return listed.length >= 2 && mortgages.some((m) => m.dealId === dealB) && listed;
  });
  const down = dues.find((d) => d.kind === 'DOWN_PAYMENT');
  const downReceipt = await must(finance, 'POST', `${fin}/dues/${encodeURIComponent(down.dueId)}/payments`,
    { amount: '1000.00', currency: 'CNY', method: 'CASH', requestId: `web-down-${digits}` });

  step = 'the third deal is refunded before its contract and FINANCE pays the refund out with a voucher';
  const refundAsked = await must(rep, 'POST', `${deals}/units/${units[2]}/refund-request`,
    { retentionTalk: '经理约谈，讲解了地铁规划', reason: '家中变故', requestId: `web-refund-${digits}` });
  await must(manager, 'POST', `${deals}/units/${units[2]}/approvals/${refundAsked.sale.approval.approvalId}`,
    { decision: 'APPROVE', refundAmount: '90000.00', currency: 'CNY', reason: '酌情退还' });
  const refund = await until('the refund due at the finance desk', async () => ((await call(finance, 'GET', `${fin}/refunds-due`)).body || [])
    .find((r) => r.dealId === third.sale.dealId && r.status === 'OPEN'));
  const voucher = await must(finance, 'POST', `${fin}/refunds-due/${encodeURIComponent(refund.refundId)}/payout`,
    { method: 'TRANSFER', reference: `WEB-RF-${digits}`, payee: '王大伟' });
  tick('setup', t0);

  // ---------------------------------------------------------------- the MANAGER
  const t1 = Date.now();
  step = 'the MANAGER voids the first agreement with a reason and its paper keeper (a double click: one void)';
  const mgrCtx = await context();
  const mgr = await signIn(mgrCtx, { base, issuer, user: 'sh01-manager', password, path: '/deals' });
  await mgr.locator(sel('deal-list')).waitFor();
  await settle(mgr, 300);
  const cardA = mgr.locator(`${sel('deal')}[data-unit="${labels[0]}"]`);
  await cardA.locator(sel('void-agreement')).click();
  const voidForm = mgr.locator(sel('voidAgreement-form'));
  await voidForm.locator(sel('correction-submit')).click();
  const refusedEmpty = (await voidForm.locator('.ant-form-item-explain-error').allInnerTexts()).join(' ');
  expect(/必填/.test(refusedEmpty), `an empty void was not stopped before sending: "${refusedEmpty}"`);
  const voidReason = `买受人证件号码录入错误 ${digits.slice(-4)}`;
  await voidForm.locator(sel('correction-reason')).fill(voidReason);
  await voidForm.locator(sel('paper-keeper')).fill('销售助理 李娜');
  await voidForm.locator(sel('correction-submit')).dblclick();
  await mgr.locator(sel('deal-done')).waitFor();
  const reissued = await until('the new agreement of the first deal', async () => {
    const u = await unit(units[0]);
    return u.sale.agreement?.number && u.sale.agreement.number !== first.sale.agreement.number && u;
  });
  expect(reissued.sale.voidedAgreements.length === 1, `a double click voided ${reissued.sale.voidedAgreements.length} agreements`);

  step = 'the MANAGER changes the first buyer\'s name before the contract: void and reissue, no fee';
  await open(mgr, '/deals', 'deal-list');
  await cardA.locator(sel('change-name')).click();
  const renameForm = mgr.locator(sel('nameChange-form'));
  await renameForm.locator(sel('correction-reason')).fill('买受人改为配偶');
  await renameForm.locator(sel('paper-keeper')).fill('销售经理');
  await renameForm.locator(sel('new-buyer-name')).fill('吴太太');
  await renameForm.locator(sel('new-buyer-phone')).fill(`137${digits}`);
  await renameForm.locator(sel('new-buyer-address')).fill('上海市浦东新区世纪大道100号');
  await renameForm.locator(sel('new-buyer-postcode')).fill('200120');
  await renameForm.locator(sel('correction-submit')).click();
  await mgr.locator(sel('deal-done')).waitFor();
  const renamedBefore = await until('the agreement issued to the new buyer', async () => {
    const u = await unit(units[0]);
    return u.sale.voidedAgreements.length === 2 && u.sale.agreement?.number && u.sale.agreement.buyerName === '吴太太' && u;
  });
  await open(mgr, '/deals', 'deal-list');
  await cardA.locator(`${sel('agreement-voided')}`).nth(1).waitFor();
  const voidedShown = await cardA.locator(sel('agreement-voided')).evaluateAll((rows) => rows.map((r) => ({ number: r.dataset.number, keeper: r.dataset.keeper })));
  const currentShown = await cardA.locator(sel('agreement-current')).getAttribute('data-number');
  expect(currentShown === renamedBefore.sale.agreement.number, `the card shows agreement ${currentShown}, the API ${renamedBefore.sale.agreement.number}`);
  expect(await mgr.locator(sel('record-payment')).count() === 0, 'the MANAGER sees a payment button (R-SEC-2)');
  widths.dealsManager = await narrow(mgr, 'sh01-manager', 'the deals with voided agreements', 'deals-corrections');

  step = 'the MANAGER sets the month\'s targets for the site and the rep';
  const month = today.slice(0, 7);
  await open(mgr, '/manager?tab=targets', 'targets-form');
  await mgr.fill(sel('target-site-units'), '12');
  await mgr.fill(sel('target-site-subscribed'), '36000000');
  const repRow = mgr.locator(`${sel('target-rep')}[data-rep="${repUser}"]`);
  await repRow.locator(sel('target-rep-units')).fill('100001');
  await mgr.locator(sel('targets-save')).click();
  const unitsRefused = (await mgr.locator('.ant-form-item-explain-error').allInnerTexts()).join(' ');
  expect(/100000/.test(unitsRefused), `a target of 100001 units was not stopped before sending: "${unitsRefused}"`);
  await repRow.locator(sel('target-rep-units')).fill('3');
  await repRow.locator(sel('target-rep-subscribed')).fill('9000000.50');
  await mgr.locator(sel('targets-save')).click();
  await mgr.locator(sel('targets-saved')).waitFor();
  await mgr.locator(`${sel('targets-set')}[data-set-by="sh01-manager"]`).waitFor();
  const targets = await must(manager, 'GET', `/api/reports/sites/${site}/targets/${month}`);
  const report = await must(manager, 'GET', `/api/reports/sites/${site}/forms/targets?month=${month}`);
  const repReport = report.tables[0].rows.find((r) => r.userId === repUser);
  const unitsTargetColumn = report.tables[0].columns.findIndex((c) => c.key === 'unitsTarget');
  await settle(mgr, 300);
  const repCells = await mgr.locator(`${sel('targets-report')} ${sel('report-table')}`).first().locator('tbody tr')
    .filter({ hasText: repReport.rep }).first().locator('td').allInnerTexts();
  widths.targets = await narrow(mgr, 'sh01-manager', 'the targets', 'targets');
  clean(mgrCtx, 'sh01-manager');
  tick('manager', t1);

  // ---------------------------------------------------------------- the rep
  const t2 = Date.now();
  step = 'the rep asks for the second buyer\'s name change after the contract: the fee waits at the finance desk';
  const repCtx = await context();
  const repPage = await signIn(repCtx, { base, issuer, user: repUser, password, path: '/deals' });
  await repPage.locator(sel('deal-list')).waitFor();
  await settle(repPage, 300);
  const cardB = repPage.locator(`${sel('deal')}[data-unit="${labels[1]}"]`);
  expect(await repPage.locator(sel('void-agreement')).count() === 0, 'the rep sees the MANAGER\'s void');
  expect(await repPage.locator(`${sel('deal')}[data-unit="${labels[0]}"] ${sel('change-name')}`).count() === 0,
    'the rep sees a name change before the contract (the MANAGER\'s void and reissue)');
  await cardB.locator(sel('change-name')).click();
  const feeForm = repPage.locator(sel('nameChange-form'));
  await feeForm.locator(sel('correction-reason')).fill('转让给女儿');
  await feeForm.locator(sel('new-buyer-name')).fill('郑晓雨');
  await feeForm.locator(sel('new-buyer-phone')).fill(`136${digits}`);
  await feeForm.locator(sel('new-buyer-address')).fill('上海市浦东新区世纪大道200号');
  await feeForm.locator(sel('new-buyer-postcode')).fill('200120');
  await feeForm.locator(sel('correction-submit')).dblclick();
  await repPage.locator(sel('name-change-fee-due')).waitFor();
  await cardB.locator(sel('name-change-pending')).waitFor();
  const feeShown = await cardB.locator(sel('name-change-pending')).getAttribute('data-fee');
  const pending = (await unit(units[1])).sale.nameChange;
  expect(pending && pending.fee === feeShown, `the card shows a fee of ${feeShown}, the API ${JSON.stringify(pending)}`);
  expect((await unit(units[1])).sale.contract.buyerName === '郑小红', 'the name changed before the fee was paid');
  widths.dealsRep = await narrow(repPage, repUser, 'the rep\'s deals', 'deals-name-change');
  tick('rep', t2);

  // ---------------------------------------------------------------- FINANCE
  const t3 = Date.now();
  step = 'FINANCE records the transfer fee: the name change takes effect';
  const feeDue = await until('the transfer fee due', async () => ((await call(finance, 'GET', `${fin}/dues?dealId=${encodeURIComponent(dealB)}`)).body || [])
    .find((d) => d.kind === 'TRANSFER_FEE'));
  const finCtx = await context();
  const finPage = await signIn(finCtx, { base, issuer, user: 'sh01-finance', password, path: '/deals?tab=dues' });
  const feeRow = finPage.locator(`${sel('due')}[data-due-id="${feeDue.dueId}"]`);
  await feeRow.waitFor();
  await feeRow.locator(sel('record-payment')).click();
  expect(await finPage.inputValue(sel('payment-amount')) === feeDue.outstanding, 'the fee is not filled in');
  await finPage.locator(`${sel('payment-method')} label`).first().click();
  await finPage.locator(sel('payment-submit')).click();
  await finPage.locator(sel('deal-done')).waitFor();
  const renamedAfter = await until('the name change effective', async () => {
    const u = await unit(units[1]);
    return u.sale.contract.buyerName === '郑晓雨' && !u.sale.nameChange && u;
  });

  step = 'FINANCE records the mortgage: applied, approved, the loan paid out (a double click: one receipt)';
  await open(finPage, '/deals?tab=mortgages', 'mortgages');
  const mortgage = finPage.locator(`${sel('mortgage')}[data-deal="${dealB}"]`);
  await mortgage.waitFor();
  await mortgage.locator(sel('mortgage-step')).click();
  await finPage.locator(sel('mortgage-step-submit')).click();
  expect(/必填/.test((await finPage.locator(`${sel('mortgage-form')} .ant-form-item-explain-error`).allInnerTexts()).join(' ')),
    'an application without a bank was not stopped before sending');
  await finPage.fill(sel('mortgage-bank'), '中国建设银行上海分行');
  await finPage.locator(sel('mortgage-step-submit')).click();
  await finPage.locator(`${sel('mortgage')}[data-deal="${dealB}"][data-stage="APPLIED"]`).waitFor();
  await mortgage.locator(sel('mortgage-step')).click();
  await finPage.fill(sel('mortgage-amount'), '2000000.01');
  await finPage.locator(sel('mortgage-step-submit')).click();
  expect(/2,000,000|2000000/.test((await finPage.locator(`${sel('mortgage-form')} .ant-form-item-explain-error`).allInnerTexts()).join(' ')),
    'an approval above the loan was not stopped before sending');
  await finPage.fill(sel('mortgage-amount'), '2000000.00');
  await finPage.locator(sel('mortgage-step-submit')).click();
  await finPage.locator(`${sel('mortgage')}[data-deal="${dealB}"][data-stage="APPROVED"]`).waitFor();
  await mortgage.locator(sel('mortgage-loan')).click();
  await finPage.locator(`${sel('loan-submit')}:not([disabled])`).waitFor();
  expect(await finPage.inputValue(sel('loan-amount')) === '2000000.00', 'the loan is not filled in');
  await finPage.fill(sel('loan-reference'), `CCB-${digits}`);
  await finPage.locator(sel('loan-submit')).dblclick();
  await finPage.locator(sel('mortgage-done')).waitFor();
  // the payment's receipt is at once; the mortgage hears of it through the finance desk's own event
  const mortgageApi = await until('the mortgage LOAN_PAID', async () => ((await call(finance, 'GET', `${fin}/mortgages`)).body || [])
    .find((m) => m.dealId === dealB && m.stage === 'LOAN_PAID'));
  if (!(await finPage.locator(`${sel('mortgage')}[data-deal="${dealB}"][data-stage="LOAN_PAID"]`).count())) await open(finPage, '/deals?tab=mortgages', 'mortgages');
  await finPage.locator(`${sel('mortgage')}[data-deal="${dealB}"][data-stage="LOAN_PAID"]`).waitFor();
  const loanDue = (await call(finance, 'GET', `${fin}/dues/${encodeURIComponent(mortgageApi.dueId)}`)).body;
  expect(loanDue.payments.length === 1 && loanDue.outstanding === '0.00', `a double click on the loan recorded ${JSON.stringify(loanDue.payments)}`);
  widths.mortgages = await narrow(finPage, 'sh01-finance', 'the mortgages', 'mortgages');

  step = 'FINANCE voids a receipt and a payment voucher of the day, each with a reason';
  await open(finPage, '/deals?tab=day', 'day-records');
  const receiptRow = finPage.locator(`${sel('record')}[data-no="${downReceipt.receiptNo}"]`);
  await receiptRow.locator(sel('record-void')).click();
  await finPage.locator(sel('record-submit')).click();
  expect(/必填/.test((await finPage.locator(`${sel('record-form')} .ant-form-item-explain-error`).allInnerTexts()).join(' ')),
    'a void without a reason was not stopped before sending');
  const receiptReason = `金额录错 ${digits.slice(-4)}`;
  await finPage.fill(sel('record-reason'), receiptReason);
  await finPage.locator(sel('record-submit')).dblclick();
  await finPage.locator(`${sel('record')}[data-no="${downReceipt.receiptNo}"][data-voided="true"]`).waitFor();
  const depositRow = finPage.locator(`${sel('record')}[data-no="${second.sale.deposits[0].receiptNo}"]`);
  const depositVoidable = await depositRow.count() ? await depositRow.locator(sel('record-void')).count() : 0;
  const voucherRow = finPage.locator(`${sel('record')}[data-no="${voucher.voucherNo}"]`);
  await voucherRow.locator(sel('record-void')).click();
  const voucherReason = `收款账户有误 ${digits.slice(-4)}`;
  await finPage.fill(sel('record-reason'), voucherReason);
  await finPage.locator(sel('record-submit')).click();
  await finPage.locator(`${sel('record')}[data-no="${voucher.voucherNo}"][data-voided="true"]`).waitFor();
  const receiptApi = await must(finance, 'GET', `${fin}/receipts/${encodeURIComponent(downReceipt.receiptNo)}`);
  const voucherApi = await must(finance, 'GET', `${fin}/vouchers/${encodeURIComponent(voucher.voucherNo)}`);
  const refundAgain = ((await call(finance, 'GET', `${fin}/refunds-due`)).body || []).find((r) => r.refundId === refund.refundId);
  const downAfter = (await call(finance, 'GET', `${fin}/dues/${encodeURIComponent(down.dueId)}`)).body;
  widths.day = await narrow(finPage, 'sh01-finance', 'the day\'s records', 'day-records');

  step = 'FINANCE pays the refund owed again in part from its desk (a double click: one payout), and a cash referral reward the MANAGER approved';
  const referrals = `/api/customers/sites/${site}/referrals`;
  const referral = await must(rep, 'POST', referrals, { kind: 'REFERRAL', referrer: customers[0], referred: customers[2], note: '网页测试' });
  await must(rep, 'POST', `${referrals}/${encodeURIComponent(referral.id)}/reward`, { kind: 'CASH', description: '老带新现金奖励', amount: '500.00' });
  await must(manager, 'POST', `${referrals}/${encodeURIComponent(referral.id)}/reward/state`, { state: 'APPROVED', note: null });
  await open(finPage, '/finance', 'finance');
  await finPage.locator(`${sel('refund')}[data-id="${refund.refundId}"] ${sel('pay-out')}`).click();
  await finPage.fill(sel('payout-amount'), '90000.01');
  await finPage.locator(`${sel('payout-method')} .ant-radio-wrapper`, { hasText: '现金' }).click();
  await finPage.fill(sel('payout-payee'), '王大伟');
  await finPage.locator(sel('payout-submit')).click();
  const overShown = (await finPage.locator(`${sel('payout-form')} .ant-form-item-explain-error`).allInnerTexts()).join(' ');
  expect(/90,000\.00|90000\.00/.test(overShown), `more than remains was not stopped before sending: ${overShown}`);
  await finPage.fill(sel('payout-amount'), '30000');
  await finPage.locator(sel('payout-submit')).dblclick();
  await finPage.locator(sel('voucher')).waitFor();
  const refundParts = ((await call(finance, 'GET', `${fin}/refunds-due`)).body || []).find((r) => r.refundId === refund.refundId);
  await finPage.locator(`${sel('refund')}[data-id="${refund.refundId}"] ${sel('refund-paid-so-far')}`).waitFor();
  await finPage.locator(`${sel('reward')}[data-id="${referral.id}"] ${sel('pay-reward')}`).click();
  await finPage.locator('.ant-popover:not(.ant-popover-hidden) .ant-btn-primary').click();
  const rewardPaid = await until('the reward paid', async () => {
    const listed = (await call(finance, 'GET', referrals)).body || [];
    const found = listed.find((r) => r.id === referral.id);
    return found?.reward?.state === 'PAID' && found;
  });
  await finPage.locator(`${sel('reward')}[data-id="${referral.id}"]`).waitFor({ state: 'detached' });
  widths.finance = await narrow(finPage, 'sh01-finance', 'the finance desk', 'finance-desk');
  clean(finCtx, 'sh01-finance');
  tick('finance', t3);

  step = 'the rep\'s deal page shows the new buyer and the loan paid out';
  const t4 = Date.now();
  await until('deal-service heard of the loan', async () => (await unit(units[1])).sale.payments.some((p) => p.kind === 'MORTGAGE'));
  await open(repPage, '/deals', 'deal-list');
  await cardB.locator(`${sel('mortgage-state')}[data-stage="LOAN_PAID"]`).waitFor();
  const buyerShown = (await cardB.locator(sel('contract-buyer')).innerText()).trim();
  expect(buyerShown.startsWith('郑晓雨'), `the rep's card shows the buyer ${buyerShown}`);
  clean(repCtx, repUser);
  tick('repAgain', t4);

  return {
    building, units, labels, widths, timings,
    voided: { agreements: voidedShown, first: first.sale.agreement.number, reason: voidReason, current: currentShown },
    nameChange: { before: { buyer: renamedBefore.sale.agreement.buyerName }, after: { fee: feeShown, feeDueId: feeDue.dueId, buyer: renamedAfter.sale.contract.buyerName } },
    mortgage: { dealId: dealB, stage: mortgageApi.stage, dueId: mortgageApi.dueId, payments: loanDue.payments.length },
    receipt: { number: downReceipt.receiptNo, reason: receiptReason, voided: receiptApi.voided, voidReason: receiptApi.voidReason, dueOutstanding: downAfter.outstanding },
    depositVoidable,
    voucher: { number: voucher.voucherNo, reason: voucherReason, voided: voucherApi.voided, refundStatus: refundAgain?.status },
    refundParts: { refundId: refund.refundId, paid: refundParts?.paid, remaining: refundParts?.remaining,
      payouts: (refundParts?.payouts || []).filter((p) => !p.undone).map((p) => p.amount) },
    reward: { referralId: referral.id, state: rewardPaid.reward.state, by: rewardPaid.reward.steps.at(-1)?.by },
    targets: { month, site: targets.siteTargets, rep: targets.reps.find((r) => r.userId === repUser), report: repReport, cells: repCells, unitsTargetColumn },
  };
}

let code = 0;
let result;
try {
  step = 'read the application configuration';
  ({ issuer } = await webConfig(base));
  step = 'launch Chromium';
  browser = await launch({ timeout });
  result = { ok: true, ...(await scenario()) };
} catch (error) {
  code = 1;
  result = { ok: false, step, timings, error: String(error?.message || error).split('\n').slice(0, 3).join(' ') };
  result.watch = await evidence(contexts, { out, name: 'after-deposit' });
} finally {
  if (browser) await browser.close().catch(() => {});
}
finish(code, result);
