// Words of ops on call: /leihs status, the health monitor's alerts, token expiry warnings, App Home. Owned by ops.
// Times arrive already formatted (Slack date tokens or date-fns durations); sentences here only place them.

const overallTitle = {
  ok: 'leihs is healthy',
  degraded: 'leihs is degraded',
  down: 'leihs is down',
} as const;

const overallEmoji = { ok: ':large_green_circle:', degraded: ':large_yellow_circle:', down: ':red_circle:' } as const;

export const ops = {
  overallTitle,
  overallEmoji,
  statusFallback: (title: string) => `Status: ${title}`,
  checking: 'Checking leihs and the bot…',

  services: {
    admin: 'Admin',
    inventory: 'Inventory',
    my: 'My (sign-in)',
  },
  serviceHeading: '*leihs services*',
  serviceLine: (emoji: string, label: string, what: string, time: string) => `${emoji} *${label}*: ${what} · ${time}`,
  serviceState: {
    up: 'up',
    unhealthy: (problems: string) => `unhealthy (status 900): ${problems}`,
    notDeployed: 'not deployed on this leihs (an older instance)',
    unreachable: (reason: string) => `unreachable: ${reason}`,
    slow: (deadline: string) => `slow: no answer within ${deadline}`,
  },
  serviceEmoji: {
    up: ':white_check_mark:',
    unhealthy: ':warning:',
    not_deployed: ':heavy_minus_sign:',
    unreachable: ':x:',
    slow: ':turtle:',
  },
  problems: {
    memory: (percent: number) => `memory ${percent} % used`,
    checkFailing: (name: string, message?: string) => (message ? `${name} failing (${message})` : `${name} failing`),
    unknown: 'its health checks did not say why',
    separator: '; ',
  },
  unreachableReason: {
    refused: 'connection refused',
    network: 'no connection',
    other: 'unexpected answer',
  },
  milliseconds: (ms: number) => `${ms} ms`,
  seconds: (s: number) => `${s} s`,

  tokenHeading: '*The bot’s leihs token*',
  token: {
    valid: (name: string, email: string) => `:white_check_mark: Valid, belongs to ${name} (${email})`,
    admin: 'admin',
    notAdmin: 'not admin: it cannot read what only admins may (all pools, its own token list)',
    adminWithoutScopes: 'admin, but the token lacks the admin scopes',
    scopes: (list: string) => `scopes: ${list}`,
    noScopes: 'no scopes',
    scopeNames: {
      read: 'read',
      write: 'write',
      admin_read: 'admin read',
      admin_write: 'admin write',
      system_admin_read: 'system admin read',
      system_admin_write: 'system admin write',
    },
    searches: (count: number, pools: string) => `Can search ${count} ${count === 1 ? 'pool' : 'pools'}: ${pools}`,
    searchesNone: 'Can search no pool: give the bot’s leihs user a lending or inventory manager role in each pool',
    lacksRole: (pools: string) => `No role in ${pools}: equipment there is not found`,
    poolsUnknown: 'Could not list the pools.',
    expiresIn: (distance: string, date: string) => `expires in ${distance} (${date})`,
    expiresInFromConfig: (distance: string, date: string) => `expires in ${distance} (${date}, from LEIHS_TOKEN_EXPIRES_AT)`,
    expired: (date: string) => `expired ${date}`,
    expiryUnknown: 'expiry unknown: leihs did not tell, set LEIHS_TOKEN_EXPIRES_AT to be warned',
    rejected:
      ':x: leihs rejects the token: it is wrong or expired, or its user is disabled. Create a new token for the bot’s leihs user and set LEIHS_TOKEN.',
    notChecked: (reason: string) => `:grey_question: Not checked: ${reason}`,
    notCheckedReason: {
      unreachable: 'the my service did not answer',
      slow: 'the my service did not answer in time',
      not_deployed: 'the my service is not deployed',
      unexpected: 'the my service answered something unexpected',
    },
  },

  botHeading: '*This bot*',
  bot: {
    version: (version: string) => `version ${version}`,
    uptime: (duration: string) => `up ${duration}`,
    mode: { socket: 'Socket Mode', http: 'HTTP', console: 'local console' } as const,
    store: (engine: string, answers: boolean) => (answers ? `store ${engine} answers` : `:x: store ${engine} does not answer`),
    noStore: 'no store',
    pending: (count: number) => (count === 1 ? '1 pending approval request' : `${count} pending approval requests`),
    lastRun: (when: string) => `last monitor run ${when}`,
    neverRun: 'the monitor has not run yet',
  },

  timingsHeading: 'Timings',
  timing: (label: string, time: string) => `${label} ${time}`,
  timingLabels: {
    pools: 'pools',
    tokenList: 'token list',
    store: 'store',
    total: 'total',
  },
  checkedAt: (when: string) => `Checked ${when}`,

  buttons: {
    share: 'Share in channel',
    testAlert: 'Send test alert',
    refresh: 'Refresh',
    findEquipment: 'Find equipment',
    requestGroupChange: 'Request group change',
  },
  sharedBy: (userId: string) => `Shared by <@${userId}>`,

  alert: {
    opened: (title: string, since: string) => `${title} since ${since}`,
    changed: (title: string, since: string, incidentStart: string) => `${title} since ${since} (incident began ${incidentStart})`,
    resolved: (duration: string, from: string, to: string) => `Resolved: leihs was unwell for ${duration} (${from} to ${to})`,
    resolvedTitle: 'leihs has recovered',
    mention: (mention: string) => `${mention} leihs is down.`,
    timelineChange: (when: string, title: string) => `${when}: ${title}`,
    recovered: (when: string, duration: string) => `${when}: recovered after ${duration}`,
    whatFailed: '*What failed*',
    tokenWarning: (distance: string, date: string, who: string) =>
      `:warning: The bot’s leihs token expires in ${distance} (${date}). Create a new token for ${who} in leihs admin and set LEIHS_TOKEN.`,
    tokenWarningWhoUnknown: 'the bot’s leihs user',
    testAlert: (userId: string) =>
      `:white_check_mark: Test alert from leihs for Slack, sent by <@${userId}>. If you can read this, alerts reach this channel.`,
  },
  testAlert: {
    sent: (channel: string) => `Test alert sent to <#${channel}>. Check that it arrived.`,
    noChannel: 'No ops channel is set up: set LEIHS_OPS_CHANNEL to the channel id of #leihs-ops and restart the bot.',
    notInChannel: (channel: string) => `The bot is not in <#${channel}>: invite it with /invite @leihs, then try again.`,
    failed: (channel: string, error: string) => `The test alert could not be posted to <#${channel}> (Slack said: ${error}).`,
    notAllowed: 'Only leihs admins, the people on LEIHS_APPROVERS and the on-call person in LEIHS_OPS_MENTION can send a test alert.',
  },

  home: {
    healthHeading: 'leihs health',
    lastChecked: (when: string) => `Last checked ${when} by the health monitor.`,
    notChecked: 'The health monitor has not run yet. Use /leihs status for a fresh check.',
    youHeading: 'You in leihs',
    you: (name: string, email: string) => `Signed in to leihs as *${name}* (${email}).`,
    notLinked: (email: string) => `Your Slack email ${email} has no leihs account, so the bot cannot act for you. Ask a leihs admin.`,
    notLinkedNoEmail: 'Slack did not tell the bot your email, so it cannot find you in leihs.',
    identityUnknown: 'Could not look you up in leihs just now. Try Refresh in a moment.',
    approvalsHeading: (count: number) => `Requests waiting for your decision (${count})`,
    noApprovals: 'Nothing is waiting for your decision.',
    moreApprovalsPlain: (count: number) => `${count} more: use /leihs requests to see them all.`,
    quickActionsHeading: 'Quick actions',
    help: 'Type `/leihs help` for every command. `/leihs find tripod` finds equipment, `/leihs status` checks leihs and this bot.',
  },
} as const;
