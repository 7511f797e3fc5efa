import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_APP_ID, signSlackRequest, signedHeaders, TEAM_ID, type SignedRequest } from '../../src/devkit/index.js';
import { FAKE_SIGNING_SECRET } from '../../src/devkit/slack-fake.js';
import { startStack, type Stack } from './harness.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A /leihs command body as Slack sends it, with a live response_url. */
function commandBody(text = 'find tripod'): string {
  return new URLSearchParams({
    token: 'fake-verification-token',
    team_id: TEAM_ID,
    channel_id: 'C0GENERAL1',
    channel_name: 'general',
    user_id: 'U0ANNA0SC',
    user_name: 'anna.schmid',
    command: '/leihs',
    text,
    api_app_id: API_APP_ID,
    response_url: stack.fake.issueResponseUrl('U0ANNA0SC', 'C0GENERAL1', undefined, true),
    trigger_id: stack.fake.issueTriggerId('U0ANNA0SC'),
  }).toString();
}

function signed(body: string, opts: { secret?: string; timestamp?: number } = {}): SignedRequest {
  const timestamp = opts.timestamp ?? nowSeconds();
  return {
    body,
    contentType: 'application/x-www-form-urlencoded',
    timestamp,
    signature: signSlackRequest(opts.secret ?? FAKE_SIGNING_SECRET, timestamp, body),
  };
}

/** Sends a request and checks that it was refused with 401 and that nothing ran or reached Slack or leihs. */
async function expectRefused(req: SignedRequest): Promise<void> {
  const { fake, dispatched } = stack;
  const before = { dispatched: dispatched(), calls: fake.calls.length, events: fake.transcript.mark() };
  const res = await fetch(stack.endpoint, { method: 'POST', headers: signedHeaders(req), body: req.body });
  expect(res.status).toBe(401);
  expect(dispatched()).toBe(before.dispatched);
  expect(fake.calls.length).toBe(before.calls);
  expect(fake.transcript.mark()).toBe(before.events);
}

describe('requests that did not come from Slack', () => {
  it('a correctly signed request is accepted (the control case)', async () => {
    const req = signed(commandBody());
    const res = await fetch(stack.endpoint, { method: 'POST', headers: signedHeaders(req), body: req.body });
    expect(res.status).toBe(200);
  });

  it('a bad signature is refused with 401 and no listener runs', async () => {
    await expectRefused(signed(commandBody(), { secret: 'someone-elses-secret' }));
  });

  it('a timestamp older than five minutes (a request captured and replayed later) is refused with 401 and no listener runs', async () => {
    await expectRefused(signed(commandBody(), { timestamp: nowSeconds() - 301 }));
  });

  it('a body changed after signing is refused with 401 and no listener runs', async () => {
    const original = signed(commandBody('find tripod'));
    await expectRefused({ ...original, body: original.body.replace('find+tripod', 'group+delete+Fotografie+BA') });
  });

  it('a missing signature is refused with 401 and no listener runs', async () => {
    const req = signed(commandBody());
    const res = await fetch(stack.endpoint, {
      method: 'POST',
      headers: { 'content-type': req.contentType, 'x-slack-request-timestamp': String(req.timestamp) },
      body: req.body,
    });
    expect(res.status).toBe(401);
  });

  it('a request replayed within five minutes is refused with 401', async () => {
    const req = signed(commandBody());
    const first = await fetch(stack.endpoint, { method: 'POST', headers: signedHeaders(req), body: req.body });
    expect(first.status).toBe(200);
    await expectRefused(req);
  });
});
