/**
 * `npm start` with Slack credentials, as an operator runs it: src/main.ts in its own process against the
 * Slack fake and the leihs simulator on loopback, in HTTP mode and in Socket Mode.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_SIGNING_SECRET, renderMessage, startSlackFake, type SlackFake } from '../../src/devkit/index.js';
import { startLeihsSimulator, type LeihsSimulator } from '../../src/sim/leihs/index.js';
import { sqliteFileName } from '../../src/store/sqlite.js';
import { spawnMain, type MainProcess } from './spawn-main.js';

let sim: LeihsSimulator | undefined;
let fake: SlackFake | undefined;
let main: MainProcess | undefined;
afterEach(async () => {
  await main?.cleanup();
  await fake?.close();
  await sim?.close();
  main = fake = sim = undefined;
});

async function startSlackAndLeihs(socketMode: boolean) {
  sim = await startLeihsSimulator();
  fake = await startSlackFake({ socketMode });
  // No SLACK_BOT_ID / SLACK_BOT_USER_ID: main looks them up with auth.test at the fake.
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_API_URL: fake.apiUrl,
    LEIHS_URL: sim.url,
    LEIHS_TOKEN: sim.tokens.admin,
    HOST: '127.0.0.1',
    PORT: '0',
    ...(socketMode ? { SLACK_APP_TOKEN: fake.appToken } : { SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET }),
  };
  return { sim, fake, env };
}

async function getJson(url: string): Promise<{ status: number; type: string | null; body: Record<string, unknown> }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
  return { status: res.status, type: res.headers.get('content-type'), body: (await res.json()) as Record<string, unknown> };
}

/** Nothing main prints may carry a token or the signing secret. */
function expectNoSecrets(process: MainProcess, secrets: string[]) {
  for (const secret of secrets) {
    expect(process.stdout()).not.toContain(secret);
    expect(process.stderr()).not.toContain(secret);
  }
}

describe('npm start in Slack HTTP mode', () => {
  it('says where it listens, answers health and a signed /leihs find tripod, and stops cleanly on SIGTERM', async () => {
    const { fake, sim, env } = await startSlackAndLeihs(false);
    main = await spawnMain(env);
    const [, base = ''] = await main.waitForStdout(/listening on (http:\/\/127\.0\.0\.1:\d+): Slack events at \/slack\/events/);

    const healthz = await getJson(`${base}/healthz`);
    expect(healthz).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(healthz.type).toContain('application/json');
    const readyz = await getJson(`${base}/readyz`);
    expect(readyz.body).toMatchObject({ checks: { store: 'ok', slack: 'not_applicable' } });

    fake.driver.useHttp(`${base}/slack/events`, FAKE_SIGNING_SECRET);
    const sent = await fake.driver.slashCommand({ user: 'anna', text: 'find tripod' });
    expect(sent.delivery).toMatchObject({ status: 200, timedOut: false });
    const answer = await fake.transcript.nextMessage({ since: sent.since, kind: 'replaced', timeoutMs: 10_000 });
    expect(renderMessage(answer).text).toMatch(/Fotostudio: \*\d+\* in stock/);

    main.child.kill('SIGTERM');
    expect(await main.exited()).toBe(0);
    expect(main.stdout()).toMatch(/leihs for Slack stopped\.\n$/);
    expect(main.stderr()).toBe('');
    // SQLite removes its write-ahead log when the last connection closes: the store was closed.
    expect(existsSync(join(main.cwd, 'data', sqliteFileName))).toBe(true);
    expect(existsSync(join(main.cwd, 'data', `${sqliteFileName}-wal`))).toBe(false);
    expectNoSecrets(main, [fake.botToken, FAKE_SIGNING_SECRET, sim.tokens.admin]);
  });
});

describe('npm start in Slack Socket Mode', () => {
  it('connects over the socket, answers /leihs find tripod and health on PORT, and stops cleanly on SIGTERM', async () => {
    const { fake, sim, env } = await startSlackAndLeihs(true);
    main = await spawnMain(env);
    const [, base = ''] = await main.waitForStdout(/Socket Mode; \/healthz and \/readyz answer on (http:\/\/127\.0\.0\.1:\d+)\./);
    await fake.socket?.waitForConnection(5000);

    const readyz = await getJson(`${base}/readyz`);
    expect(readyz.body).toMatchObject({ checks: { store: 'ok', slack: 'connected' } });
    expect((await getJson(`${base}/healthz`)).body).toMatchObject({ status: 'ok' });

    fake.driver.useSocketMode();
    const sent = await fake.driver.slashCommand({ user: 'anna', text: 'find tripod' });
    expect(sent.delivery).toMatchObject({ status: 200, timedOut: false });
    const answer = await fake.transcript.nextMessage({ since: sent.since, kind: 'replaced', timeoutMs: 10_000 });
    expect(renderMessage(answer).text).toMatch(/Fotostudio: \*\d+\* in stock/);

    main.child.kill('SIGTERM');
    expect(await main.exited()).toBe(0);
    expect(main.stderr()).toBe('');
    expect(existsSync(join(main.cwd, 'data', `${sqliteFileName}-wal`))).toBe(false);
    expectNoSecrets(main, [fake.botToken, fake.appToken, sim.tokens.admin]);
  });
});
