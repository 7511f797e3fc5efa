import { describe, expect, it, vi } from 'vitest';
import { groupChangeSubmitted } from '../../src/listeners/views/group-change-submitted.js';
import { actionIds, blockIds } from '../../src/listeners/ids.js';
import { leihsWebUrl } from '../../src/services/leihs-reader-client.js';
import { fakeClient, fakeDeps, fakeLogger, ids } from './fakes.js';

type SubmittedArgs = Parameters<ReturnType<typeof groupChangeSubmitted>>[0];

describe('direct messages from the app', () => {
  it('answer a group change modal in the DM channel Slack opens for the user', async () => {
    const { deps } = fakeDeps();
    const client = fakeClient();
    const values = {
      [blockIds.groupChangeAction]: { [actionIds.groupChangeActionSelect]: { selected_option: { value: 'delete' } } },
      [blockIds.groupChangeGroup]: { [actionIds.groupChangeGroupInput]: { value: 'Film MA' } },
    };
    const args = { ack: vi.fn(async () => {}), client, logger: fakeLogger(), body: { user: { id: ids.user, team_id: ids.team } }, view: { state: { values } } };
    await groupChangeSubmitted(deps)(args as unknown as SubmittedArgs);
    expect(client.conversations.open).toHaveBeenCalledWith({ users: ids.user });
    const post = client.chat.postMessage.mock.calls[0] as unknown as [{ channel: string }];
    expect(post[0].channel).toBe('D0123ABCD');
  });
});

describe('leihs web address', () => {
  it('is the leihs client’s base URL without a trailing slash', () => {
    expect(leihsWebUrl({ baseUrl: 'https://leihs.example//' })).toBe('https://leihs.example');
  });
});
