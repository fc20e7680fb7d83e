#!/usr/bin/env node
// The archive's care, personal data, feedback and site operations in a real browser (issue 14):
// `node archive.mjs archive` against a running office. Like webapp.mjs it prints one line of JSON —
// what the screens showed, for WebAppSystemTest to check against the API — and exits 0, or prints
// {"ok":false,"step":…,"error":…} and exits 1 (2 for a wrong call).
//
//   archive   the MANAGER imports customers from a CSV with a bad row (each row's error shown, nothing
//             imported), then the right file, exports the archive (audited) and announces an owner event;
//             the rep writes a care profile with a lunar leap-month birthday (a 30 February refused before
//             sending, a leap month the year lacks refused by the server), records and reveals the ID
//             number (a wrong check digit shown as the server says it), raises a question, withdraws
//             consent to be contacted (a survey of that customer refused), takes down a complaint, records
//             a survey, a referral with its reward, an invitation and a market note; the MANAGER answers
//             the question, approves the reward, resolves the complaint, records an incident and reads the
//             deal archive and the key persons (the rows the API holds); none of
//             the pages wider than 390 px, and the rep sees none of the MANAGER's actions
//
//   ANCHANG_URL (required), ANCHANG_PASSWORD (required), ANCHANG_OUT (folder for PNGs, default .),
//   ANCHANG_SITE (default SH01), ANCHANG_ARCHIVE_REP (default sh01-sales1), ANCHANG_TIMEOUT_MS (per step, default 60000), CHROMIUM.
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  launch, webConfig, userContext, signIn, settle, sel, tabsOf, expect, clean, officeApi, narrow as atPhoneWidth, open as openAt, evidence,
} from './lib.mjs';

const env = process.env;
const scenario = process.argv[2];
const started = Date.now();
let step = 'start';
const contexts = [];

function finish(code, result) {
  process.stdout.write(`${JSON.stringify({ scenario, ms: Date.now() - started, ...result })}\n`);
  process.exit(code);
}

const SCENARIOS = { archive };
const missing = ['ANCHANG_URL', 'ANCHANG_PASSWORD'].filter((name) => !env[name]);
if (!SCENARIOS[scenario] || missing.length) {
  finish(2, { ok: false, step: 'arguments', error: `usage: node archive.mjs ${Object.keys(SCENARIOS).join('|')}; missing: ${missing.join(', ')}` });
}

const base = env.ANCHANG_URL.replace(/\/+$/, '');
const password = env.ANCHANG_PASSWORD;
const out = resolve(env.ANCHANG_OUT || '.');
const site = env.ANCHANG_SITE || 'SH01';
const rep = env.ANCHANG_ARCHIVE_REP || 'sh01-sales1';
const timeout = Number(env.ANCHANG_TIMEOUT_MS) > 0 ? Number(env.ANCHANG_TIMEOUT_MS) : 60_000;
let issuer;
let browser;
const { tokenOf, call: apiAs } = officeApi({ base, password, issuer: () => issuer });

async function context() {
  const made = await userContext(browser, { base, issuer, timeout });
  contexts.push(made);
  return made;
}

const widths = {};

/** The page at a phone's width, then back: nothing sticks out sideways; its width kept, a PNG at 390 px if {@code shot}. */
async function narrow(page, what, shot) {
  widths[what] = await atPhoneWidth(page, { what, shot, out, wide: false, pause: [400, 100] });
}

const open = (page, path, marker) => openAt(page, { base, path, marker });

/** Picks an option of an Ant Design select by its label. */
async function pick(page, select, label) {
  await select.click();
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${label}"]`).click();
}


/** The help under a form item (an error shown next to its field). */
async function helpOf(scope) {
  return (await scope.locator('.ant-form-item-explain-error').first().innerText()).trim();
}

async function archive() {
  await mkdir(out, { recursive: true });
  const tag = String(Date.now()).slice(-6);
  const phone = () => `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const numbers = [`W${tag}-A`, `W${tag}-B`, `W${tag}-C`];
  const header = '档案编号,姓名,电话,电话2,来源,置业顾问,登记日期';
  const phones = [phone(), phone()];
  const good = [`${numbers[0]},网页甲${tag},${phones[0]},,来访,${rep},2025-11-01`, `${numbers[1]},网页乙${tag},${phones[1]},,来电,${rep},2025-11-02 10:30`];
  const managerToken = await tokenOf('sh01-manager');
  const repToken = await tokenOf(rep);
  const archiveOf = async (no) => (await apiAs(managerToken, 'GET', `/api/customers/sites/${site}/archive?archiveNo=${encodeURIComponent(no)}`)).body;

  step = 'the MANAGER imports a CSV with a bad row: that row\'s error shown, nothing imported';
  const importsBefore = (await apiAs(managerToken, 'GET', `/api/customers/sites/${site}/imports`)).body.length;
  const mgrCtx = await context();
  const mgr = await signIn(mgrCtx, { base, issuer, user: 'sh01-manager', password, path: '/customers?tab=import' });
  await mgr.locator(sel('import')).waitFor();
  const bad = [header, ...good, `${numbers[2]},网页丙${tag},${phone()},,来访,${rep},2025-13-01`].join('\n');
  await mgr.setInputFiles(sel('import-file'), { name: `客户${tag}-错.csv`, mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
  await mgr.locator(sel('import-send')).click();
  await mgr.locator(`${sel('import')} ${sel('row-errors')} li`).first().waitFor();
  const importRows = await mgr.locator(`${sel('import')} ${sel('row-errors')} li`).evaluateAll((items) => items.map((li) => ({
    row: Number(li.dataset.row), text: li.textContent.trim() })));
  expect(importRows.length === 1 && importRows[0].row === 4, `the bad file's rows: ${JSON.stringify(importRows)}`);
  const afterBad = await archiveOf(numbers[0]);
  expect(afterBad.total === 0, `a file with a bad row imported ${afterBad.total} customers`);
  await narrow(mgr, 'import', 'archive-import');

  step = 'the MANAGER imports the right file: written in the background, shown completed';
  await mgr.setInputFiles(sel('import-file'), { name: `客户${tag}.csv`, mimeType: 'text/csv', buffer: Buffer.from([header, ...good].join('\n'), 'utf8') });
  await mgr.locator(sel('import-send')).click();
  await mgr.locator(sel('import-accepted')).waitFor();
  const importId = await mgr.locator(sel('import-accepted')).getAttribute('data-id');
  await mgr.locator(`${sel('import-job')}[data-id="${importId}"][data-status="COMPLETED"]`).waitFor();
  const imported = Number(await mgr.locator(`${sel('import-job')}[data-id="${importId}"]`).getAttribute('data-imported'));
  const c1 = (await archiveOf(numbers[0])).items[0];
  const c2 = (await archiveOf(numbers[1])).items[0];
  expect(c1 && c2, 'the imported customers are not in the archive');

  step = 'the MANAGER exports the archive';
  const [file] = await Promise.all([mgr.waitForEvent('download'), mgr.locator(sel('export')).click()]);
  const exportPath = join((await import('node:os')).tmpdir(), `anchang-export-${process.pid}.csv`);
  await file.saveAs(exportPath);
  const fs = await import('node:fs/promises');
  const csv = (await fs.readFile(exportPath, 'utf8')).replace(/^\uFEFF/, '');
  await fs.rm(exportPath, { force: true });
  const exported = { name: file.suggestedFilename(), hasImported: csv.includes(numbers[0]), fullPhone: phones.some((p) => csv.includes(p)), maskedPhone: csv.includes(`${phones[0].slice(0, 3)}****${phones[0].slice(-4)}`) };

  step = 'the MANAGER announces an owner event for next week';
  await open(mgr, '/customers?tab=occasions', 'occasions');
  const title = `业主答谢会 ${tag}`;
  await mgr.locator(`${sel('occasion-kind')} label:has-text("业主活动")`).click();
  await mgr.fill(sel('occasion-title'), title);
  const when = new Date(Date.now() + 7 * 86_400_000);
  const local = new Date(when.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
  await mgr.fill(sel('occasion-starts'), local);
  await mgr.locator(sel('occasion-save')).click();
  const occasionRow = mgr.locator(`${sel('occasion')}:has-text("${title}")`);
  await occasionRow.waitFor();
  const occasionId = await occasionRow.getAttribute('data-id');
  await narrow(mgr, 'occasions', null);

  step = "the rep's card: a 30 February refused before sending";
  const repCtx = await context();
  const page = await signIn(repCtx, { base, issuer, user: rep, password, path: `/customers/${encodeURIComponent(c1.customerId)}` });
  await page.locator(sel('care-form')).waitFor();
  await settle(page, 300);
  const carePuts = [];
  page.on('request', (r) => { if (r.method() === 'PUT' && r.url().endsWith('/care')) carePuts.push(r.url()); });
  await page.locator(sel('add-person')).click();
  const person = page.locator(sel('care-person-form')).nth(0);
  await person.locator(sel('person-name')).fill('王太太');
  await person.locator(sel('person-month')).fill('2');
  await person.locator(sel('person-day')).fill('30');
  await page.fill(sel('care-hobbies'), '茶艺，高尔夫');
  await page.locator(sel('care-save')).click();
  await person.locator(sel('person-error')).waitFor();
  const solarRefused = (await person.locator(sel('person-error')).innerText()).trim();
  expect(carePuts.length === 0, 'a 30 February was sent to the server');

  step = 'a leap month the year lacks: the server\'s detail shown';
  await pick(page, person.locator(sel('person-relation')), '配偶');
  await pick(page, person.locator(sel('person-calendar')), '农历');
  await person.locator(sel('person-year')).fill('2021');
  await person.locator(sel('person-month')).fill('4');
  await person.locator(sel('person-day')).fill('3');
  await person.locator(sel('person-leap')).check();
  await page.locator(sel('care-save')).click();
  await page.locator(`${sel('care-form')} .ant-form-item-explain-error:has-text("农历")`).waitFor();
  const lunarRefused = (await page.locator(`${sel('care-form')} .ant-form-item-explain-error:has-text("农历")`).first().innerText()).trim();
  expect(carePuts.length === 1, `the care profile was sent ${carePuts.length} times`);

  step = 'a lunar leap-month birthday saved and shown';
  await person.locator(sel('person-year')).fill('1984');
  await person.locator(sel('person-month')).fill('10');
  await page.locator(sel('care-save')).click();
  await page.locator(`${sel('care-person')}[data-calendar="LUNAR"]`).waitFor();
  const careShown = (await page.locator(`${sel('care-person')}[data-calendar="LUNAR"]`).innerText()).trim();

  step = 'the ID number: a wrong check digit as the server says it, the right one masked, then revealed';
  await page.fill(sel('id-number'), '110105194912310021');
  await page.locator(sel('id-number-save')).click();
  await page.locator(`${sel('id-number-form')} .ant-form-item-explain-error:has-text("校验")`).waitFor();
  const idRefused = await helpOf(page.locator(sel('id-number-form')));
  await page.fill(sel('id-number'), '11010519491231002x');
  await page.locator(sel('id-number-save')).click();
  await page.locator(`${sel('id-number-masked')}:has-text("***")`).waitFor();
  const idMasked = (await page.locator(sel('id-number-masked')).innerText()).trim();
  await page.fill(sel('id-reveal-reason'), '签约核对身份');
  await page.locator(sel('id-reveal')).click();
  await page.locator(sel('id-number-revealed')).waitFor();
  const idRevealed = (await page.locator(`${sel('id-number-revealed')} strong`).innerText()).trim();

  step = 'the rep raises an objection for the MANAGER';
  const question = `客户担心交房延期 ${tag}`;
  await page.fill(sel('question-text'), question);
  await page.locator(sel('question-save')).click();
  await page.locator(`${sel('customer-questions')} ${sel('question')}:has-text("${tag}")`).waitFor();

  step = 'consent to be contacted withdrawn: shown, and the API agrees';
  await page.locator(`${sel('consent-which')} label:has-text("同意联系")`).click();
  await page.locator(`${sel('consent-given')} label:has-text("撤回")`).click();
  await page.fill(sel('consent-note'), '客户电话中要求不再联系');
  await page.locator(sel('consent-save')).click();
  await page.locator(`${sel('consent-contact')}[data-state="WITHDRAWN"]`).waitFor();
  await page.locator(sel('no-contact')).waitFor();
  const personal = (await apiAs(repToken, 'GET', `/api/customers/sites/${site}/customers/${encodeURIComponent(c1.customerId)}/personal-data`)).body;
  expect(personal.contactAllowed === false && personal.contact?.given === false, `the API's consent: ${JSON.stringify(personal.contact)}`);
  await narrow(page, 'card', 'archive-card');

  step = 'a survey of the customer who withdrew is refused with the server\'s detail; of the other, saved';
  await open(page, '/customers?tab=surveys', 'surveys');
  await page.fill(sel('survey-customer'), numbers[0]);
  await page.locator(`${sel('score-OVERALL')} label:has-text("5")`).click();
  await page.locator(sel('survey-save')).click();
  await page.locator(`${sel('survey-form')} .ant-form-item-explain-error`).first().waitFor();
  const surveyRefused = await helpOf(page.locator(sel('survey-form')));
  await page.fill(sel('survey-customer'), numbers[1]);
  await page.locator(`${sel('score-SERVICE')} label:has-text("4")`).click();
  await page.locator(sel('survey-save')).click();
  await page.locator(`${sel('survey')}[data-archive-no="${numbers[1]}"]`).waitFor();
  await narrow(page, 'surveys', null);

  step = 'a complaint by letter taken down';
  await open(page, '/customers?tab=feedback', 'feedback');
  const complaint = `来信反映样板间开放时间太短 ${tag}`;
  await page.fill(sel('feedback-customer'), numbers[1]);
  await page.locator(`${sel('feedback-channel')} label:has-text("书面")`).click();
  await page.fill(sel('feedback-text'), complaint);
  await page.locator(sel('feedback-save')).click();
  const feedbackRow = page.locator(`${sel('feedback-item')}:has-text("${tag}")`);
  await feedbackRow.waitFor();
  const feedbackId = await feedbackRow.getAttribute('data-id');
  expect(await page.locator(sel('feedback-resolve')).count() === 0, 'the rep may resolve a complaint');
  await narrow(page, 'feedback', null);

  step = 'a referral with a gift proposed';
  await open(page, '/customers?tab=referrals', 'referrals');
  await page.fill(sel('referral-referrer'), numbers[0]);
  await page.fill(sel('referral-referred'), numbers[1]);
  await page.locator(sel('referral-save')).click();
  const referralRow = page.locator(`${sel('referral')}[data-referrer="${numbers[0]}"]`);
  await referralRow.waitFor();
  const referralId = await referralRow.getAttribute('data-id');
  await referralRow.locator(sel('reward-propose')).click();
  await page.fill(sel('reward-description'), '500 元购物卡');
  await page.locator(sel('reward-save')).click();
  await page.locator(`${sel('referral')}[data-id="${referralId}"][data-reward="PROPOSED"]`).waitFor();
  expect(await page.locator(sel('reward-APPROVED')).count() === 0, 'the rep may approve a reward');
  await narrow(page, 'referrals', null);

  step = 'the rep invites: the customer who withdrew refused, the other invited';
  await open(page, '/customers?tab=occasions', 'occasions');
  const event = page.locator(`${sel('occasion')}[data-id="${occasionId}"]`);
  await event.locator(sel('occasion-open')).click();
  await page.fill(sel('guests-customers'), numbers[0]);
  await page.locator(sel('guests-save')).click();
  await page.locator(`${sel('guests-form')} .ant-form-item-explain-error`).first().waitFor();
  const inviteRefused = await helpOf(page.locator(sel('guests-form')));
  await page.fill(sel('guests-customers'), numbers[1]);
  await page.locator(sel('guests-save')).click();
  await page.locator(`${sel('guest')}[data-archive-no="${numbers[1]}"]`).waitFor();
  expect(await page.locator(sel('occasion-form')).count() === 0, 'the rep may announce an event');

  step = 'a market note shared';
  await open(page, '/customers?tab=market', 'market-notes');
  const noteTitle = `竞品降价 ${tag}`;
  await page.fill(sel('market-title'), noteTitle);
  await page.fill(sel('market-content'), '周边楼盘本周推出特价房 10 套，均价下调 3%。');
  await page.locator(sel('market-save')).click();
  await page.locator(`${sel('market-note')}:has-text("${tag}")`).waitFor();
  await narrow(page, 'market', null);
  const repTabs = await tabsOf(page);
  expect(!repTabs.includes('import'), `the rep sees the import: ${repTabs}`);
  clean(repCtx, rep);

  step = 'the MANAGER answers the question, approves the reward, resolves the complaint';
  await open(mgr, '/manager?tab=questions', 'questions');
  const q = mgr.locator(`${sel('question')}:has-text("${tag}")`);
  await q.locator(sel('question-answer-open')).click();
  const answer = '合同约定交房日期，延期按日赔付违约金';
  await mgr.fill(sel('answer-text'), answer);
  await mgr.locator(sel('answer-save')).click();
  await mgr.locator(sel('answer-form')).waitFor({ state: 'detached' });
  const managerTabs = await tabsOf(mgr);
  expect(managerTabs.includes('incidents') && managerTabs.includes('questions'), `the MANAGER's tabs: ${managerTabs}`);
  await narrow(mgr, 'questions', null);
  await open(mgr, '/customers?tab=referrals', 'referrals');
  await mgr.locator(`${sel('referral')}[data-id="${referralId}"] ${sel('reward-APPROVED')}`).click();
  await mgr.locator(`${sel('referral')}[data-id="${referralId}"][data-reward="APPROVED"]`).waitFor();
  expect(await mgr.locator(`${sel('referral')}[data-id="${referralId}"] ${sel('reward-PAID')}`).count() === 0, 'the MANAGER may pay (R-SEC-2)');
  await open(mgr, '/customers?tab=feedback', 'feedback');
  await mgr.locator(`${sel('feedback-item')}[data-id="${feedbackId}"] ${sel('feedback-resolve')}`).click();
  const resolution = '延长周末开放时间至 20:00，已回信客户';
  await mgr.fill(sel('feedback-act-note'), resolution);
  await mgr.locator(sel('feedback-act-save')).click();
  await mgr.locator(`${sel('feedback-item')}[data-id="${feedbackId}"][data-status="RESOLVED"]`).waitFor();

  step = 'the MANAGER records an incident on the floor and closes it';
  await open(mgr, '/manager?tab=incidents', 'incidents');
  const what = `两位客户在沙盘前争执 ${tag}`;
  await mgr.fill(sel('incident-customers'), '网页甲, 另一位客户');
  await mgr.fill(sel('incident-what'), what);
  await mgr.locator(sel('incident-save')).click();
  const incident = mgr.locator(`${sel('incident')}:has-text("${tag}")`);
  await incident.waitFor();
  const incidentId = await incident.getAttribute('data-id');
  await incident.locator(sel('incident-close')).click();
  await mgr.fill(sel('incident-outcome-text'), '请至洽谈室分开接待，双方满意离开');
  await mgr.locator(sel('incident-closing-save')).click();
  await mgr.locator(`${sel('incident')}[data-id="${incidentId}"][data-status="CLOSED"]`).waitFor();
  await narrow(mgr, 'incidents', 'archive-incidents');

  step = 'the MANAGER reads the deal archive and the key persons: the rows the API holds';
  const shownNumbers = (page, what) => page.locator(sel(what)).evaluateAll((items) => items.map((item) => item.dataset.archiveNo));
  await open(mgr, '/customers?tab=dealArchive', 'deal-archive-heading');
  await mgr.locator(sel('deal-archive-total')).waitFor();
  const dealPage = (await apiAs(managerToken, 'GET', `/api/customers/sites/${site}/deal-archive?page=0&size=20`)).body;
  const dealArchive = { heading: (await mgr.locator(sel('deal-archive-heading')).innerText()).trim(), shown: await shownNumbers(mgr, 'deal-archive-customer'),
    total: Number(await mgr.locator(sel('deal-archive-total')).getAttribute('data-total')) };
  expect(JSON.stringify(dealArchive.shown) === JSON.stringify(dealPage.items.map((h) => h.archiveNo)) && dealArchive.total === dealPage.total,
    `the deal archive shows ${JSON.stringify(dealArchive)}, the API ${dealPage.total}: ${dealPage.items.map((h) => h.archiveNo)}`);
  await narrow(mgr, 'dealArchive', 'archive-deals');
  await open(mgr, '/customers?tab=connections', 'connections-heading');
  await mgr.locator(`${sel('connections')}[data-loaded="yes"]`).waitFor();
  const keyPersons = (await apiAs(managerToken, 'GET', `/api/customers/sites/${site}/connections`)).body;
  const connections = { heading: (await mgr.locator(sel('connections-heading')).innerText()).trim(), shown: await shownNumbers(mgr, 'connection') };
  expect(JSON.stringify(connections.shown) === JSON.stringify(keyPersons.map((p) => p.archiveNo)),
    `the key persons shown ${connections.shown}, the API's ${keyPersons.map((p) => p.archiveNo)}`);
  await narrow(mgr, 'connections', 'archive-connections');
  const managerCustomerTabs = await tabsOf(mgr);
  clean(mgrCtx, 'sh01-manager');

  return {
    customers: { first: c1.customerId, second: c2.customerId, numbers }, importRows, imported, importsBefore, importId, exported,
    care: { shown: careShown, solarRefused, lunarRefused, puts: carePuts.length }, id: { refused: idRefused, masked: idMasked, revealed: idRevealed },
    question, answer, surveyRefused, feedbackId, resolution, referralId, occasionId, inviteRefused, noteTitle, incidentId, repTabs, managerTabs, widths,
    dealArchive, connections, managerCustomerTabs,
  };
}

let code = 0;
let result;
try {
  step = 'read the application configuration';
  ({ issuer } = await webConfig(base));
  step = 'launch Chromium';
  browser = await launch({ timeout });
  result = { ok: true, ...(await SCENARIOS[scenario]()) };
} catch (error) {
  code = 1;
  result = { ok: false, step, error: String(error?.message || error).split('\n').slice(0, 3).join(' ') };
  result.watch = await evidence(contexts, { out, name: scenario });
} finally {
  if (browser) await browser.close().catch(() => {});
}
finish(code, result);
