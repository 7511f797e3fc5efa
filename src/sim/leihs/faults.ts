/** Fault injection: rules matched on method and path that turn a response into an outage of some kind. */

export interface FaultRule {
  method?: string;
  /** A glob (`*` matches any run of characters, `/` included) on the path without query, or a RegExp. */
  path: string | RegExp;
  status?: number;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  contentType?: string;
  delayMs?: number;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** 200 (or `status`) with a truncated JSON body. */
  malformedJson?: boolean;
  /** The SPA HTML with 200, as when a URL points at the web app. */
  html?: boolean;
  /** Status routes answer 900 with a body saying what is wrong. */
  unhealthy?: boolean;
  /** The service answers like an older instance without it: 503 text. */
  notDeployed?: boolean;
  /** Apply this many times, then drop the rule. */
  times?: number;
}

export interface Faults {
  add(rule: FaultRule): string;
  remove(id: string): boolean;
  clear(): void;
  list(): (FaultRule & { id: string })[];
}

export interface FaultTable extends Faults {
  /** The first live rule for this request; counts one use of it. */
  take(method: string, path: string): FaultRule | undefined;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export function createFaultTable(): FaultTable {
  const rules = new Map<string, { rule: FaultRule; pattern: RegExp; left: number }>();
  let serial = 0;
  return {
    add(rule) {
      const id = `fault-${++serial}`;
      const pattern = typeof rule.path === 'string' ? globToRegExp(rule.path) : rule.path;
      rules.set(id, { rule, pattern, left: rule.times ?? Number.POSITIVE_INFINITY });
      return id;
    },
    remove(id) {
      return rules.delete(id);
    },
    clear() {
      rules.clear();
    },
    list() {
      return [...rules.entries()].map(([id, { rule }]) => ({ ...rule, id }));
    },
    take(method, path) {
      for (const [id, entry] of rules) {
        if (entry.rule.method && entry.rule.method !== '*' && entry.rule.method.toUpperCase() !== method) continue;
        entry.pattern.lastIndex = 0;
        if (!entry.pattern.test(path)) continue;
        entry.left -= 1;
        if (entry.left <= 0) rules.delete(id);
        return entry.rule;
      }
      return undefined;
    },
  };
}

/**
 * Parses the CLI form `METHOD PATH=EFFECT` (method optional): EFFECT is a status (`503`; `900` means unhealthy),
 * `reset`, `html`, `malformedJson`, `notDeployed`, `unhealthy` or `delay:<ms>`.
 */
export function parseFaultSpec(spec: string): FaultRule | undefined {
  const at = spec.lastIndexOf('=');
  if (at <= 0) return undefined;
  const target = spec.slice(0, at).trim();
  const effect = spec.slice(at + 1).trim();
  const parts = target.split(/\s+/);
  const [method, path] = parts.length >= 2 ? [parts[0], parts.slice(1).join(' ')] : [undefined, parts[0]];
  if (!path?.startsWith('/')) return undefined;
  const rule: FaultRule = { path, ...(method && method !== '*' ? { method: method.toUpperCase() } : {}) };
  if (/^\d{3}$/.test(effect)) return effect === '900' ? { ...rule, unhealthy: true } : { ...rule, status: Number(effect) };
  const delay = /^delay:(\d+)$/.exec(effect);
  if (delay) return { ...rule, delayMs: Number(delay[1]) };
  switch (effect) {
    case 'reset':
      return { ...rule, reset: true };
    case 'html':
      return { ...rule, html: true };
    case 'malformedJson':
      return { ...rule, malformedJson: true };
    case 'notDeployed':
      return { ...rule, notDeployed: true };
    case 'unhealthy':
      return { ...rule, unhealthy: true };
    default:
      return undefined;
  }
}
