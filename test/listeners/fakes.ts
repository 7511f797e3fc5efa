/** Fakes for listener and pipeline tests: config, deps on a fake reader, logger, Slack client. */
import { vi } from 'vitest';
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createAppDeps, type AppDeps } from '../../src/deps.js';
import type { LeihsClient } from '../../src/leihs/client.js';
import type { CommandContext } from '../../src/listeners/commands/intent-handlers.js';
import { healthServiceFor } from '../../src/services/health.js';
import { fakeReader, type FakeReaderOptions } from '../services/fake-reader.js';

export const ids = { user: 'U0ANNA0SC', channel: 'C0GENERAL1', team: 'T0123ABCD' } as const;

export function testConfig() {
  return loadConfig({ LEIHS_URL: 'http://127.0.0.1:9', LEIHS_TOKEN: 'test-token', LEIHS_FANOUT_CONCURRENCY: '4' });
}

export function fakeDeps(opts: FakeReaderOptions = {}) {
  const fake = fakeReader(opts);
  const clock = new ManualClock('2026-12-04T09:00:00Z');
  const config = testConfig();
  const leihs = {} as LeihsClient;
  const health = healthServiceFor({ config, leihs, clock, startedAt: clock.now() });
  const deps: AppDeps = createAppDeps({ config, leihs, clock, reader: fake.reader, health });
  return { deps, clock, ...fake };
}

export function fakeLogger(): Logger {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn(), setLevel: vi.fn(), getLevel: vi.fn(), setName: vi.fn() } as unknown as Logger;
}

export function fakeClient(profile: { email?: string; tz?: string } = { email: 'anna.schmid@hdk.example', tz: 'Europe/Zurich' }) {
  return {
    users: { info: vi.fn(async () => ({ ok: true, user: { id: ids.user, tz: profile.tz, profile: { email: profile.email } } })) },
    views: { open: vi.fn(async () => ({ ok: true, view: { id: 'V0123ABCD', hash: 'h1' } })), update: vi.fn(async () => ({ ok: true })) },
    conversations: { open: vi.fn(async () => ({ ok: true, channel: { id: 'D0123ABCD' } })) },
    chat: { postMessage: vi.fn(async () => ({ ok: true, ts: '1.2' })) },
  };
}

export function commandContext(deps: AppDeps, page = 1): CommandContext {
  return { deps, userId: ids.user, channelId: ids.channel, teamId: ids.team, client: fakeClient() as unknown as WebClient, logger: fakeLogger(), page };
}
