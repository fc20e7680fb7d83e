// Unit tests of the scenarios' shared helpers (lib.mjs) that need no browser: the API beside the
// screens against a stand-in gateway and issuer on a free local port, the polling of until(), and open()
// and evidence() on stand-in pages that record what they are asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { officeApi, until, expect, clean, open, evidence } from './lib.mjs';

/** A stand-in for Keycloak's token endpoint and the gateway: answers what {@code answer} says, remembers the requests. */
async function standIn(answer) {
  const seen = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      seen.push({ method: request.method, url: request.url, headers: request.headers, body });
      const [status, json] = answer(request, body);
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(json === undefined ? '' : JSON.stringify(json));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

test('officeApi: a demo user\'s token by the CLI client\'s password grant, the API called with it, must() failing with the API\'s answer', async () => {
  const office = await standIn((request, body) => {
    if (request.url === '/realms/anchang/protocol/openid-connect/token') {
      const form = new URLSearchParams(body);
      return form.get('username') === 'sh01-finance' && form.get('password') === 'pw' && form.get('client_id') === 'anchang-cli'
        && form.get('grant_type') === 'password' ? [200, { access_token: 'T-fin' }] : [401, { error: 'invalid_grant' }];
    }
    if (request.headers.authorization !== 'Bearer T-fin') return [401, undefined];
    if (request.method === 'POST') return [409, { type: 'urn:anchang:problem:reward-exists', detail: '这次介绍已有奖励' }];
    return [200, [{ id: 'R1' }]];
  });
  try {
    let issuer;
    const { tokenOf, call, must } = officeApi({ base: office.base, password: 'pw', issuer: () => issuer });
    issuer = `${office.base}/realms/anchang`; // learnt after the helpers were made, as the scripts do
    const token = await tokenOf('sh01-finance');
    assert.equal(token, 'T-fin');
    await assert.rejects(tokenOf('nobody'), /no token for nobody: HTTP 401/);

    assert.deepEqual(await call(token, 'GET', '/api/customers/sites/SH01/referrals?status=APPROVED&reward=CASH'), { status: 200, body: [{ id: 'R1' }] });
    assert.deepEqual(await call('other', 'GET', '/x'), { status: 401, body: null });
    assert.deepEqual(await must(token, 'GET', '/x'), [{ id: 'R1' }]);
    await assert.rejects(must(token, 'POST', '/api/customers/sites/SH01/referrals/R1/reward', { kind: 'CASH' }),
      /POST \/api\/customers\/sites\/SH01\/referrals\/R1\/reward answered 409: .*reward-exists/);
    assert.equal((await must(token, 'POST', '/y', { a: 1 }, [409])).type, 'urn:anchang:problem:reward-exists');
    const post = office.seen.find((r) => r.method === 'POST' && r.url === '/y');
    assert.equal(post.body, '{"a":1}');
    assert.equal(post.headers['content-type'], 'application/json');
  } finally {
    await office.close();
  }
});

test('until() answers the first truthy answer of its probe, and fails the step naming what it waited for', async () => {
  let asked = 0;
  assert.equal(await until('the third answer', async () => { asked += 1; return asked === 3 && 'ok'; }, 5_000), 'ok');
  assert.equal(asked, 3);
  await assert.rejects(until('the reward paid', async () => false, 1), /waited 0.001 s for the reward paid/);
});

test('expect() and clean(): a page that threw or fetched from outside fails its step, naming the user', () => {
  assert.doesNotThrow(() => expect(true, 'never'));
  assert.throws(() => expect(false, 'the board shows HELD'), /the board shows HELD/);
  const watch = (errors, outside) => ({ watch: { errors, outside } });
  assert.doesNotThrow(() => clean(watch([], []), 'sh01-finance'));
  assert.throws(() => clean(watch(['TypeError: x is undefined'], []), 'sh01-finance'), /sh01-finance: the page threw: TypeError/);
  assert.throws(() => clean(watch([], ['https://fonts.example/a', 'https://fonts.example/a']), 'hq-analyst'),
    /hq-analyst: the page fetched from outside the deployment: https:\/\/fonts.example\/a$/);
});

/** A stand-in for a Playwright page: records what it is asked; {@code spinning} answers for how many checks a spinner shows. */
function standInPage({ spinning = 0, shot = async () => {} } = {}) {
  const calls = [];
  let checks = 0;
  return {
    calls,
    goto: async (url) => { calls.push(['goto', url]); },
    locator: (selector) => ({ first: () => ({ waitFor: async () => { calls.push(['waitFor', selector]); } }) }),
    waitForFunction: async () => {
      for (; checks < spinning; checks += 1) calls.push(['spinner']);
      calls.push(['no spinner']);
    },
    waitForTimeout: async (ms) => { calls.push(['pause', ms]); },
    screenshot: async (options) => { calls.push(['screenshot', options.path]); await shot(options); },
  };
}

test('open() goes to the path, waits for the screen\'s marker, then for its data (no spinner), then the pause', async () => {
  const page = standInPage({ spinning: 2 });
  await open(page, { base: 'http://gw:8080', path: '/deals?tab=day', marker: 'day-records' });
  assert.deepEqual(page.calls, [
    ['goto', 'http://gw:8080/deals?tab=day'], ['waitFor', '[data-test="day-records"]'],
    ['spinner'], ['spinner'], ['no spinner'], ['pause', 300],
  ]);
  const slower = standInPage();
  await open(slower, { base: 'http://gw:8080', path: '/customers', marker: 'customers', pause: 400 });
  assert.deepEqual(slower.calls.at(-1), ['pause', 400]);
});

test('evidence(): a PNG of every open page of every context, numbered; what each watched, the live stream left out; a page that cannot be shot does not stop it', async () => {
  const out = join(await mkdtemp(join(tmpdir(), 'anchang-lib-')), 'shots'); // not there yet: made
  const write = ({ path }) => writeFile(path, 'png');
  const closed = standInPage({ shot: async () => { throw new Error('Target page, context or browser has been closed'); } });
  const context = (pages, errors, inFlight) => ({
    pages: () => pages,
    watch: { errors, outside: [], consoleErrors: [], inFlight: new Map(inFlight.map((r, i) => [i, r])) },
  });
  try {
    const watched = await evidence([
      context([standInPage({ shot: write }), closed], ['TypeError: x'], ['GET http://gw/api/deals/sites/SH01/unit-changes', 'POST http://gw/api/finance/x']),
      context([standInPage({ shot: write })], [], []),
    ], { out, name: 'unit-live' });
    assert.deepEqual((await readdir(out)).sort(), ['failed-unit-live-1.png', 'failed-unit-live-3.png']);
    assert.equal(await readFile(join(out, 'failed-unit-live-3.png'), 'utf8'), 'png');
    assert.deepEqual(closed.calls, [['screenshot', join(out, 'failed-unit-live-2.png')]]);
    assert.deepEqual(watched, [
      { errors: ['TypeError: x'], outside: [], consoleErrors: [], inFlight: ['POST http://gw/api/finance/x'] },
      { errors: [], outside: [], consoleErrors: [], inFlight: [] },
    ]);
    assert.deepEqual(await evidence([{ pages: () => { throw new Error('browser gone'); } }], { out, name: 'x' }), []);
  } finally {
    await rm(join(out, '..'), { recursive: true, force: true });
  }
});
