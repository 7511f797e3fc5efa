/** `npm run leihs-sim -- --port 3200`: starts the simulator, prints its URL and tokens, runs until stopped. */
import { parseArgs } from 'node:util';
import { messages } from '../../messages/index.js';
import { parseFaultSpec, startLeihsSimulator, type FaultRule } from './index.js';

const words = messages.sim;

function fatal(message: string): never {
  console.error(message);
  process.exit(2);
}

function wholeNumber(values: Record<string, unknown>, option: string): number | undefined {
  const value = values[option];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) fatal(words.badNumber(option));
  return Number(value);
}

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    fatal(words.badOption(error instanceof Error ? error.message : String(error)));
  }
  const { values } = parsed;
  if (values.help) {
    console.log(words.usage);
    return;
  }
  const faults: FaultRule[] = (values.fault ?? []).map((spec) => parseFaultSpec(spec) ?? fatal(words.badFault(spec)));
  const sim = await startLeihsSimulator({
    port: wholeNumber(values, 'port') ?? 3200,
    seed: wholeNumber(values, 'seed'),
    pools: wholeNumber(values, 'pools'),
    users: wholeNumber(values, 'users'),
    models: wholeNumber(values, 'models'),
    items: wholeNumber(values, 'items'),
    latencyMs: wholeNumber(values, 'latency-ms'),
    jitterMs: wholeNumber(values, 'jitter-ms'),
    control: values.control === true,
  });
  for (const rule of faults) sim.faults.add(rule);

  if (values.json) {
    console.log(JSON.stringify({ url: sim.url, tokens: sim.tokens }));
  } else {
    console.log(words.listening(sim.url));
    console.log(words.tokensHeading);
    for (const [name, token] of Object.entries(sim.tokens)) console.log(words.tokenLine(name, token));
    for (const spec of values.fault ?? []) console.log(words.faultLine(spec));
    if (values.control) console.log(words.controlOn);
    console.log(words.stopHint);
  }

  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function parse() {
  return parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      pools: { type: 'string' },
      users: { type: 'string' },
      models: { type: 'string' },
      items: { type: 'string' },
      'latency-ms': { type: 'string' },
      'jitter-ms': { type: 'string' },
      fault: { type: 'string', multiple: true },
      control: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
}

void main();
