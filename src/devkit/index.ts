/** The Slack fake and its driver, shared by the local console and the end-to-end tests. */
export { startSlackFake, parseApiBody, FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FAKE_SIGNING_SECRET } from './slack-fake.js';
export type { SlackFake, SlackFakeOptions, SlackFaultRule, ApiCall } from './slack-fake.js';
export { ACK_DEADLINE_MS, signSlackRequest, signedHeaders } from './driver.js';
export type { Delivery, Driver, Interaction, SignedRequest } from './driver.js';
export { API_APP_ID, BOT_ID, BOT_USER_ID, TEAM_ID, Directory, defaultChannels, defaultUsers } from './directory.js';
export type { FakeChannel, FakeUser } from './directory.js';
export { Transcript, WaitTimeoutError, isVisibleTo } from './transcript.js';
export type { SlackMessage, SlackView, TranscriptEvent, Visibility } from './transcript.js';
export { plainMrkdwn, renderBlocks, renderMessage, renderView } from './render.js';
export type { Control, Rendered, RenderOptions } from './render.js';
export { checkMessage, checkView } from './slack-rules.js';
export type { Refusal } from './slack-rules.js';
