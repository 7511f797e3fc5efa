/** Row ↔ record mapping shared by both engines; each engine says how it stores times and JSON. */
import type { AuditEvent, JsonValue, Person, StoredRequest, RequestStatus } from './store.js';

export interface ColumnCodec {
  date(value: unknown): Date;
  json(value: unknown): JsonValue;
}

type Row = Record<string, unknown>;

const text = (value: unknown): string | undefined => (value === null || value === undefined ? undefined : String(value));

function person(row: Row, prefix: string): Person | undefined {
  const slackUserId = text(row[`${prefix}_slack_user_id`]);
  if (slackUserId === undefined) return undefined;
  return withoutUndefined({
    slackUserId,
    email: text(row[`${prefix}_email`]),
    leihsUserId: text(row[`${prefix}_leihs_user_id`]),
  });
}

export function requestFromRow(row: Row, codec: ColumnCodec): StoredRequest {
  const requester = person(row, 'requester');
  if (!requester) throw new Error(`request ${String(row.id)} has no requester`);
  return withoutUndefined({
    id: String(row.id),
    action: String(row.action),
    params: codec.json(row.params),
    status: String(row.status) as RequestStatus,
    requester,
    requestChannel: text(row.request_channel),
    approvalChannel: text(row.approval_channel),
    approvalMessageTs: text(row.approval_message_ts),
    decider: person(row, 'decider'),
    decidedAt: row.decided_at === null || row.decided_at === undefined ? undefined : codec.date(row.decided_at),
    outcome: row.outcome === null || row.outcome === undefined ? undefined : codec.json(row.outcome),
    reason: text(row.reason),
    createdAt: codec.date(row.created_at),
    expiresAt: codec.date(row.expires_at),
    updatedAt: codec.date(row.updated_at),
  });
}

export function auditFromRow(row: Row, codec: ColumnCodec): AuditEvent {
  return withoutUndefined({
    seq: Number(row.seq),
    requestId: String(row.request_id),
    action: String(row.action),
    outcome: String(row.outcome),
    actor: person(row, 'actor') ?? { slackUserId: '' },
    requester: person(row, 'requester') ?? { slackUserId: '' },
    leihsResponse: row.leihs_response === null || row.leihs_response === undefined ? undefined : codec.json(row.leihs_response),
    at: codec.date(row.at),
  });
}

/** Drops keys whose value is undefined, so records compare cleanly and optional fields stay absent. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
