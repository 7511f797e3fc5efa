import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createHealthMonitor, type HealthMonitor } from '../../src/ops/monitor.js';
import { readMonitorState } from '../../src/ops/monitor-state.js';
import type { Store } from '../../src/store/store.js';
import { OPS_CHANNEL, RecordingSlack, ScriptedHealth, sqliteLocation } from './helpers.js';

const minute = 60_000;
const day = 86_400_000;
const config = loadConfig({ LEIHS_OPS_CHANNEL: OPS_CHANNEL, LEIHS_OPS_MENTION: 'S0ONCALL1', LEIHS_MONITOR_INTERVAL: '60s' });

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function setUp() {
  const location = sqliteLocation();
  cleanups.push(() => location.cleanUp());
  const clock = new ManualClock('2026-12-04T09:00:00Z');
  const health = new ScriptedHealth(clock);
  const slack = new RecordingSlack();
  const monitors: HealthMonitor[] = [];
  const newMonitor = (holderId = 'replica-a', store: Store = location.open(clock)) => {
    const monitor = createHealthMonitor({ health, store, slack, config, clock, holderId });
    monitors.push(monitor);
    return { monitor, store };
  };
  cleanups.unshift(async () => {
    for (const m of monitors) await m.stop();
  });
  /** One tick per minute with the given overall states. */
  const runMinutes = async (monitor: HealthMonitor, states: ('ok' | 'degraded' | 'down')[]) => {
    for (const state of states) {
      health.overall = state;
      await monitor.tick();
      clock.advance(minute);
    }
  };
  return { location, clock, health, slack, newMonitor, runMinutes };
}

describe('the health monitor', () => {
  it('posts one incident when leihs goes down, mentioning on-call, and threads the timeline', async () => {
    const { slack, newMonitor, runMinutes } = setUp();
    const { monitor } = newMonitor();
    await runMinutes(monitor, ['ok', 'down', 'down', 'down', 'down']);
    expect(slack.topLevelPosts()).toHaveLength(1);
    const [post] = slack.topLevelPosts();
    expect(post?.args.channel).toBe(OPS_CHANNEL);
    expect(post?.args.text).toContain('<!subteam^S0ONCALL1>');
    expect(JSON.stringify(post?.args.blocks)).toContain('connection refused');
    expect(slack.calls.filter((c) => c.method === 'chat.update')).toHaveLength(0);
    expect(slack.calls).toHaveLength(2); // the incident and its first timeline reply
  });

  it('moves ok → degraded → down → ok with one post, edits of that message, and says how long it lasted', async () => {
    const { slack, newMonitor, runMinutes } = setUp();
    const { monitor } = newMonitor();
    await runMinutes(monitor, ['ok', 'degraded', 'degraded', 'down', 'down', 'down', 'ok', 'ok', 'ok']);
    const top = slack.topLevelPosts();
    expect(top).toHaveLength(1);
    const incidentTs = top[0]?.method === 'chat.postMessage' ? top[0].ts : '';
    const updates = slack.calls.filter((c) => c.method === 'chat.update');
    expect(updates.map((u) => u.args.ts)).toEqual([incidentTs, incidentTs]);
    expect(updates.at(-1)?.args.text).toContain('recovered');
    const recovery = slack.calls.at(-1);
    expect(recovery?.method).toBe('chat.postMessage');
    expect(recovery?.args.text).toContain('recovered after 5 minutes');
    // degraded → down is broadcast to the channel with the mention
    const downReply = slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts && c.args.text?.includes('<!subteam^S0ONCALL1>'));
    expect(downReply?.args).toMatchObject({ reply_broadcast: true, thread_ts: incidentTs });
  });

  it('does not alert on a flap shorter than two intervals', async () => {
    const { slack, newMonitor, runMinutes } = setUp();
    const { monitor } = newMonitor();
    await runMinutes(monitor, ['ok', 'down', 'ok', 'ok', 'degraded', 'ok', 'down', 'ok']);
    expect(slack.calls).toEqual([]);
  });

  it('does not alert again after a restart, and the restarted monitor edits the same incident on recovery', async () => {
    const { slack, clock, newMonitor, runMinutes } = setUp();
    const first = newMonitor('replica-a');
    await runMinutes(first.monitor, ['down', 'down', 'down']);
    await first.monitor.stop();
    expect(slack.topLevelPosts()).toHaveLength(1);

    const restarted = newMonitor('replica-a');
    await runMinutes(restarted.monitor, ['down', 'down', 'down']);
    expect(slack.topLevelPosts()).toHaveLength(1);
    await runMinutes(restarted.monitor, ['ok', 'ok']);
    const update = slack.calls.find((c) => c.method === 'chat.update');
    const incident = slack.topLevelPosts()[0];
    expect(update?.args.ts).toBe(incident?.method === 'chat.postMessage' ? incident.ts : 'none');
    expect(clock.now().toISOString()).toBe('2026-12-04T09:08:00.000Z');
  });

  it('runs on one replica only: a second instance skips while the first holds the lease, and takes over when it stops', async () => {
    const { slack, newMonitor, location, clock } = setUp();
    const a = newMonitor('replica-a');
    const b = newMonitor('replica-b', location.open(clock));
    expect(await a.monitor.tick()).toMatchObject({ ran: true });
    expect(await b.monitor.tick()).toEqual({ ran: false, why: 'not_leader' });
    clock.advance(minute);
    expect(await a.monitor.tick()).toMatchObject({ ran: true });
    expect(await b.monitor.tick()).toEqual({ ran: false, why: 'not_leader' });
    await a.monitor.stop();
    expect(await b.monitor.tick()).toMatchObject({ ran: true });
    expect(slack.calls).toEqual([]);
  });

  it('logs a first timeline reply that cannot be posted, and keeps the incident it belongs to', async () => {
    const { slack, clock, health, location, runMinutes } = setUp();
    const warnings: string[] = [];
    const store = location.open(clock);
    const monitor = createHealthMonitor({ health, store, slack, config, clock, holderId: 'replica-a', logger: { info: () => {}, warn: (m) => warnings.push(m) } });
    cleanups.unshift(() => monitor.stop());
    const post = slack.chat.postMessage;
    slack.chat.postMessage = async (args) => {
      if (args.thread_ts) throw Object.assign(new Error('An API error occurred: ratelimited'), { data: { ok: false, error: 'ratelimited' } });
      return post(args);
    };
    await runMinutes(monitor, ['ok', 'down', 'down']);
    expect(slack.topLevelPosts()).toHaveLength(1);
    expect(warnings).toEqual(['health monitor: could not post the first timeline entry: ratelimited']);
    expect((await readMonitorState(store)).incident).toMatchObject({ confirmed: 'down', incident: { channel: OPS_CHANNEL } });
  });

  it('keeps the state when the alert cannot be posted, and posts it on the next run', async () => {
    const { slack, newMonitor, runMinutes } = setUp();
    const { monitor, store } = newMonitor();
    await runMinutes(monitor, ['down']);
    slack.failNext = 'not_in_channel';
    await runMinutes(monitor, ['down']);
    expect(slack.calls).toEqual([]);
    expect((await readMonitorState(store)).incident.confirmed).toBe('ok');
    await runMinutes(monitor, ['down']);
    expect(slack.topLevelPosts()).toHaveLength(1);
    expect((await readMonitorState(store)).incident).toMatchObject({ confirmed: 'down', incident: { channel: OPS_CHANNEL } });
  });

  it('warns about the token at 14, 3 and 1 days, once each, also across a restart', async () => {
    const { slack, clock, health, newMonitor } = setUp();
    health.tokenExpiresAt = new Date(clock.now().getTime() + 15 * day);
    let { monitor } = newMonitor();
    for (let d = 0; d < 16; d++) {
      if (d === 8) {
        await monitor.stop();
        ({ monitor } = newMonitor());
      }
      await monitor.tick();
      clock.advance(day);
    }
    const warnings = slack.calls.filter((c) => c.args.text?.includes('token expires'));
    expect(warnings.map((w) => w.args.text?.match(/expires in ([^(]+) \(/)?.[1])).toEqual(['14 days', '3 days', '1 day']);
  });

  it('records the last run in the store for App Home and /readyz', async () => {
    const { clock, newMonitor } = setUp();
    const { monitor, store } = newMonitor();
    await monitor.tick();
    const state = await readMonitorState(store);
    expect(state.lastRun).toMatchObject({ at: clock.now().toISOString(), overall: 'ok' });
    expect(state.lastRun?.services.map((s) => s.state)).toEqual(['up', 'up', 'up']);
  });
});
