/**
 * Group change approval, the whole app on loopback: Bolt in HTTP mode built by buildApp, the Slack
 * fake (users, channels, buttons, response_url), the leihs simulator, and a real store: SQLite in a
 * temp dir, or PostgreSQL shared by two app instances.
 */
import type { App, Logger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, createReceiver } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createAppDeps, type AppDeps } from '../../src/deps.js';
import { healthServiceFor } from '../../src/services/health.js';
import { BOT_ID, BOT_USER_ID, FAKE_SIGNING_SECRET, startSlackFake, type SlackFake, type SlackMessage } from '../../src/devkit/index.js';
import { createDriver, type Driver } from '../../src/devkit/driver.js';
import { createLeihsClient, type LeihsClient } from '../../src/leihs/client.js';
import { startLeihsSimulator, type LeihsSimulator } from '../../src/sim/leihs/index.js';
import { sweepExpiredRequests } from '../../src/listeners/approval-flow.js';
import type { Store } from '../../src/store/store.js';
import { engines, type Engine, type StoreLocation } from '../store/harness.js';

const APPROVALS = 'C0APPROVE1';
const ANNA = 'U0ANNA0SC';
const hour = 3_600_000;

const quiet = (logs: string[]): Logger => ({
  debug: () => undefined,
  info: () => undefined,
  warn: (...m: unknown[]) => void logs.push(m.map(String).join(' ')),
  error: (...m: unknown[]) => void logs.push(m.map(String).join(' ')),
  setLevel: () => undefined,
  getLevel: () => LogLevel.WARN,
  setName: () => undefined,
});

interface Running {
  app: App;
  deps: AppDeps;
  driver: Driver;
  store: Store;
  stop(): Promise<void>;
}

let sim: LeihsSimulator;
let fake: SlackFake;
let leihs: LeihsClient;
let clock: ManualClock;

beforeEach(async () => {
  sim = await startLeihsSimulator();
  fake = await startSlackFake();
  leihs = createLeihsClient({ baseUrl: sim.url, token: sim.tokens.admin, retries: 0 });
  clock = new ManualClock(new Date());
});
afterEach(async () => {
  await leihs.close();
  await fake.close();
  await sim.close();
});

function configFor(env: Record<string, string> = {}): Config {
  return loadConfig({
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_BOT_ID: BOT_ID,
    SLACK_BOT_USER_ID: BOT_USER_ID,
    LEIHS_URL: sim.url,
    LEIHS_TOKEN: sim.tokens.admin,
    LEIHS_APPROVALS_CHANNEL: APPROVALS,
    LEIHS_TIMEOUT: '2s',
    LOG_LEVEL: 'warn',
    ...env,
  });
}

/** One app instance (a replica) on its own store connection, answering on its own endpoint. */
async function startApp(location: StoreLocation, logs: string[] = []): Promise<Running> {
  const config = configFor();
  const store = await location.open(clock);
  const client = createLeihsClient({ baseUrl: sim.url, token: sim.tokens.admin, retries: 0 });
  const deps = createAppDeps({ config, leihs: client, clock, store, health: healthServiceFor({ config, leihs: client, clock, store, startedAt: clock.now() }) });
  const logger = quiet(logs);
  const app = buildApp(deps, { receiver: createReceiver(config.slack, { logger }), botToken: fake.botToken, botId: BOT_ID, botUserId: BOT_USER_ID, slackApiUrl: fake.apiUrl, logger });
  const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
  const driver = createDriver(fake);
  driver.useHttp(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, FAKE_SIGNING_SECRET);
  return {
    app,
    deps,
    driver,
    store,
    async stop() {
      await app.stop();
      await client.close();
      await store.close();
    },
  };
}

async function requestFilmStudents(driver: Driver): Promise<{ card: SlackMessage; answer: SlackMessage }> {
  const sent = await driver.slashCommand({ user: 'anna', channel: 'C0GENERAL1', text: 'group create "Film Students" — for the film course' });
  const card = await fake.transcript.nextMessage({ since: sent.since, channel: APPROVALS, kind: 'posted' });
  const answer = await fake.transcript.waitFor(
    (e) => e.kind === 'replaced' && e.message.ephemeralTo === ANNA && e.message.text.startsWith('Sent for approval'),
    { since: sent.since },
  );
  return { card, answer: 'message' in answer ? answer.message : card };
}

async function groupsNamed(name: string): Promise<number> {
  let count = 0;
  for await (const row of leihs.admin.groups({ term: name })) if (row.name === name) count += 1;
  return count;
}

const buttonsOf = (m: SlackMessage) => JSON.stringify(m.blocks).match(/"action_id":"leihs_request_\w+"/g) ?? [];
const latest = (m: SlackMessage) => fake.transcript.findMessage(m.channel, m.ts) ?? m;
const ephemeralTo = async (user: string, since: number, contains: string) => {
  const event = await fake.transcript.waitFor((e) => 'message' in e && e.message.ephemeralTo === user && e.message.text.includes(contains), { since });
  return 'message' in event ? event.message.text : '';
};

const [sqlite, postgres] = (await engines()) as [Engine, Engine];

describe('group change approval, whole app with SQLite', () => {
  let running: Running | undefined;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    await sqlite.cleanUp();
  });

  it('posts the request for approval, tells the requester, and creates the group once a manager approves', async () => {
    running = await startApp(sqlite.newLocation());
    const { card, answer } = await requestFilmStudents(running.driver);
    expect(card.text).toBe('<@U0ANNA0SC> asks: Create the group “Film Students”');
    expect(buttonsOf(card)).toEqual(['"action_id":"leihs_request_approve"', '"action_id":"leihs_request_reject"']);
    expect(answer.text).toContain('Sent for approval in <#C0APPROVE1>');
    expect(await groupsNamed('Film Students')).toBe(0);

    const click = await running.driver.clickButton(card, 'Approve', { user: 'marco' });
    expect(click.delivery.status).toBe(200);
    const updated = await fake.transcript.nextMessage({ since: click.since, channel: APPROVALS, kind: 'replaced' });
    expect(buttonsOf(updated)).toEqual([]);
    expect(JSON.stringify(updated.blocks)).toContain('Approved by <@U0MARCO0B>');
    expect(JSON.stringify(updated.blocks)).toMatch(new RegExp(`${sim.url}/admin/groups/[^|]+\\|Open “Film Students” in leihs`));
    expect(await groupsNamed('Film Students')).toBe(1);
    const told = await fake.transcript.waitFor((e) => 'message' in e && e.message.text.includes('was approved by <@U0MARCO0B>'), { since: click.since });
    expect('message' in told && told.message.channel).not.toBe(APPROVALS);
  });

  it('waits out a Slack 429 on chat.update so the decided message still loses its buttons', async () => {
    running = await startApp(sqlite.newLocation());
    const { card } = await requestFilmStudents(running.driver);
    fake.faults.add({ method: 'chat.update', retryAfterSec: 1, times: 1 });
    const click = await running.driver.clickButton(card, 'Approve', { user: 'marco' });
    const updated = await fake.transcript.nextMessage({ since: click.since, channel: APPROVALS, kind: 'replaced', timeoutMs: 8000 });
    expect(buttonsOf(updated)).toEqual([]);
    const [limited, retried] = fake.calls.filter((c) => c.method === 'chat.update');
    expect(limited?.status).toBe(429);
    expect(retried?.ok).toBe(true);
    expect((retried?.at ?? 0) - (limited?.at ?? 0)).toBeGreaterThanOrEqual(1000);
  });

  it('refuses a click by someone who may not approve, and leaves the message as it is', async () => {
    running = await startApp(sqlite.newLocation());
    const { card } = await requestFilmStudents(running.driver);
    const click = await running.driver.clickButton(card, 'Approve', { user: 'jonas' });
    expect(await ephemeralTo('U0JONAS0M', click.since, 'Only a leihs admin or a lending or inventory manager')).toBeTruthy();
    expect(latest(card).history).toEqual([]);
    expect(await groupsNamed('Film Students')).toBe(0);
  });

  it('refuses a click by someone leihs does not know', async () => {
    running = await startApp(sqlite.newLocation());
    const { card } = await requestFilmStudents(running.driver);
    const click = await running.driver.clickButton(card, 'Approve', { user: 'U0NOBODY1' });
    expect(await ephemeralTo('U0NOBODY1', click.since, 'could not find you in leihs')).toBeTruthy();
    expect(latest(card).history).toEqual([]);
  });

  it('refuses to post a create for a name that is taken, before anything is stored', async () => {
    running = await startApp(sqlite.newLocation());
    const sent = await running.driver.slashCommand({ user: 'anna', channel: 'C0GENERAL1', text: 'group create "Film MA"' });
    expect(await ephemeralTo(ANNA, sent.since, 'A group named “Film MA” already exists')).toBeTruthy();
    expect(await running.store.listRequests({ limit: 10 })).toEqual([]);
  });

  it('shows leihs’s 409 in plain words with a Retry button, and a retry creates the group', async () => {
    running = await startApp(sqlite.newLocation());
    const { card } = await requestFilmStudents(running.driver);
    sim.faults.add({ method: 'POST', path: '/admin/groups/', status: 409, body: 'ERROR: duplicate key value violates unique constraint "groups_name_org"', times: 1 });
    const click = await running.driver.clickButton(card, 'Approve', { user: 'ruth' });
    const failed = await fake.transcript.nextMessage({ since: click.since, channel: APPROVALS, kind: 'replaced' });
    expect(JSON.stringify(failed.blocks)).toContain('leihs refused: a group named “Film Students” already exists.');
    expect(JSON.stringify(failed.blocks)).not.toContain('duplicate key');
    expect(buttonsOf(failed)).toEqual(['"action_id":"leihs_request_retry"', '"action_id":"leihs_request_reject"']);

    const retry = await running.driver.clickButton(failed, 'Retry', { user: 'ruth' });
    const approved = await fake.transcript.nextMessage({ since: retry.since, channel: APPROVALS, kind: 'replaced' });
    expect(JSON.stringify(approved.blocks)).toContain('Approved by <@U0RUTH0KE>');
    expect(await groupsNamed('Film Students')).toBe(1);
  });

  it('an expired request says so and a click changes nothing', async () => {
    running = await startApp(sqlite.newLocation());
    const { card } = await requestFilmStudents(running.driver);
    clock.advance(24 * hour + 1);
    const click = await running.driver.clickButton(card, 'Approve', { user: 'marco' });
    expect(await ephemeralTo('U0MARCO0B', click.since, 'This request expired')).toBeTruthy();
    const updated = await fake.transcript.nextMessage({ since: click.since, channel: APPROVALS, kind: 'replaced' });
    expect(JSON.stringify(updated.blocks)).toContain('Expired on');
    expect(buttonsOf(updated)).toEqual([]);
    expect(await groupsNamed('Film Students')).toBe(0);
  });

  it('the expiry sweep marks an overdue request expired and removes its buttons without any click', async () => {
    running = await startApp(sqlite.newLocation());
    const { card } = await requestFilmStudents(running.driver);
    const since = fake.transcript.mark();
    expect(await sweepExpiredRequests(running.deps, { client: running.app.client, logger: quiet([]) })).toBe(0);
    clock.advance(24 * hour);
    expect(await sweepExpiredRequests(running.deps, { client: running.app.client, logger: quiet([]) })).toBe(1);
    const updated = await fake.transcript.nextMessage({ since, channel: APPROVALS, kind: 'replaced' });
    expect(updated.ts).toBe(card.ts);
    expect(buttonsOf(updated)).toEqual([]);
  });

  it('a restart between request and approval (SQLite file reopened) keeps the request actionable', async () => {
    const location = sqlite.newLocation();
    const first = await startApp(location);
    const { card } = await requestFilmStudents(first.driver);
    await first.stop();
    running = await startApp(location);
    const click = await running.driver.clickButton(card, 'Approve', { user: 'marco' });
    const updated = await fake.transcript.nextMessage({ since: click.since, channel: APPROVALS, kind: 'replaced' });
    expect(JSON.stringify(updated.blocks)).toContain('Approved by <@U0MARCO0B>');
    expect(await groupsNamed('Film Students')).toBe(1);
  });

  it('the "Request group change" shortcut opens a modal whose submission is posted for approval', async () => {
    running = await startApp(sqlite.newLocation());
    const opened = await running.driver.shortcut('leihs_group_change_global', 'marco');
    expect(opened.delivery.status).toBe(200);
    await fake.transcript.waitFor((e) => e.kind === 'view_opened', { since: opened.since });
    const submitted = await running.driver.submitView('marco', {
      leihs_group_change_action: 'create',
      leihs_group_change_group: 'Film Students',
      leihs_group_change_description: 'for the film course',
    });
    expect(submitted.delivery.status).toBe(200);
    const card = await fake.transcript.nextMessage({ since: submitted.since, channel: APPROVALS, kind: 'posted' });
    expect(card.text).toBe('<@U0MARCO0B> asks: Create the group “Film Students”');
    expect(JSON.stringify(card.blocks)).toContain('for the film course');
    expect(await fake.transcript.waitFor((e) => 'message' in e && e.message.text.startsWith('Sent for approval'), { since: submitted.since })).toBeTruthy();
  });

  it('the modal asks for the member when adding one without naming them', async () => {
    running = await startApp(sqlite.newLocation());
    const opened = await running.driver.shortcut('leihs_group_change_global', 'marco');
    await fake.transcript.waitFor((e) => e.kind === 'view_opened', { since: opened.since });
    const submitted = await running.driver.submitView('marco', { leihs_group_change_action: 'add_member', leihs_group_change_group: 'Film MA' });
    const errors = await fake.transcript.waitFor((e) => e.kind === 'view_errors', { since: submitted.since });
    expect('errors' in errors && errors.errors).toEqual({ leihs_group_change_user: 'Give the member’s email address.' });
    expect(await running.store.listRequests({ limit: 10 })).toEqual([]);
  });

  it('/leihs requests lists the open request', async () => {
    running = await startApp(sqlite.newLocation());
    await requestFilmStudents(running.driver);
    const sent = await running.driver.slashCommand({ user: 'marco', channel: 'C0GENERAL1', text: 'requests' });
    expect(await ephemeralTo('U0MARCO0B', sent.since, 'Group change requests')).toBeTruthy();
    const list = fake.transcript.visible('C0GENERAL1', 'U0MARCO0B').at(-1);
    expect(JSON.stringify(list?.blocks)).toContain('Create the group *“Film Students”*');
  });
});

const pgTitle = 'group change approval, two app instances on one PostgreSQL';
const pgSuite = postgres.skipReason ? describe.skip : describe;
pgSuite(postgres.skipReason ? `${pgTitle} (skipped: ${postgres.skipReason})` : pgTitle, () => {
  afterEach(() => postgres.cleanUp());

  it('50 concurrent approve clicks split across both create exactly one group and one approved audit event', async () => {
    const location = postgres.newLocation();
    const a = await startApp(location);
    const b = await startApp(location);
    try {
      const { card } = await requestFilmStudents(a.driver);
      // A slow create widens the race; with times: 2 the rule is still listed afterwards only if leihs saw at most one create.
      const slowCreate = sim.faults.add({ method: 'POST', path: '/admin/groups/', delayMs: 50, times: 2 });
      const approvers = ['marco', 'ruth'];
      const clicks = await Promise.all(
        Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).driver.clickButton(card, 'Approve', { user: approvers[Math.floor(i / 2) % 2] ?? 'marco' })),
      );
      expect(clicks.every((c) => c.delivery.status === 200)).toBe(true);
      const since = Math.min(...clicks.map((c) => c.since));
      // Every click ends visibly: 49 losers are told who decided (or that it is under way), one updates the card.
      await fake.transcript.waitFor((e) => e.kind === 'replaced' && e.message.ts === card.ts, { since, timeoutMs: 15_000 });
      await expect
        .poll(() => fake.transcript.messages.filter((m) => m.visibility === 'ephemeral' && m.channel === APPROVALS && /already approved|approving this request/i.test(m.text)).length, {
          timeout: 15_000,
          interval: 50,
        })
        .toBe(49);
      expect(await groupsNamed('Film Students')).toBe(1);
      const audit = await a.store.listAudit({ limit: 500 });
      expect(audit.map((e) => e.outcome)).toEqual(['requested', 'approved']);
      expect(sim.faults.list().map((f) => f.id)).toContain(slowCreate);
      expect((await b.store.listRequests({ limit: 5 }))[0]?.status).toBe('approved');
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
