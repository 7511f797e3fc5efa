/** The shared engine: PostgreSQL via `pg`, for several replicas. Migrations run under an advisory lock. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Clock } from '../clock.js';
import { postgresMigrations } from './migrations.js';
import { auditFromRow, requestFromRow, type ColumnCodec } from './rows.js';
import {
  asStatusList,
  newRequestId,
  type AuditEvent,
  type JsonValue,
  type ListRequestsQuery,
  type NewAuditEvent,
  type NewRequest,
  type RequestPatch,
  type RequestStatus,
  type Store,
  type StoredRequest,
  type TransitionOptions,
} from './store.js';

const codec: ColumnCodec = {
  date: (value) => (value instanceof Date ? value : new Date(String(value))),
  json: (value) => value as JsonValue,
};

/** Any fixed number: the key of the advisory lock that serialises migrations across replicas. */
const migrationLockKey = 7_345_001;

type Row = Record<string, unknown>;

export interface PostgresStoreOptions {
  databaseUrl: string;
  /** A schema to work in (created if missing); tests use a fresh one each. Default: the URL's search_path. */
  schema?: string;
  clock: Clock;
  maxConnections?: number;
}

export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new Error('The PostgreSQL schema name must be lower-case letters, digits and underscores.');
  }
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    if (options.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    await migrate(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStore(pool, options.clock);
}

async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [migrationLockKey]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => Number(row.version)));
    for (const migration of postgresMigrations) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const json = (value: JsonValue | undefined): string | null => (value === undefined ? null : JSON.stringify(value));

class PostgresStore implements Store {
  readonly engine = 'postgres' as const;

  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock,
  ) {}

  private async rows(sql: string, values: unknown[] = []): Promise<Row[]> {
    const result = await this.pool.query(sql, values);
    return result.rows as Row[];
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  async createRequest(request: NewRequest): Promise<StoredRequest> {
    const [row] = await this.rows(
      `INSERT INTO requests (id, action, params, status, requester_slack_user_id, requester_email, requester_leihs_user_id,
         request_channel, created_at, expires_at, updated_at)
       VALUES ($1, $2, $3, 'pending', $4, $5, $6, $7, $8, $9, $8) RETURNING *`,
      [
        newRequestId(randomBytes),
        request.action,
        json(request.params),
        request.requester.slackUserId,
        request.requester.email ?? null,
        request.requester.leihsUserId ?? null,
        request.requestChannel ?? null,
        request.createdAt,
        request.expiresAt,
      ],
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return requestFromRow(row, codec);
  }

  async getRequest(id: string): Promise<StoredRequest | undefined> {
    const [row] = await this.rows('SELECT * FROM requests WHERE id = $1', [id]);
    return row ? requestFromRow(row, codec) : undefined;
  }

  async setApprovalMessage(id: string, channel: string, messageTs: string): Promise<void> {
    await this.pool.query('UPDATE requests SET approval_channel = $1, approval_message_ts = $2 WHERE id = $3', [channel, messageTs, id]);
  }

  async transition(
    id: string,
    from: RequestStatus | readonly RequestStatus[],
    to: RequestStatus,
    patch: RequestPatch,
    options: TransitionOptions = {},
  ): Promise<StoredRequest | undefined> {
    const values: unknown[] = [];
    const param = (value: unknown): string => {
      values.push(value);
      return `$${values.length}`;
    };
    const sets = [`status = ${param(to)}`, `updated_at = ${param(patch.updatedAt)}`];
    if (patch.decider) {
      sets.push(
        `decider_slack_user_id = ${param(patch.decider.slackUserId)}`,
        `decider_email = ${param(patch.decider.email ?? null)}`,
        `decider_leihs_user_id = ${param(patch.decider.leihsUserId ?? null)}`,
      );
    }
    if (patch.decidedAt) sets.push(`decided_at = ${param(patch.decidedAt)}`);
    if (patch.outcome !== undefined) sets.push(`outcome = ${param(json(patch.outcome))}`);
    if (patch.reason !== undefined) sets.push(`reason = ${param(patch.reason)}`);
    let where = `id = ${param(id)} AND status = ANY(${param([...asStatusList(from)])}::text[])`;
    if (options.unexpiredAt) where += ` AND expires_at > ${param(options.unexpiredAt)}`;
    const [row] = await this.rows(`UPDATE requests SET ${sets.join(', ')} WHERE ${where} RETURNING *`, values);
    return row ? requestFromRow(row, codec) : undefined;
  }

  async listRequests(query: ListRequestsQuery): Promise<StoredRequest[]> {
    const values: unknown[] = [];
    const conditions: string[] = [];
    if (query.statuses) {
      values.push([...query.statuses]);
      conditions.push(`status = ANY($${values.length}::text[])`);
    }
    if (query.expiredBy) {
      values.push(query.expiredBy);
      conditions.push(`expires_at <= $${values.length}`);
    }
    values.push(query.limit);
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = await this.rows(`SELECT * FROM requests ${where} ORDER BY updated_at DESC, created_at DESC LIMIT $${values.length}`, values);
    return rows.map((row) => requestFromRow(row, codec));
  }

  async countRequests(statuses: readonly RequestStatus[]): Promise<number> {
    const [row] = await this.rows('SELECT COUNT(*) AS n FROM requests WHERE status = ANY($1::text[])', [[...statuses]]);
    return Number(row?.n ?? 0);
  }

  async appendAudit(event: NewAuditEvent): Promise<AuditEvent> {
    const [row] = await this.rows(
      `INSERT INTO audit_events (request_id, action, outcome, actor_slack_user_id, actor_email, actor_leihs_user_id,
         requester_slack_user_id, requester_email, requester_leihs_user_id, leihs_response, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [
        event.requestId,
        event.action,
        event.outcome,
        event.actor.slackUserId,
        event.actor.email ?? null,
        event.actor.leihsUserId ?? null,
        event.requester.slackUserId,
        event.requester.email ?? null,
        event.requester.leihsUserId ?? null,
        json(event.leihsResponse),
        event.at,
      ],
    );
    if (!row) throw new Error('INSERT … RETURNING gave no row');
    return auditFromRow(row, codec);
  }

  async listAudit(query: { requestId?: string; limit: number }): Promise<AuditEvent[]> {
    const rows =
      query.requestId === undefined
        ? await this.rows('SELECT * FROM audit_events ORDER BY seq LIMIT $1', [query.limit])
        : await this.rows('SELECT * FROM audit_events WHERE request_id = $1 ORDER BY seq LIMIT $2', [query.requestId, query.limit]);
    return rows.map((row) => auditFromRow(row, codec));
  }

  async getMonitorState(key: string): Promise<JsonValue | undefined> {
    const [row] = await this.rows('SELECT value FROM monitor_state WHERE key = $1', [key]);
    return row ? codec.json(row.value) : undefined;
  }

  async putMonitorState(key: string, value: JsonValue): Promise<void> {
    await this.pool.query(
      `INSERT INTO monitor_state (key, value, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      [key, JSON.stringify(value), this.clock.now()],
    );
  }

  async tryAcquireLock(name: string, holderId: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now();
    const rows = await this.rows(
      `INSERT INTO locks (name, holder, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE locks.holder = excluded.holder OR locks.expires_at <= $4
       RETURNING name`,
      [name, holderId, new Date(now.getTime() + ttlMs), now],
    );
    return rows.length === 1;
  }

  async releaseLock(name: string, holderId: string): Promise<void> {
    await this.pool.query('DELETE FROM locks WHERE name = $1 AND holder = $2', [name, holderId]);
  }
}
