// What `npm start` prints in Slack mode; owned by src/main.ts. Each failure is one line naming what to fix.
export const startup = {
  socketMode: (where: string) => `leihs for Slack is connected to Slack in Socket Mode; /healthz and /readyz answer on ${where}.`,
  httpMode: (where: string) => `leihs for Slack is listening on ${where}: Slack events at /slack/events, health at /healthz and /readyz.`,
  /** `where` for a server on every interface (HOST unset). */
  allInterfaces: (port: number) => `port ${port} (all interfaces)`,
  stopped: 'leihs for Slack stopped.',
  stopFailed: (reason: string) => `leihs for Slack stopped, but not cleanly (${reason})`,
  signingSecretMissing: 'SLACK_SIGNING_SECRET must be set in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
  leihsUrlMissing: 'LEIHS_URL must be set to your leihs base URL, such as https://leihs.example.org',
  leihsTokenMissing: 'LEIHS_TOKEN must be set to the API token of the bot’s leihs user when LEIHS_URL is set',
  authTestFailed: 'SLACK_BOT_TOKEN did not identify a bot user (auth.test); set SLACK_BOT_ID and SLACK_BOT_USER_ID or check the token',
  /** Slack answered the call but refused the token (invalid_auth, not_authed, account_inactive, …). */
  tokenRefused: (variable: string, error: string) => `${variable} was refused by Slack (${error}); copy it again from the app settings`,
  /** SLACK_API_URL (or Slack's default) answered, but not as the Web API does. */
  apiUrlWrong: (url: string, status: number) =>
    `SLACK_API_URL ${url} answered HTTP ${status}; it must be the Web API base ending in /api/, such as https://slack.com/api/`,
  apiUnreachable: (url: string, reason: string, fromEnv: boolean) =>
    fromEnv
      ? `SLACK_API_URL ${url} could not be reached (${reason}); check the URL`
      : `Slack's Web API (${url}) could not be reached (${reason}); check the network or set SLACK_API_URL`,
  portInUse: (port: number) => `PORT ${port} is already in use; stop what listens there or choose another port`,
  portRefused: (port: number, reason: string) => `PORT ${port} could not be opened (${reason}); choose a port above 1023`,
  hostRefused: (host: string, reason: string) => `HOST ${host} cannot be listened on (${reason}); use an address of this machine, such as 127.0.0.1`,
  storeFailed: (variable: 'DATABASE_URL' | 'DATA_DIR', reason: string) =>
    variable === 'DATABASE_URL'
      ? `DATABASE_URL: the PostgreSQL store could not be opened (${reason})`
      : `DATA_DIR: the SQLite store could not be opened there (${reason}); make the folder writable or choose another`,
  failed: 'leihs for Slack could not start',
} as const;
