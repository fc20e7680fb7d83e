// Unit tests of the web application's plain modules (gateway/src/main/resources/static/assets/app)
// with Node's own test runner: `node --test` in this folder. No browser, no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';

const APP = new URL('../../gateway/src/main/resources/static/assets/app/', import.meta.url);

/** The modules are served to browsers as they are; no package.json near them says "module". */
async function load(name) {
  const source = await readFile(new URL(name, APP), 'utf8');
  return import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
}

const problems = await load('problems.js');
const { sseParser } = await load('sse.js');
const validate = await load('validate.js');
const access = await load('access.js');
const format = await load('format.js');
const { messages } = await load('messages.js');
const lists = await load('lists.js');
// archive-access.js names access.js: the same source, by a data: URL (a data: URL resolves no relative path)
const accessUrl = `data:text/javascript;base64,${Buffer.from(await readFile(new URL('access.js', APP), 'utf8')).toString('base64')}`;
const archiveAccess = await import(`data:text/javascript;base64,${Buffer.from((await readFile(new URL('archive-access.js', APP), 'utf8'))
  .replace("'./access.js'", `'${accessUrl}'`)).toString('base64')}`);

test('a Chinese-first detail splits into its Chinese and its English', () => {
  const { splitDetail, detailIn } = problems;
  assert.deepEqual(splitDetail('电话号码无效：123，请填写手机号（如 138 0013 8000） (Not a possible phone number: 123)'),
    { zh: '电话号码无效：123，请填写手机号（如 138 0013 8000）', en: 'Not a possible phone number: 123' });
  assert.equal(detailIn('只有财务可以确认收款 (Only FINANCE confirms money (R-SEC-2))', 'en'), 'Only FINANCE confirms money (R-SEC-2)');
  assert.equal(detailIn('只有财务可以确认收款 (Only FINANCE confirms money (R-SEC-2))', 'zh-CN'), '只有财务可以确认收款');
  // not written Chinese first: shown whole in both languages
  const rows = '价目表有 2 处错误，未导入任何房源 (The price list has 2 errors; nothing was imported): 第 2 行：房号 101 在文件中重复 (number listed twice)';
  assert.deepEqual(problems.splitDetail(rows), { zh: rows, en: rows });
  assert.deepEqual(problems.splitDetail('Plain English (with brackets)'), { zh: 'Plain English (with brackets)', en: 'Plain English (with brackets)' });
  assert.deepEqual(problems.splitDetail(null), { zh: '', en: '' });
});

test('an instant in a detail is shown as the reader\'s clock shows it, in their language', () => {
  const held = '房源 1-204 已被 刘洋 保留，至 2026-12-06T18:16:05.427197764Z (Unit 1-204 is held by 刘洋 until 2026-12-06T18:16:05.427197764Z)';
  assert.equal(problems.detailIn(held, 'zh-CN', 'Asia/Shanghai'), '房源 1-204 已被 刘洋 保留，至 12月7日 02:16');
  assert.equal(problems.detailIn(held, 'en', 'Asia/Shanghai'), 'Unit 1-204 is held by 刘洋 until 7 Dec, 02:16');
  assert.equal(problems.localTimes('到期 2026-12-06T18:16:00Z', 'zh-CN', 'UTC'), '到期 12月6日 18:16');
  // not an instant: left as written
  assert.equal(problems.localTimes('编号 SH01-2026-000001，日期 2026-12-06', 'zh-CN', 'UTC'), '编号 SH01-2026-000001，日期 2026-12-06');
});

test('a problem goes to the field it concerns: the API\'s fields, or the types the form knows', () => {
  const problem = new problems.ApiProblem({
    status: 400, type: 'urn:anchang:problem:invalid-input', detail: '请检查填写的内容 (Please correct: phone must not be blank)',
    fields: { phone: 'must not be blank', 'buyer.postcode': 'size must be between 0 and 6', unknownField: 'x' },
  });
  assert.equal(problem.type, 'invalid-input');
  assert.deepEqual(problems.fieldErrors(problem, { fields: ['phone', 'buyer'] }), { phone: '必填', buyer: '最多 6 项（字）' });
  assert.deepEqual(problems.fieldErrors(problem, { fields: ['phone'], locale: 'en' }), { phone: 'must not be blank' });
  const phone = new problems.ApiProblem({ status: 400, type: 'urn:anchang:problem:phone-invalid', detail: '电话号码无效：12 (Not a possible phone number: 12)' });
  assert.deepEqual(problems.fieldErrors(phone, { byType: { 'phone-invalid': 'phone' } }), { phone: '电话号码无效：12' });
  assert.deepEqual(problems.fieldErrors(phone, { byType: { 'phone-invalid': () => 'householdPhone' }, locale: 'en' }),
    { householdPhone: 'Not a possible phone number: 12' });
  assert.deepEqual(problems.fieldErrors(phone, {}), {});
});

test('a new attempt gets a new requestId only after the API decided', () => {
  const { ApiProblem } = problems;
  assert.equal(new ApiProblem({ status: 400 }).definitive, true);
  assert.equal(new ApiProblem({ status: 409, type: 'unit-already-held' }).definitive, true);
  for (const status of [0, 401, 408, 429, 500, 503, 504]) assert.equal(new ApiProblem({ status }).definitive, false, String(status));
  // the same request still being registered: the answer is coming, keep the id
  assert.equal(new ApiProblem({ status: 409, type: 'urn:anchang:problem:visit-in-progress' }).definitive, false);
  assert.equal(new ApiProblem({ status: 401 }).signIn, true);
});

test('a problem response is read whatever its body', async () => {
  const json = new Response(JSON.stringify({ type: 'urn:anchang:problem:finance-only', title: 'Forbidden', status: 403,
    detail: '只有财务可以确认收款 (Only FINANCE)', correlationId: 'c-1' }), { status: 403, headers: { 'Content-Type': 'application/problem+json' } });
  const p = await problems.readProblem(json);
  assert.equal(p.status, 403);
  assert.equal(p.type, 'finance-only');
  assert.equal(p.correlationId, 'c-1');
  const html = await problems.readProblem(new Response('<html>', { status: 503, headers: { 'Content-Type': 'text/html', 'X-Correlation-Id': 'c-2' } }));
  assert.match(html.detail, /^服务暂时不可用/);
  assert.equal(html.correlationId, 'c-2');
  const rows = await problems.readProblem(new Response(JSON.stringify({ detail: 'x', errors: [{ row: 2, message: 'm' }] }),
    { status: 400, headers: { 'Content-Type': 'application/problem+json' } }));
  assert.deepEqual(rows.errors, [{ row: 2, message: 'm' }]);
});

test('server-sent events are parsed across chunks, CRLF, comments and multi-line data', () => {
  const seen = [];
  const parser = sseParser((e) => seen.push(e));
  parser.push(':connected\n\nid: u1@3\nevent: unit\ndata: {"id":');
  parser.push('"u1"}\r');
  parser.push('\n\r\n:keep-alive\n\ndata: a\ndata: b\n\n');
  assert.deepEqual(seen, [
    { event: 'unit', data: '{"id":"u1"}', id: 'u1@3' },
    { event: 'message', data: 'a\nb', id: 'u1@3' },
  ]);
});

test('phones are checked as the API reads them, in their usual spellings', () => {
  const ok = ['138 0013 8000', '+86-138-0013-8000', '13800138000', '021-6123 4567', '0571 8888 1234', '(021) 61234567', '+1 415 555 2671'];
  for (const phone of ok) assert.equal(validate.phoneProblem(phone), null, phone);
  for (const phone of ['12345', '1380013800', 'abc', '238 0013 8000', '+86 12']) assert.equal(validate.phoneProblem(phone), 'phone', phone);
  assert.equal(validate.phoneProblem('  '), 'required');
  assert.equal(validate.phoneProblem('', { required: false }), null);
  assert.equal(validate.buyerPhoneProblem('021-62345678'), null);
  assert.equal(validate.buyerPhoneProblem('+8613812345678'), 'buyerPhone');
  assert.equal(validate.postcodeProblem('200120'), null);
  assert.equal(validate.postcodeProblem('020012'), 'postcode');
});

test('amounts are checked as AmountInput reads them: at most 2 decimals, more than zero', () => {
  assert.equal(validate.amountProblem('20000'), null);
  assert.equal(validate.amountProblem('20,000.50'), null);
  assert.equal(validate.amountProblem('20000.500'), null);
  assert.equal(validate.amountProblem('20000.505'), 'amountPrecision');
  assert.equal(validate.amountProblem('0'), 'amountPositive');
  assert.equal(validate.amountProblem('-5'), 'amount');
  assert.equal(validate.amountProblem('二万'), 'amount');
  assert.equal(validate.amountProblem(''), 'required');
  assert.deepEqual(validate.amountProblem('300', { max: '200.00' }), ['amountOverMax', { max: '200.00' }], 'the message names the limit');
  assert.equal(validate.discountProblem('1.5', '1.0'), 'discountOverLimit');
  assert.equal(validate.discountProblem('1.125', '3'), 'discount');
  assert.equal(validate.discountProblem('', '1'), null);
  assert.match(validate.newRequestId(), validate.REQUEST_ID);
});

test('R-SEC-2 only FINANCE sees the confirmation; a rep, the manager and head office do not', () => {
  const user = (role, sites = ['SH01']) => access.userFrom({ preferred_username: `u-${role}`, realm_access: { roles: [role, 'default-roles-anchang'] }, sites });
  assert.equal(access.abilities(user('FINANCE'), 'SH01').confirmDeposit, true);
  for (const role of ['SALES', 'SUPERVISOR', 'MANAGER', 'ASSISTANT', 'SALES_CONTROL', 'HEAD_OFFICE', 'ADMIN']) {
    assert.equal(access.abilities(user(role), 'SH01').confirmDeposit, false, role);
  }
  assert.equal(access.abilities(user('FINANCE'), 'HZ01').confirmDeposit, false, 'another site');
});

test('R-SEC-1 roles include the ones below them, on their own sites only; head office reads everywhere and writes nowhere', () => {
  const manager = access.userFrom({ preferred_username: 'sh01-manager', realm_access: { roles: ['MANAGER'] }, sites: ['SH01'] });
  const can = access.abilities(manager, 'SH01');
  assert.equal(can.registerVisit, true);
  assert.equal(can.verifyComplaints, true);
  assert.equal(can.setRotation, true);
  assert.equal(access.abilities(manager, 'HZ01').registerVisit, false);
  const rep = access.userFrom({ preferred_username: 'sh01-sales1', realm_access: { roles: ['SALES'] }, sites: ['SH01'] });
  const repCan = access.abilities(rep, 'SH01');
  assert.equal(repCan.setRotation, false);
  assert.equal(repCan.seeOff({ servedBy: 'sh01-sales1' }), true);
  assert.equal(repCan.seeOff({ servedBy: 'sh01-sales2' }), false);
  assert.equal(repCan.repStatus('sh01-sales1'), true);
  assert.equal(repCan.repStatus('sh01-sales2'), false);
  assert.equal(repCan.releaseHold({ hold: { repUserId: 'sh01-sales2' } }), false);
  const hq = access.userFrom({ preferred_username: 'hq', realm_access: { roles: ['HEAD_OFFICE'] } });
  assert.equal(access.canRead(hq, 'HZ01'), true);
  assert.equal(access.abilities(hq, 'HZ01').registerVisit, false);
  assert.equal(access.homeScreen(hq), 'hq');
  const admin = access.userFrom({ preferred_username: 'admin', realm_access: { roles: ['ADMIN'] }, sites: ['*'] });
  assert.equal(admin.writeAll, true);
  assert.equal(access.abilities(admin, 'HZ01').changePolicy, true);
  assert.deepEqual(access.SCREENS.filter((s) => s.visible(rep)).map((s) => s.name), ['desk', 'mine', 'customers', 'board', 'deals']);
  assert.deepEqual(access.SCREENS.filter((s) => s.visible(user('FINANCE'))).map((s) => s.name), ['board', 'deals', 'finance', 'reports']);
  assert.deepEqual(access.SCREENS.filter((s) => s.visible(hq)).map((s) => s.name), ['customers', 'reports', 'hq'], 'the archive\'s tabs only (customerTabs)');
  function user(role) { return access.userFrom({ preferred_username: role, realm_access: { roles: [role] }, sites: ['SH01'] }); }
});

test('R-SEC-2 after the deposit only FINANCE records payments and closes the day; the MANAGER approves, the rep asks', () => {
  const user = (role, name = role) => access.userFrom({ preferred_username: name, realm_access: { roles: [role] }, sites: ['SH01'] });
  for (const role of ['SALES', 'SUPERVISOR', 'MANAGER', 'ASSISTANT', 'SALES_CONTROL', 'HEAD_OFFICE']) {
    assert.equal(access.abilities(user(role), 'SH01').recordPayment, false, role);
    assert.equal(access.abilities(user(role), 'SH01').closeDay, false, role);
  }
  assert.equal(access.abilities(user('FINANCE'), 'SH01').recordPayment, true);
  assert.equal(access.abilities(user('FINANCE'), 'SH01').closeDay, true);
  assert.equal(access.abilities(user('MANAGER'), 'SH01').approvals, true);
  assert.equal(access.abilities(user('SUPERVISOR'), 'SH01').approvals, false);
  const mine = { status: 'BIG_DEPOSIT', sale: { repUserId: 'rep1' } };
  assert.equal(access.abilities(user('SALES', 'rep1'), 'SH01').signContract(mine), true);
  assert.equal(access.abilities(user('SALES', 'rep2'), 'SH01').signContract(mine), false, "another rep's deal");
  assert.equal(access.abilities(user('SALES', 'rep1'), 'SH01').requestRefund({ ...mine, sale: { ...mine.sale, contract: {} } }), false,
    'R-DEAL-10 no refund after the contract');
  // R-RPT: the daily form for SUPERVISOR/ASSISTANT, the MANAGER's forms for MANAGER and head office; a rep reads none
  assert.equal(access.abilities(user('SALES'), 'SH01').dailyReports, false);
  assert.equal(access.abilities(user('ASSISTANT'), 'SH01').dailyReports, true);
  assert.equal(access.abilities(user('SUPERVISOR'), 'SH01').managerReports, false);
  assert.equal(access.abilities(user('FINANCE'), 'SH01').registers, true);
  // R-CUS-5: the overdue check is the SUPERVISOR's; the evening meeting is recorded by the MANAGER (R-OPS-1)
  assert.equal(access.abilities(user('SALES'), 'SH01').overdueCheck, false);
  assert.equal(access.abilities(user('SUPERVISOR'), 'SH01').overdueCheck, true);
  assert.equal(access.abilities(user('SUPERVISOR'), 'SH01').recordMeeting, false);
  assert.equal(access.abilities(user('MANAGER'), 'SH01').recordMeeting, true);
});

test('R-CUS-7 R-CUS-12 R-SEC-1 the deal archive is the archive\'s readers\'; key persons and industries the site\'s sales staff\'s only', () => {
  const user = (role, sites = ['SH01']) => access.userFrom({ preferred_username: `u-${role}`, realm_access: { roles: [role] }, sites });
  const sees = (u, site = 'SH01') => { const can = access.abilities(u, site); return [can.dealArchive, can.connections]; };
  // SearchingArchive.dealArchive: SALES (and the roles that include it), ASSISTANT, HEAD_OFFICE, on a site they read
  // CaringForCustomers.connections: SALES (SUPERVISOR, MANAGER) only, on a site they read
  assert.deepEqual(sees(user('SALES')), [true, true]);
  assert.deepEqual(sees(user('SUPERVISOR')), [true, true]);
  assert.deepEqual(sees(user('MANAGER')), [true, true]);
  assert.deepEqual(sees(user('ASSISTANT')), [true, false]);
  for (const role of ['FINANCE', 'SALES_CONTROL', 'ADMIN']) assert.deepEqual(sees(user(role)), [false, false], role);
  const hq = access.userFrom({ preferred_username: 'hq', realm_access: { roles: ['HEAD_OFFICE'] } });
  assert.deepEqual(sees(hq, 'HZ01'), [true, false], 'head office reads every site\'s deal archive, no key persons');
  assert.deepEqual(sees(user('SALES'), 'HZ01'), [false, false], 'another site');
  assert.deepEqual(sees(user('MANAGER'), 'HZ01'), [false, false], 'another site');
  assert.deepEqual(sees(null), [false, false]);
});

test('R-CUS-7 R-SEC-1 head office has the customers screen with the archive\'s tabs it may read — the deal archive among them — and no rep\'s lists, care or key persons', () => {
  const hq = access.userFrom({ preferred_username: 'hq', realm_access: { roles: ['HEAD_OFFICE'] } });
  const menu = (u) => access.SCREENS.filter((screen) => screen.visible(u)).map((screen) => screen.name);
  assert.deepEqual(menu(hq), ['customers', 'reports', 'hq']);
  // SearchingArchive.search and dealArchive, SharingMarketNotes, ImportingCustomers.list: HEAD_OFFICE reads them on every site
  assert.deepEqual(archiveAccess.customerTabs(hq, 'SH01'), ['archive', 'dealArchive', 'market', 'import']);
  assert.deepEqual(archiveAccess.customerTabs(hq, 'HZ01'), ['archive', 'dealArchive', 'market', 'import'], 'every site');
  for (const tab of ['today', 'greetings', 'calls', 'plans', 'feedback', 'surveys', 'occasions', 'referrals', 'connections', 'questions']) {
    assert.ok(!archiveAccess.customerTabs(hq, 'SH01').includes(tab), tab);
  }
  // the others keep theirs
  const user = (role) => access.userFrom({ preferred_username: `u-${role}`, realm_access: { roles: [role] }, sites: ['SH01'] });
  assert.deepEqual(archiveAccess.customerTabs(user('MANAGER'), 'SH01'), ['today', 'greetings', 'calls', 'plans', 'archive', 'feedback', 'surveys',
    'occasions', 'referrals', 'dealArchive', 'connections', 'questions', 'market', 'import']);
  assert.deepEqual(archiveAccess.customerTabs(user('ASSISTANT'), 'SH01'), ['plans', 'archive', 'feedback', 'surveys', 'occasions', 'referrals',
    'dealArchive', 'market']);
  assert.deepEqual(archiveAccess.customerTabs(user('SALES'), 'HZ01'), [], 'another site');
  for (const role of ['FINANCE', 'SALES_CONTROL', 'ADMIN']) assert.ok(!menu(user(role)).includes('customers'), role);
  assert.deepEqual(archiveAccess.customerTabs(null, 'SH01'), []);
});

test('a list the API cut says so: its first rows, and "只显示前 500 条，请缩小搜索范围"', () => {
  assert.equal(lists.cutAt(new Headers({ 'X-Truncated': 'true', 'X-Limit': '500' })), 500);
  assert.equal(lists.cutAt(new Headers({ 'x-truncated': 'TRUE', 'x-limit': '2' })), 2);
  assert.equal(lists.cutAt(new Headers({ 'X-Truncated': 'true' })), 500, 'no limit named: the usual one');
  assert.equal(lists.cutAt(new Headers({ 'X-Truncated': 'true', 'X-Limit': 'many' })), 500);
  assert.equal(lists.cutAt(new Headers({ 'X-Limit': '500' })), 0, 'a whole list');
  assert.equal(lists.cutAt(new Headers()), 0);
  assert.equal(lists.cutAt(null), 0);
  const said = (locale, n) => messages[locale].lists.truncated.replace('{n}', n);
  assert.equal(said('zh-CN', 500), '只显示前 500 条，请缩小搜索范围');
  assert.equal(said('en', 500), 'Only the first 500 are shown: narrow the search');
});

test('R-CUS-7 a page of the archive keeps its numbers beside its items; a plain list stays as it is', () => {
  assert.deepEqual(lists.listed({ page: 1, size: 20, total: 41, items: [{ archiveNo: 'A' }] }),
    { items: [{ archiveNo: 'A' }], page: { page: 1, size: 20, total: 41 } });
  assert.deepEqual(lists.listed([{ id: 1 }]), { items: [{ id: 1 }], page: null });
  assert.deepEqual(lists.listed(null), { items: [], page: null });
  assert.deepEqual(lists.listed(undefined), { items: [], page: null });
  assert.deepEqual(lists.listed({ detail: 'not a list' }), { items: [], page: null });
});

test('R-CUS-7 R-DEAL-7 R-DEAL-8 a customer\'s deals in the deal archive: each deal once, at its unit now and its last step, changes noted', () => {
  const step = (dealId, unitLabel, s, at, note = null) => ({ dealId, unitLabel, step: s, at, event: 'x', ref: null, note });
  const deals = [
    step('d1', '1-204', 'SMALL_DEPOSIT', '2026-11-01T02:00:00Z'),
    step('d2', '3-101', 'SMALL_DEPOSIT', '2026-11-03T02:00:00Z'),
    // a step that came late is put where its time says
    step('d1', '1-204', 'BIG_DEPOSIT', '2026-11-02T02:00:00.5Z'),
    step('d1', '1-305', 'UNIT_CHANGED', '2026-11-04T02:00:00Z', '换房 1-204 → 1-305'),
    step('d1', '1-305', 'CONTRACT', '2026-11-10T02:00:00Z'),
    step('d1', '1-305', 'NAME_CHANGED', '2026-11-12T02:00:00Z', '更名 冯先生 → 冯太太（签约后，已交更名费）'),
    step('d2', '3-101', 'LAPSED', '2026-11-06T02:00:00Z'),
  ];
  assert.deepEqual(lists.dealUnits(deals), [
    { dealId: 'd1', unitLabel: '1-305', stage: 'CONTRACT', at: '2026-11-10T02:00:00Z', changes: ['换房 1-204 → 1-305', '更名 冯先生 → 冯太太（签约后，已交更名费）'] },
    { dealId: 'd2', unitLabel: '3-101', stage: 'LAPSED', at: '2026-11-06T02:00:00Z', changes: [] },
  ]);
  assert.deepEqual(lists.dealUnits(null), []);
  assert.deepEqual(lists.dealUnits([{ step: 'CONTRACT' }]), [], 'a step of no deal');
  for (const stage of lists.DEAL_STAGES) assert.equal(typeof messages['zh-CN'].dealArchive.stages[stage], 'string', stage);
});

test('R-DEAL-6 a contract\'s terms with the deposits add up to the price, to the fen, before sending', () => {
  const terms = (...amounts) => amounts.map((amount, i) => ({ kind: i === 0 ? 'DOWN_PAYMENT' : 'INSTALMENT', amount, dueOn: '2026-12-31' }));
  assert.equal(validate.termsProblem(terms('900000.00', '80000.10'), '1000000.10', '20000'), null);
  assert.deepEqual(validate.termsProblem(terms('900000.00', '80000.09'), '1000000.10', '20000'), ['termsSum', { balance: '980000.10' }]);
  assert.equal(validate.termsProblem(terms('900000.001'), '900000', '0'), 'amountPrecision');
  assert.equal(validate.termsProblem([], '1', '0'), 'required');
  assert.equal(validate.termsProblem([{ kind: 'MORTGAGE', amount: '1', dueOn: '2026-12-31' }, { kind: 'MORTGAGE', amount: '1', dueOn: '2026-12-31' }], '2', '0'),
    'oneMortgage');
  assert.equal(validate.yuan(validate.fen('0.1') + validate.fen('0.2')), '0.30');
});

test('R-OPS-1 a meeting line names a customer by archive number or by name; a * marks a new one', () => {
  assert.deepEqual(validate.mentionOf(' BJ-2024-0031 '), { archiveNo: 'BJ-2024-0031', newCustomer: false });
  assert.deepEqual(validate.mentionOf('SH01-000012*'), { archiveNo: 'SH01-000012', newCustomer: true });
  assert.deepEqual(validate.mentionOf('冯先生 *'), { name: '冯先生', newCustomer: true });
});

test('money is shown exactly as the API gives it, times count down', () => {
  assert.equal(format.money('20000.00'), '¥20,000.00');
  assert.equal(format.money('1234567.5'), '¥1,234,567.50');
  assert.equal(format.money('0.1'), '¥0.10');
  assert.equal(format.money(null), '—');
  assert.equal(format.countdown(1799), '29:59');
  assert.equal(format.countdown(3900), '1:05:00');
  assert.equal(format.countdown(0), null);
  assert.equal(format.duration(59, 'zh-CN'), '不到 1 分钟');
  assert.equal(format.duration(3900, 'zh-CN'), '1 小时 5 分钟');
  assert.equal(format.duration(600, 'en'), '10 min');
  assert.equal(format.today('Asia/Shanghai', new Date('2026-11-30T17:00:00Z')), '2026-12-01');
  assert.equal(format.daysBetween('2026-11-30', '2027-01-30'), 61);
});

test("a time typed on the floor is the site's clock, whatever the browser's zone (incidents, events)", () => {
  // this test's process may run in any zone: the answers depend on the site's zone only
  assert.equal(format.instantOnSiteClock('2026-12-06T14:30', 'Asia/Shanghai').toISOString(), '2026-12-06T06:30:00.000Z');
  assert.equal(format.instantOnSiteClock('2026-12-06T23:30', 'Asia/Shanghai').toISOString(), '2026-12-06T15:30:00.000Z');
  assert.equal(format.instantOnSiteClock('2026-07-01T09:00', 'Europe/Berlin').toISOString(), '2026-07-01T07:00:00.000Z');
  assert.equal(format.wallClock(new Date('2026-12-06T15:30:00Z'), 'Asia/Shanghai'), '2026-12-06T23:30');
  assert.equal(format.wallClock(format.instantOnSiteClock('2026-03-29T03:30', 'Europe/Berlin'), 'Europe/Berlin'), '2026-03-29T03:30');
  assert.equal(format.instantOnSiteClock('', 'Asia/Shanghai'), null);
  assert.equal(format.instantOnSiteClock('明天', 'Asia/Shanghai'), null);
});

function keys(object, prefix = '') {
  return Object.entries(object).flatMap(([key, value]) => (value && typeof value === 'object'
    ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

test('every text the screens use is there in Chinese and in English', async () => {
  const zh = new Set(keys(messages['zh-CN']));
  const en = new Set(keys(messages.en));
  assert.deepEqual([...zh].filter((k) => !en.has(k)), [], 'missing in English');
  assert.deepEqual([...en].filter((k) => !zh.has(k)), [], 'missing in Chinese');
  const files = (await readdir(APP, { recursive: true })).filter((name) => name.endsWith('.js'));
  const used = new Set();
  for (const file of files) {
    const source = await readFile(new URL(file, APP), 'utf8');
    for (const match of source.matchAll(/\$?\bt\(\s*(['"])([a-zA-Z][\w.]*)\1/g)) used.add(match[2]);
  }
  assert.ok(used.size > 50, `found ${used.size} texts`);
  // "unit.status." + status: a group of texts, which both languages must have
  const groups = [...used].filter((k) => k.endsWith('.'));
  for (const group of groups) {
    for (const locale of ['zh-CN', 'en']) {
      const node = group.slice(0, -1).split('.').reduce((o, part) => o?.[part], messages[locale]);
      assert.equal(typeof node, 'object', `${locale} has no texts under ${group}`);
    }
  }
  assert.deepEqual([...used].filter((k) => !k.endsWith('.') && !zh.has(k)).sort(), [], 'used but not defined');
  for (const key of zh) assert.ok(!/[|@]/.test(key), key);
});

test('every module of the application parses as a module: one syntax error and no screen loads at all', async () => {
  const files = (await readdir(APP, { recursive: true })).filter((name) => name.endsWith('.js'));
  assert.ok(files.length > 40, `found ${files.length} modules`);
  for (const file of files) {
    // parsed first, then linked: a module that names others stops at linking (a data: URL resolves no relative
    // path), one that names none runs without the page's globals; only a SyntaxError is the module's own fault
    // (`node --check file.js` passes a broken ES module on Node 20)
    const source = await readFile(new URL(file, APP), 'utf8');
    const error = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`).then(() => null, (e) => e);
    assert.ok(!(error instanceof SyntaxError), `${file}: ${error}`);
  }
});
