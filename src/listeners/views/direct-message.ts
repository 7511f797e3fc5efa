/**
 * Sending a person a direct message from the app: the one way every listener does it. `conversations.open`
 * (scope im:write) gives the DM channel, which Slack documents; posting to a bare user id is not relied on.
 */
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';

export async function sendDirectMessage(client: WebClient, userId: string, message: { text: string; blocks?: KnownBlock[] }): Promise<void> {
  const dm = await client.conversations.open({ users: userId });
  const channel = dm.channel?.id ?? userId;
  await client.chat.postMessage({ channel, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
}
