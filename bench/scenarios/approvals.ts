/**
 * approvals, through the whole app (signed HTTP, Bolt, the approval flow, the SQLite store, leihs):
 * - 100 approve clicks at once on one request, from three managers: exactly one execution, counted in
 *   the store's audit and in leihs's groups.
 * - 200 requests approved one after another: decisions per second, each click timed until the
 *   approval message is updated.
 * Requests are opened beforehand with `/leihs group create "…"` from Anna and are not timed.
 */
import { performance } from 'node:perf_hooks';
import { actionIds } from '../../src/listeners/ids.js';
import { collect } from '../../src/leihs/index.js';
import type { BenchOptions, Row } from '../lib/report.js';
import { startLeihsApp, type LeihsApp } from '../lib/apps.js';
import type { SimProcess } from '../lib/sim-process.js';
import { buttonClickBody, SignedSender, slashCommandBody, type ApiCall } from '../lib/slack.js';
import { spread } from '../lib/stats.js';

const REQUESTER = 'U0ANNA0SC';
/** Ruth (admin), Marco (lending manager) and Lena (inventory manager) may all approve. */
const APPROVERS = ['U0RUTH0KE', 'U0MARCO0B', 'U0LENA0HU'];
const stepTimeoutMs = 15_000;

interface OpenRequest {
  id: string;
  name: string;
  blockId: string;
  channel: string;
  ts: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null;

/** The Approve button in a posted approval message, if this call posted one. */
function approveButton(call: ApiCall): { value: string; blockId: string } | undefined {
  if (call.method !== 'chat.postMessage' || !Array.isArray(call.body.blocks)) return undefined;
  for (const block of call.body.blocks) {
    if (!isObject(block) || !Array.isArray(block.elements)) continue;
    for (const el of block.elements) {
      if (isObject(el) && el.action_id === actionIds.approveRequest && typeof el.value === 'string') {
        return { value: el.value, blockId: String(block.block_id ?? '') };
      }
    }
  }
  return undefined;
}

class ApprovalDriver {
  private seq = 0;
  constructor(
    readonly app: LeihsApp,
    private readonly sender: SignedSender,
    private readonly tag: string,
  ) {}

  /** Opens one group-create request as Anna and returns its approval message. */
  async open(): Promise<OpenRequest> {
    const name = `Bench ${this.tag} ${++this.seq}`;
    const responseId = `open-${this.tag}-${this.seq}`;
    const since = this.app.slack.apiCalls.length;
    const sent = await this.sender.post(slashCommandBody(`group create "${name}"`, responseId, REQUESTER));
    if (sent.status !== 200) throw new Error(`opening a request was answered ${sent.status}`);
    const answer = await this.app.slack.firstResponse(responseId, stepTimeoutMs);
    const posted = this.app.slack.apiCalls.slice(since).find((call) => approveButton(call));
    const button = posted && approveButton(posted);
    if (!posted || !button) throw new Error(`no approval message was posted for "${name}": ${JSON.stringify(answer.body).slice(0, 300)}`);
    return { id: button.value, name, blockId: button.blockId, channel: String(posted.reply.channel), ts: String(posted.reply.ts) };
  }

  click(request: OpenRequest, userId: string) {
    const responseId = `click-${request.id}-${++this.seq}`;
    return this.sender.post(
      buttonClickBody({ userId, actionId: actionIds.approveRequest, blockId: request.blockId, value: request.id, channelId: request.channel, messageTs: request.ts, responseId }),
    );
  }

  /** Resolves when the approval message of `request` has been updated (the decision is made). */
  decided(request: OpenRequest): Promise<ApiCall> {
    const calls = this.app.slack.apiCalls;
    let from = 0;
    return this.app.slack.waitFor(
      () => {
        for (; from < calls.length; from++) {
          const call = calls[from];
          if (call?.method === 'chat.update' && call.body.ts === request.ts) return call;
        }
        return undefined;
      },
      stepTimeoutMs,
      `the decision on ${request.id}`,
    );
  }

  /** Executions of a request: `approved`/`failed` audit events, and groups of its name in leihs. */
  async executions(request: OpenRequest): Promise<{ audited: number; groups: number }> {
    const store = this.app.deps.store;
    const audit = store ? await store.listAudit({ requestId: request.id, limit: 1000 }) : [];
    const groups = await collect(this.app.deps.leihs.admin.groups({ term: request.name, perPage: 100 }));
    return {
      audited: audit.filter((e) => e.outcome === 'approved' || e.outcome === 'failed').length,
      groups: groups.filter((g) => g.name === request.name).length,
    };
  }
}

export async function approvalsScenario(sim: SimProcess, options: BenchOptions): Promise<Row[]> {
  const runs = options.runs;
  const clicks = options.quick ? 30 : 100;
  const inARow = options.quick ? 20 : 200;
  const app = await startLeihsApp({ leihsUrl: sim.url, leihsToken: sim.adminToken });
  const sender = new SignedSender(app.endpoint, undefined, clicks);
  const fig = { executions: [] as number[], groups: [] as number[], storm: [] as number[], perSecond: [] as number[], perDecision: [] as number[] };
  try {
    for (let run = 0; run < runs; run++) {
      const driver = new ApprovalDriver(app, sender, `r${run}`);
      // 100 clicks at once on one request.
      const one = await driver.open();
      const decided = driver.decided(one);
      const started = performance.now();
      const acks = await Promise.all(Array.from({ length: clicks }, (_, i) => driver.click(one, APPROVERS[i % APPROVERS.length] as string)));
      await decided;
      fig.storm.push(performance.now() - started);
      const counted = await driver.executions(one);
      fig.executions.push(counted.audited);
      fig.groups.push(counted.groups);
      if (acks.some((a) => a.status !== 200)) options.log(`  approvals: ${acks.filter((a) => a.status !== 200).length} clicks not acked with 200`);

      // Many requests approved one after another.
      const requests: OpenRequest[] = [];
      for (let i = 0; i < inARow; i++) requests.push(await driver.open());
      const times: number[] = [];
      const rowStarted = performance.now();
      for (const [i, request] of requests.entries()) {
        const done = driver.decided(request);
        const clickStarted = performance.now();
        await driver.click(request, APPROVERS[i % APPROVERS.length] as string);
        await done;
        times.push(performance.now() - clickStarted);
      }
      const seconds = (performance.now() - rowStarted) / 1000;
      fig.perSecond.push(inARow / seconds);
      fig.perDecision.push(times.reduce((a, b) => a + b, 0) / times.length);
      app.slack.reset();
      options.log(`  approvals run ${run + 1}/${runs}: ${counted.audited} execution(s) from ${clicks} clicks, ${fig.perSecond.at(-1)?.toFixed(1)} decisions/s`);
    }
  } finally {
    await sender.close();
    await app.close();
  }
  const executions = spread(fig.executions);
  const groups = spread(fig.groups);
  return [
    { scenario: 'approvals', figure: `executions from ${clicks} clicks at once (store audit)`, unit: 'count', ours: executions, goal: 'exactly 1', met: executions.min === 1 && executions.max === 1 },
    { scenario: 'approvals', figure: 'groups created in leihs by those clicks', unit: 'count', ours: groups, goal: 'exactly 1', met: groups.min === 1 && groups.max === 1 },
    { scenario: 'approvals', figure: `${clicks} clicks → decision shown`, unit: 'ms', ours: spread(fig.storm) },
    { scenario: 'approvals', figure: `${inARow} requests approved in a row`, unit: 'decisions/s', ours: spread(fig.perSecond) },
    { scenario: 'approvals', figure: 'one approval, click → message updated', unit: 'ms', ours: spread(fig.perDecision) },
  ];
}
