// Sentences for leihs failures (LeihsError kinds); owned by src/leihs/. Chosen by describeLeihsError().
export const leihs = {
  serviceName: { admin: 'admin', my: 'sign-in (my)', inventory: 'inventory' },
  tokenRejected:
    'leihs rejected the bot’s API token: it has expired, was revoked, or its user is disabled. An admin needs to create a new token in leihs and set it as LEIHS_TOKEN.',
  notAuthenticated:
    'leihs did not accept the bot’s credentials. Check that LEIHS_TOKEN holds a valid leihs API token.',
  forbiddenPool:
    'The bot’s leihs user has no lending or inventory manager role in this pool, so leihs won’t show it. An admin can add the role in leihs admin.',
  forbiddenAdmin:
    'The bot’s leihs user may not do this in leihs admin. It needs to be a leihs admin with a token that has the admin read and write scopes.',
  unhealthy: (service: string) =>
    `leihs reports that its ${service} service is unhealthy right now. Please try again in a few minutes.`,
  unavailable: (service: string) =>
    `leihs (${service}) is not answering properly right now. Please try again in a few minutes.`,
  inventoryNotDeployed:
    'This leihs instance has no inventory service (it is an older leihs), so equipment search is not available here.',
  htmlInsteadOfJson:
    'leihs answered with a web page instead of data. Check that LEIHS_URL is the leihs base address (such as https://leihs.example.org), not a page of the leihs web app.',
  noRoute:
    'leihs did not recognise the request. This leihs version may not support it; please tell whoever runs the bot.',
  conflict: 'leihs refused the change because it clashes with existing data, for example a name that is already taken.',
  invalid: 'leihs did not accept the values that were sent. Check the name and details and try again.',
  notFound: 'leihs could not find that. It may have been deleted or renamed.',
  timeout: 'leihs took too long to answer. Please try again in a moment.',
  network: 'The bot cannot reach leihs at the moment. Please try again shortly; if this persists, check LEIHS_URL.',
  unexpectedField: (field: string) =>
    `leihs answered something the bot did not expect (in the field “${field}”). The bot may need an update for this leihs version.`,
  unexpected: 'leihs answered something the bot did not expect. The bot may need an update for this leihs version.',
} as const;
