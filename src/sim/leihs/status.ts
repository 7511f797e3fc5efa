/** The `{memory, db-pool, health-checks}` status of leihs services: 200 healthy, 900 (!) unhealthy. */
import { json, type Reply } from './http.js';

export function statusReply(healthy: boolean): Reply {
  const usage = healthy ? 0.23 : 0.97;
  return json(healthy ? 200 : 900, {
    memory: { 'ok?': usage < 0.95, max: '2 GB', allocated: '1.1 GB', used: healthy ? '471 MB' : '1.94 GB', usage },
    'db-pool': {
      gauges: {
        'HikariPool-1.pool.ActiveConnections': healthy ? 0 : 10,
        'HikariPool-1.pool.IdleConnections': healthy ? 10 : 0,
        'HikariPool-1.pool.PendingConnections': healthy ? 0 : 37,
        'HikariPool-1.pool.TotalConnections': 10,
      },
      timers: {
        'HikariPool-1.pool.Wait': {
          count: 12,
          // The typo is leihs's own.
          'mean-reate': 0.1,
          'one-minute-rate': 0.0,
          'five-minute-rate': 0.0,
          'fifteen-minute-rate': 0.0,
        },
      },
    },
    'health-checks': {
      'HikariPool-1.pool.ConnectivityCheck': healthy
        ? { 'healthy?': true, message: null, error: null }
        : {
            'healthy?': false,
            message: 'HikariPool-1 - Connection is not available, request timed out after 30000ms.',
            error: 'java.sql.SQLTransientConnectionException',
          },
    },
  });
}
