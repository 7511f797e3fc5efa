// Words the leihs simulator's command line prints; owned by src/sim/leihs/.
export const sim = {
  listening: (url: string) => `leihs simulator listening on ${url}`,
  tokensHeading: 'Demo tokens (send them as "Authorization: Token <token>"):',
  tokenLine: (name: string, token: string) => `  ${name.padEnd(20)} ${token}`,
  faultLine: (spec: string) => `Fault active: ${spec}`,
  controlOn: 'Control endpoints are on: POST/DELETE /__sim/faults, POST /__sim/token-expiry.',
  stopHint: 'Press Ctrl+C to stop.',
  badFault: (spec: string) =>
    `The fault "${spec}" is not understood. Write it as 'METHOD PATH=EFFECT', where EFFECT is a status such as 503, or reset, html, 900, notDeployed, malformedJson or delay:2000.`,
  badNumber: (option: string) => `The option --${option} needs a whole number, such as --${option} 3200.`,
  badOption: (detail: string) => `${detail}. Run with --help to see the options.`,
  usage: [
    'Usage: npm run leihs-sim -- [options]',
    '  --port N           port to listen on (default 3200)',
    '  --seed N           seed for the generated data (default 1)',
    '  --pools N --users N --models N --items N   scale of the generated data',
    '  --latency-ms N --jitter-ms N               delay added to every response',
    "  --fault 'METHOD PATH=EFFECT'               repeatable; EFFECT: 503, 900, reset, html, notDeployed, malformedJson, delay:2000",
    '  --control          serve /__sim/faults and /__sim/token-expiry',
    '  --json             print {"url","tokens"} as the first line of output',
  ].join('\n'),
} as const;
