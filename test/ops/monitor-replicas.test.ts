/**
 * Two replicas never post one change twice, even when one of them stalls past its lease (slow
 * checks) while the other takes over and is in the middle of posting.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatPostMessageArguments } from '@slack/web-api';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createHealthMonitor } from '../../src/ops/monitor.js';
import type { HealthReport } from '../../src/services/health.js';
import { OPS_CHANNEL, RecordingSlack, ScriptedHealth, sqliteLocation } from './helpers.js';

const minute = 60_000;
const config = loadConfig({ LEIHS_OPS_CHANNEL: OPS_CHANNEL, LEIHS_MONITOR_INTERVAL: '60s' });

/** A promise the test resolves by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Health whose next check waits until the test lets it finish. */
class StallingHealth extends ScriptedHealth {
  stall?: { opened: Promise<void>; started: () => void };
  override async check(): Promise<HealthReport> {
    const stall = this.stall;
    this.stall = undefined;
    if (stall) {
      stall.started();
      await stall.opened;
    }
    return super.check();
  }
}

/** Slack whose next top-level post waits until the test lets it through. */
class StallingSlack extends RecordingSlack {
  stall?: { opened: Promise<void>; started: () => void };
  constructor() {
    super();
    const post = this.chat.postMessage;
    this.chat.postMessage = async (args: ChatPostMessageArguments) => {
      const stall = this.stall;
      if (stall && !args.thread_ts) {
        this.stall = undefined;
        stall.started();
        await stall.opened;
      }
      return post(args);
    };
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('the health monitor on two replicas', () => {
  it('a replica whose checks outlived its lease does not post a change the replica that took over is posting', async () => {
    const location = sqliteLocation();
    cleanups.push(() => location.cleanUp());
    const clock = new ManualClock('2026-12-04T09:00:00Z');
    const health = new StallingHealth(clock);
    const slack = new StallingSlack();
    const a = createHealthMonitor({ health, store: location.open(clock), slack, config, clock, holderId: 'replica-a' });
    const b = createHealthMonitor({ health, store: location.open(clock), slack, config, clock, holderId: 'replica-b' });
    cleanups.unshift(async () => {
      await a.stop();
      await b.stop();
    });

    await a.tick();
    health.overall = 'down';
    clock.advance(minute);
    await a.tick(); // first bad reading: not confirmed yet

    // A's next checks stall past its lease.
    const aChecks = gate();
    const aStarted = gate();
    health.stall = { opened: aChecks.opened, started: aStarted.open };
    clock.advance(minute);
    const aTick = a.tick();
    await aStarted.opened;
    clock.advance(4 * minute);

    // B takes over, confirms "down" and is in the middle of posting the alert.
    const bPost = gate();
    const bPosting = gate();
    slack.stall = { opened: bPost.opened, started: bPosting.open };
    const bTick = b.tick();
    await bPosting.opened;

    // A's checks finish now; then B's post goes through.
    aChecks.open();
    const aResult = await aTick;
    bPost.open();
    expect(await bTick).toMatchObject({ ran: true, change: { to: 'down' } });
    expect(aResult).toEqual({ ran: false, why: 'not_leader' });
    expect(slack.topLevelPosts()).toHaveLength(1);
  });
});
