/** The "Find equipment" modal (global shortcut): a search field and a pool select. Pure. */
import type { ModalView, PlainTextOption } from '@slack/types';
import { actionIds, blockIds, callbackIds } from '../listeners/ids.js';
import { messages } from '../messages/index.js';
import type { PoolSummary } from '../services/leihs-reader.js';
import { LIMITS, ellipsis, fits } from './limits.js';

const m = messages.findModal;
/** The value of the "All pools" option. */
export const ALL_POOLS = '*';

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: ellipsis(text, max), emoji: true });

/** Pool options: "All pools" first, then active pools; a pool whose id would not fit is left out. */
export function poolOptions(pools: PoolSummary[]): PlainTextOption[] {
  const options: PlainTextOption[] = [{ text: plain(m.allPools, LIMITS.optionText), value: ALL_POOLS }];
  for (const pool of pools) {
    if (!pool.isActive || !fits(pool.id, LIMITS.optionValue)) continue;
    options.push({ text: plain(pool.shortname ? `${pool.name} (${pool.shortname})` : pool.name, LIMITS.optionText), value: pool.id });
  }
  return options.slice(0, LIMITS.selectOptions);
}

export function buildFindModal(pools: PoolSummary[] = []): ModalView {
  const options = poolOptions(pools);
  return {
    type: 'modal',
    callback_id: callbackIds.findModal,
    title: plain(m.title, LIMITS.modalTitle),
    submit: plain(m.submit, LIMITS.modalTitle),
    close: plain(m.close, LIMITS.modalTitle),
    blocks: [
      {
        type: 'input',
        block_id: blockIds.findQuery,
        label: plain(m.queryLabel, 2000),
        element: {
          type: 'plain_text_input',
          action_id: actionIds.findQueryInput,
          max_length: 200,
          placeholder: plain(m.queryPlaceholder, LIMITS.inputPlaceholder),
        },
      },
      {
        type: 'input',
        block_id: blockIds.findPool,
        label: plain(m.poolLabel, 2000),
        optional: true,
        element: { type: 'static_select', action_id: actionIds.findPoolSelect, options, initial_option: options[0] },
      },
    ],
  };
}
