/**
 * Lets the event loop send the ack before a listener starts its follow-up work. Without it, the work that
 * runs synchronously after `ack()` (parsing, building and firing dozens of leihs requests) sits between
 * the ack being written and it leaving the socket, and Slack's 3-second clock is still running.
 */
export function afterAck(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
