import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { composeRuntime } from '../src/runtime.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the composed runtime', () => {
  it('gives every part the health service it built and, on close, aborts the shutdown signal', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'leihs-runtime-'));
    dirs.push(dataDir);
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-test-only',
      SLACK_SIGNING_SECRET: 'test-only-signing-secret',
      LEIHS_URL: 'http://127.0.0.1:9',
      LEIHS_TOKEN: 'test-token',
      DATA_DIR: dataDir,
    });
    const runtime = await composeRuntime(config, { botToken: 'xoxb-test-only', botId: 'B0123ABCD', botUserId: 'U0BOT0001' }, { clock: new ManualClock('2026-12-04T09:00:00Z') });
    expect(runtime.deps.health).toBeDefined();
    expect(runtime.deps.shutdown?.aborted).toBe(false);
    await runtime.close();
    expect(runtime.deps.shutdown?.aborted).toBe(true);
  });
});
