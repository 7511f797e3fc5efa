// What `npm start` prints in Slack mode; owned by src/main.ts.
export const startup = {
  socketMode: 'leihs for Slack is running in Socket Mode. /healthz and /readyz answer on PORT.',
  httpMode: (port: number) => `leihs for Slack is listening on port ${port}: Slack events at /slack/events, health at /healthz and /readyz.`,
  authTestFailed: 'SLACK_BOT_TOKEN did not identify a bot user (auth.test); set SLACK_BOT_ID and SLACK_BOT_USER_ID or check the token',
  failed: 'leihs for Slack could not start',
} as const;
