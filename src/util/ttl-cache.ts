/**
 * A per-process cache with a time to live, single-flight: concurrent callers for the same key share one
 * load, and a failed load is not cached. Time comes from the injected clock.
 */
import type { Clock } from '../clock.js';

interface Entry<V> {
  value?: V;
  expiresAt: number;
  pending?: Promise<V>;
}

export class TtlCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
  ) {}

  /** The cached value if fresh; otherwise one shared call of `load`. */
  get(key: K, load: () => Promise<V>): Promise<V> {
    const now = this.clock.now().getTime();
    const entry = this.entries.get(key);
    if (entry?.pending) return entry.pending;
    if (entry && 'value' in entry && entry.expiresAt > now) return Promise.resolve(entry.value as V);
    const pending = load().then(
      (value) => {
        this.entries.set(key, { value, expiresAt: this.clock.now().getTime() + this.ttlMs });
        this.trim();
        return value;
      },
      (error: unknown) => {
        this.entries.delete(key);
        throw error;
      },
    );
    this.entries.set(key, { expiresAt: 0, pending });
    return pending;
  }

  /** The fresh cached value, without loading. */
  peek(key: K): V | undefined {
    const entry = this.entries.get(key);
    return entry && !entry.pending && entry.expiresAt > this.clock.now().getTime() ? entry.value : undefined;
  }

  delete(key: K): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  private trim(): void {
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) return;
      this.entries.delete(oldest.value);
    }
  }
}
