/**
 * What an operator sees when `npm start` cannot start in Slack mode: one line on stderr naming the
 * variable to fix, exit code 1, and never a token. Also how `.env` is read, and how the console ends.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FAKE_SIGNING_SECRET, startSlackFake, type SlackFake } from '../../src/devkit/index.js';
import { startLeihsSimulator, type LeihsSimulator } from '../../src/sim/leihs/index.js';
import { spawnMain, type MainProcess } from './spawn-main.js';

let sim: LeihsSimulator;
let fake: SlackFake;
let main: MainProcess | undefined;
beforeAll(async () => {
  [sim, fake] = await Promise.all([startLeihsSimulator(), startSlackFake()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), sim.close()]);
});
afterEach(async () => {
  await main?.cleanup();
  main = undefined;
});

/** A loopback port where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const SECRET_BOT_TOKEN = 'xoxb-test-never-print-this-1';
const SECRET_APP_TOKEN = 'xapp-test-never-print-this-2';
const SECRET_LEIHS_TOKEN = 'leihs-never-print-this-3';

/** HTTP mode against the fake and the simulator, with `overrides` applied (an empty value unsets). */
function slackEnv(overrides: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    LEIHS_URL: sim.url,
    LEIHS_TOKEN: SECRET_LEIHS_TOKEN,
    HOST: '127.0.0.1',
    PORT: '0',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
}

async function expectOneLineFailure(env: Record<string, string>, line: RegExp, files?: Record<string, string>) {
  main = await spawnMain(env, files ? { files } : {});
  expect(await main.exited()).toBe(1);
  expect(main.stdout()).toBe('');
  expect(main.stderr()).toMatch(/^[^\n]+\n$/);
  expect(main.stderr()).toMatch(line);
  for (const secret of [SECRET_BOT_TOKEN, SECRET_APP_TOKEN, SECRET_LEIHS_TOKEN, fake.botToken, FAKE_SIGNING_SECRET]) {
    expect(main.stderr()).not.toContain(secret);
  }
}

describe('npm start in Slack mode stops with one line naming what to fix', () => {
  it('names LEIHS_URL when a bot token is set without it', async () => {
    await expectOneLineFailure(slackEnv({ SLACK_BOT_TOKEN: SECRET_BOT_TOKEN, LEIHS_URL: '', LEIHS_TOKEN: '' }), /^LEIHS_URL must be set/);
  });

  it('names LEIHS_URL when it is not a URL', async () => {
    await expectOneLineFailure(slackEnv({ LEIHS_URL: 'leihs.example.org' }), /^LEIHS_URL must be a URL/);
  });

  it('names SLACK_API_URL, without a stack, when nothing answers there', async () => {
    const port = await closedPort();
    await expectOneLineFailure(
      slackEnv({ SLACK_BOT_TOKEN: SECRET_BOT_TOKEN, SLACK_API_URL: `http://127.0.0.1:${port}/api/` }),
      new RegExp(`^SLACK_API_URL http://127\\.0\\.0\\.1:${port}/api/ could not be reached \\(ECONNREFUSED\\)`),
    );
  });

  it('names SLACK_API_URL when it is a server but not the Web API (the fake without /api/)', async () => {
    await expectOneLineFailure(slackEnv({ SLACK_API_URL: fake.url }), /^SLACK_API_URL http:\/\/127\.0\.0\.1:\d+\/ answered HTTP 404; it must be the Web API base ending in \/api\//);
  });

  it('names SLACK_BOT_TOKEN when Slack refuses it', async () => {
    await expectOneLineFailure(slackEnv({ SLACK_BOT_TOKEN: SECRET_BOT_TOKEN }), /^SLACK_BOT_TOKEN was refused by Slack \(invalid_auth\)/);
  });

  it('names SLACK_APP_TOKEN when Slack refuses it in Socket Mode', async () => {
    await expectOneLineFailure(slackEnv({ SLACK_APP_TOKEN: SECRET_APP_TOKEN }), /^SLACK_APP_TOKEN was refused by Slack \(invalid_auth\)/);
  });

  it('names PORT when something else listens there', async () => {
    const busy = new URL(sim.url).port;
    await expectOneLineFailure(slackEnv({ PORT: busy }), new RegExp(`^PORT ${busy} is already in use`));
  });
});

describe('.env in the working directory', () => {
  it('is read at start', async () => {
    await expectOneLineFailure(slackEnv({ LEIHS_URL: '' }), /^LEIHS_URL must be a URL/, { '.env': 'LEIHS_URL=leihs.example.org\n' });
  });

  it('loses to a variable set in the real environment', async () => {
    await expectOneLineFailure(slackEnv({ SLACK_BOT_TOKEN: SECRET_BOT_TOKEN }), /^SLACK_BOT_TOKEN was refused by Slack/, {
      '.env': `LEIHS_URL=leihs.example.org\nSLACK_BOT_TOKEN=${fake.botToken}\n`,
    });
  });
});

describe('the local console started by npm start', () => {
  it('ends on :quit even while its input stays open, as a terminal does', async () => {
    main = await spawnMain({ LOG_LEVEL: 'warn' });
    await main.waitForStdout(/You are Anna Schmid/);
    main.child.stdin.write(':quit\n');
    expect(await main.exited(10_000)).toBe(0);
    expect(main.stderr()).toBe('');
  });
});
