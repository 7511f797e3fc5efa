/**
 * Entry point (`npm start`): reads the configuration, then runs the app in Slack (Socket Mode or HTTP)
 * or, without Slack credentials, the local console — against the built-in demo leihs when LEIHS_URL is unset.
 */
import { WebClient } from '@slack/web-api';
import { ConfigError, loadConfig, readDotEnv, type Config } from './config.js';
import { consoleConfig, runConsole } from './console/index.js';
import { messages } from './messages/index.js';
import { composeRuntime, type Runtime } from './runtime.js';
import { startLeihsSimulator } from './sim/leihs/index.js';

async function main(): Promise<void> {
  readDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  if (config.mode === 'console') await runLocalConsole(config);
  else await runInSlack(config);
}

async function runLocalConsole(config: Config): Promise<void> {
  const simulator = config.leihs.url ? undefined : await startLeihsSimulator();
  const leihs = simulator
    ? { url: simulator.url, token: simulator.tokens.admin }
    : { url: config.leihs.url ?? '', token: config.leihs.token ?? '' };
  const runtimes: Runtime[] = [];
  try {
    await runConsole({
      createApp: async (slack) => {
        const runtime = await composeRuntime(consoleConfig(config, leihs), slack);
        runtimes.push(runtime);
        runtime.startBackground();
        return runtime.app;
      },
      input: process.stdin,
      output: process.stdout,
      leihs: { url: leihs.url, simulated: simulator !== undefined },
    });
  } finally {
    for (const runtime of runtimes) await runtime.close();
    await simulator?.close();
  }
}

async function runInSlack(config: Config): Promise<void> {
  const botToken = config.slack.botToken ?? '';
  const ids = await botIds(config, botToken);
  const runtime = await composeRuntime(config, {
    botToken,
    ...ids,
    ...(config.slack.apiUrl ? { slackApiUrl: `${config.slack.apiUrl}/` } : {}),
  });
  await runtime.app.start();
  runtime.startBackground();
  const how = config.mode === 'socket' ? messages.startup.socketMode : messages.startup.httpMode(config.slack.port);
  process.stdout.write(`${how}\n`);
  const stop = async () => {
    await runtime.app.stop().catch(() => undefined);
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** SLACK_BOT_ID / SLACK_BOT_USER_ID, or one auth.test at start (so Bolt never calls it per request). */
async function botIds(config: Config, botToken: string): Promise<{ botId: string; botUserId: string }> {
  if (config.slack.botId && config.slack.botUserId) return { botId: config.slack.botId, botUserId: config.slack.botUserId };
  const client = new WebClient(botToken, config.slack.apiUrl ? { slackApiUrl: `${config.slack.apiUrl}/` } : {});
  const auth = await client.auth.test();
  if (!auth.bot_id || !auth.user_id) throw new ConfigError(messages.startup.authTestFailed);
  return { botId: auth.bot_id, botUserId: auth.user_id };
}

main().catch((error: unknown) => {
  const text = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${messages.startup.failed}: ${text}\n`);
  process.exit(1);
});
