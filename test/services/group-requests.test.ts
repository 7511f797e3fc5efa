import { describe, expect, it } from 'vitest';
import { groupChangeProblemText } from '../../src/blocks/approval.js';
import { checkGroupChange, describeGroupChangeProblem } from '../../src/services/group-requests.js';
import { fakeGroupLeihs } from './fake-group-leihs.js';

/** checkGroupChange with its problem rendered as the requester reads it. */
async function prepareGroupChange(...args: Parameters<typeof checkGroupChange>) {
  const checked = await checkGroupChange(...args);
  return checked.ok ? checked : { ok: false as const, problem: groupChangeProblemText(checked.problem) };
}

describe('why a group change cannot be asked for', () => {
  it('is data with the names raw, as leihs spells them, for the builder to escape', async () => {
    const leihs = fakeGroupLeihs();
    leihs.groups.set('g-rd', { id: 'g-rd', name: 'R&D <Lab>', members: new Set() });
    expect(await checkGroupChange({ action: 'create', name: 'r&d <lab>' }, leihs)).toEqual({
      ok: false,
      problem: { kind: 'group_exists', group: 'R&D <Lab>' },
    });
    expect(await checkGroupChange({ action: 'add_member', user: 'a<b>@x.example', group: 'R&D <Lab>' }, leihs)).toEqual({
      ok: false,
      problem: { kind: 'user_not_found', user: 'a<b>@x.example' },
    });
  });

  it('reads as one sentence with every name escaped once by the given escaper', () => {
    const text = describeGroupChangeProblem({ kind: 'already_member', user: 'A<b>', group: 'R&D' }, (name) => `[${name}]`);
    expect(text).toBe('[A<b>] is already a member of “[R&D]”.');
  });

  it('reaches Slack escaped through the approval builder (groupChangeProblemText)', async () => {
    const leihs = fakeGroupLeihs();
    leihs.groups.set('g-rd', { id: 'g-rd', name: 'R&D <Lab>', members: new Set() });
    expect(await prepareGroupChange({ action: 'create', name: 'R&D <Lab>' }, leihs)).toEqual({
      ok: false,
      problem: 'A group named “R&amp;D &lt;Lab&gt;” already exists in leihs; pick another name.',
    });
  });
});
