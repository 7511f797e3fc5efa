/** `/leihs status [--verbose]`: runs the health checks and renders them; shareable, with "Send test alert" for ops. */
import { buildStatusMessage } from '../../blocks/status.js';
import type { IntentOf } from '../../commands/parse.js';
import type { CommandAnswer, CommandContext } from './intent-handlers.js';

export async function statusIntent(intent: IntentOf<'status'>, ctx: CommandContext): Promise<CommandAnswer> {
  const report = await ctx.deps.health.check();
  const message = buildStatusMessage(report, { verbose: intent.verbose, canSendTestAlert: ctx.deps.config.ops.channel !== undefined });
  return { ...message, shareable: true };
}
