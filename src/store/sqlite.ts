/** The embedded engine: one SQLite file (`leihs-slack.db`) in DATA_DIR, WAL journal, one process. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Clock } from '../clock.js';
import { sqliteMigrations } from './migrations.js';
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

export const sqliteFileName = 'leihs-slack.db';

const codec: ColumnCodec = {
  date: (value) => new Date(Number(value)),
  json: (value) => JSON.parse(String(value)) as JsonValue,
};

type Row = Record<string, unknown>;

export function openSqliteStore(dataDir: string, clock: Clock): Store {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, sqliteFileName));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return new SqliteStore(db, clock);
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
  const applied = new Set(
    db
      .prepare('SELECT version FROM schema_migrations')
      .all()
      .map((row) => Number((row as Row).version)),
  );
  for (const migration of sqliteMigrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        Date.now(),
      );
    }).immediate();
  }
}

class SqliteStore implements Store {
  readonly engine = 'sqlite' as const;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
  ) {}

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async createRequest(request: NewRequest): Promise<StoredRequest> {
    const row = this.db
      .prepare(
        `INSERT INTO requests (id, action, params, status, requester_slack_user_id, requester_email, requester_leihs_user_id,
           request_channel, created_at, expires_at, updated_at)
         VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        newRequestId(randomBytes),
        request.action,
        JSON.stringify(request.params),
        request.requester.slackUserId,
        request.requester.email ?? null,
        request.requester.leihsUserId ?? null,
        request.requestChannel ?? null,
        request.createdAt.getTime(),
        request.expiresAt.getTime(),
        request.createdAt.getTime(),
      ) as Row;
    return requestFromRow(row, codec);
  }

  async getRequest(id: string): Promise<StoredRequest | undefined> {
    const row = this.db.prepare('SELECT * FROM requests WHERE id = ?').get(id) as Row | undefined;
    return row ? requestFromRow(row, codec) : undefined;
  }

  async setApprovalMessage(id: string, channel: string, messageTs: string): Promise<void> {
    this.db.prepare('UPDATE requests SET approval_channel = ?, approval_message_ts = ? WHERE id = ?').run(channel, messageTs, id);
  }

  async transition(
    id: string,
    from: RequestStatus | readonly RequestStatus[],
    to: RequestStatus,
    patch: RequestPatch,
    options: TransitionOptions = {},
  ): Promise<StoredRequest | undefined> {
    const sets = ['status = ?', 'updated_at = ?'];
    const values: unknown[] = [to, patch.updatedAt.getTime()];
    if (patch.decider) {
      sets.push('decider_slack_user_id = ?', 'decider_email = ?', 'decider_leihs_user_id = ?');
      values.push(patch.decider.slackUserId, patch.decider.email ?? null, patch.decider.leihsUserId ?? null);
    }
    if (patch.decidedAt) {
      sets.push('decided_at = ?');
      values.push(patch.decidedAt.getTime());
    }
    if (patch.outcome !== undefined) {
      sets.push('outcome = ?');
      values.push(JSON.stringify(patch.outcome));
    }
    if (patch.reason !== undefined) {
      sets.push('reason = ?');
      values.push(patch.reason);
    }
    const statuses = asStatusList(from);
    let where = `id = ? AND status IN (${statuses.map(() => '?').join(', ')})`;
    values.push(id, ...statuses);
    if (options.unexpiredAt) {
      where += ' AND expires_at > ?';
      values.push(options.unexpiredAt.getTime());
    }
    const row = this.db.prepare(`UPDATE requests SET ${sets.join(', ')} WHERE ${where} RETURNING *`).get(...values) as Row | undefined;
    return row ? requestFromRow(row, codec) : undefined;
  }

  async listRequests(query: ListRequestsQuery): Promise<StoredRequest[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (query.statuses) {
      conditions.push(`status IN (${query.statuses.map(() => '?').join(', ') || 'NULL'})`);
      values.push(...query.statuses);
    }
    if (query.expiredBy) {
      conditions.push('expires_at <= ?');
      values.push(query.expiredBy.getTime());
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`SELECT * FROM requests ${where} ORDER BY updated_at DESC, created_at DESC LIMIT ?`)
      .all(...values, query.limit) as Row[];
    return rows.map((row) => requestFromRow(row, codec));
  }

  async countRequests(statuses: readonly RequestStatus[]): Promise<number> {
    if (statuses.length === 0) return 0;
    const row = this.db.prepare(`SELECT COUNT(*) AS n FROM requests WHERE status IN (${statuses.map(() => '?').join(', ')})`).get(...statuses) as Row;
    return Number(row.n);
  }

  async appendAudit(event: NewAuditEvent): Promise<AuditEvent> {
    const row = this.db
      .prepare(
        `INSERT INTO audit_events (request_id, action, outcome, actor_slack_user_id, actor_email, actor_leihs_user_id,
           requester_slack_user_id, requester_email, requester_leihs_user_id, leihs_response, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(
        event.requestId,
        event.action,
        event.outcome,
        event.actor.slackUserId,
        event.actor.email ?? null,
        event.actor.leihsUserId ?? null,
        event.requester.slackUserId,
        event.requester.email ?? null,
        event.requester.leihsUserId ?? null,
        event.leihsResponse === undefined ? null : JSON.stringify(event.leihsResponse),
        event.at.getTime(),
      ) as Row;
    return auditFromRow(row, codec);
  }

  async listAudit(query: { requestId?: string; limit: number }): Promise<AuditEvent[]> {
    const rows = (
      query.requestId === undefined
        ? this.db.prepare('SELECT * FROM audit_events ORDER BY seq LIMIT ?').all(query.limit)
        : this.db.prepare('SELECT * FROM audit_events WHERE request_id = ? ORDER BY seq LIMIT ?').all(query.requestId, query.limit)
    ) as Row[];
    return rows.map((row) => auditFromRow(row, codec));
  }

  async getMonitorState(key: string): Promise<JsonValue | undefined> {
    const row = this.db.prepare('SELECT value FROM monitor_state WHERE key = ?').get(key) as Row | undefined;
    return row ? codec.json(row.value) : undefined;
  }

  async putMonitorState(key: string, value: JsonValue): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO monitor_state (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(key, JSON.stringify(value), this.clock.now().getTime());
  }

  async tryAcquireLock(name: string, holderId: string, ttlMs: number): Promise<boolean> {
    const now = this.clock.now().getTime();
    const result = this.db
      .prepare(
        `INSERT INTO locks (name, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE locks.holder = excluded.holder OR locks.expires_at <= ?`,
      )
      .run(name, holderId, now + ttlMs, now);
    return result.changes === 1;
  }

  async releaseLock(name: string, holderId: string): Promise<void> {
    this.db.prepare('DELETE FROM locks WHERE name = ? AND holder = ?').run(name, holderId);
  }
}
