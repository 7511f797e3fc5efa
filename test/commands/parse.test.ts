import { describe, expect, it } from 'vitest';
import { intentSchema, nearestSubcommand, parseCommand, tokenize } from '../../src/commands/parse.js';

describe('parseCommand', () => {
  it('treats empty or blank input as a request for help', () => {
    expect(parseCommand('')).toEqual({ type: 'help' });
    expect(parseCommand('   \t  ')).toEqual({ type: 'help' });
  });

  it('reads find with words and collapses stray spaces', () => {
    expect(parseCommand('  find    tripod   ')).toEqual({ type: 'find', words: 'tripod' });
    expect(parseCommand('find canon 50mm')).toEqual({ type: 'find', words: 'canon 50mm' });
  });

  it('takes the last unquoted "in" as the pool for find', () => {
    expect(parseCommand('find tripod in Fotostudio')).toEqual({ type: 'find', words: 'tripod', pool: 'Fotostudio' });
    expect(parseCommand('find stand in a box in FILM')).toEqual({ type: 'find', words: 'stand in a box', pool: 'FILM' });
    expect(parseCommand('find "stand in a box"')).toEqual({ type: 'find', words: 'stand in a box' });
  });

  it('accepts German aliases', () => {
    expect(parseCommand('suche stativ')).toEqual({ type: 'find', words: 'stativ' });
    expect(parseCommand('finde stativ im Filmpool')).toEqual({ type: 'find', words: 'stativ', pool: 'Filmpool' });
    expect(parseCommand('hilfe')).toEqual({ type: 'help' });
    expect(parseCommand('HILFE find')).toEqual({ type: 'help', topic: 'find' });
  });

  it('keeps quoted names together, in straight and typographic quotes', () => {
    expect(parseCommand('group "Film MA"')).toEqual({ type: 'group', name: 'Film MA' });
    expect(parseCommand('group „Film MA“')).toEqual({ type: 'group', name: 'Film MA' });
    expect(parseCommand('group “Film MA”')).toEqual({ type: 'group', name: 'Film MA' });
    expect(tokenize('a "b c" d')).toEqual([
      { value: 'a', quoted: false },
      { value: 'b c', quoted: true },
      { value: 'd', quoted: false },
    ]);
  });

  it('reads an unclosed quote to the end', () => {
    expect(parseCommand('group "Film MA')).toEqual({ type: 'group', name: 'Film MA' });
  });

  it('reads group changes with names, descriptions and members', () => {
    expect(parseCommand('group create "Film Students" — for the film course')).toEqual({
      type: 'group_change',
      change: { action: 'create', name: 'Film Students', description: 'for the film course' },
    });
    expect(parseCommand('group create Film Students')).toEqual({ type: 'group_change', change: { action: 'create', name: 'Film Students' } });
    expect(parseCommand('group delete "Old Group"')).toEqual({ type: 'group_change', change: { action: 'delete', name: 'Old Group' } });
    expect(parseCommand('group add anna.schmid@hdk.example to "Film MA"')).toEqual({
      type: 'group_change',
      change: { action: 'add_member', user: 'anna.schmid@hdk.example', group: 'Film MA' },
    });
    expect(parseCommand('group remove anna.schmid@hdk.example from "Film MA"')).toEqual({
      type: 'group_change',
      change: { action: 'remove_member', user: 'anna.schmid@hdk.example', group: 'Film MA' },
    });
  });

  it('asks for help on a subcommand that lacks its argument', () => {
    expect(parseCommand('item')).toEqual({ type: 'help', topic: 'item' });
    expect(parseCommand('find')).toEqual({ type: 'help', topic: 'find' });
    expect(parseCommand('find in Fotostudio')).toEqual({ type: 'find', words: 'in Fotostudio' });
    expect(parseCommand('group create')).toEqual({ type: 'help', topic: 'group' });
    expect(parseCommand('users')).toEqual({ type: 'help', topic: 'users' });
  });

  it('reads the other subcommands', () => {
    expect(parseCommand('item INV-10042')).toEqual({ type: 'item', inventoryCode: 'INV-10042' });
    expect(parseCommand('model "Manfrotto 055"')).toEqual({ type: 'model', name: 'Manfrotto 055' });
    expect(parseCommand('pools')).toEqual({ type: 'pools', words: '' });
    expect(parseCommand('pool')).toEqual({ type: 'pools', words: '' });
    expect(parseCommand('pool FOTO')).toEqual({ type: 'pool', name: 'FOTO' });
    expect(parseCommand('user anna.schmid@hdk.example')).toEqual({ type: 'user', query: 'anna.schmid@hdk.example' });
    expect(parseCommand('groups')).toEqual({ type: 'groups', words: '' });
    expect(parseCommand('categories kamera')).toEqual({ type: 'categories', words: 'kamera' });
    expect(parseCommand('whoami')).toEqual({ type: 'whoami' });
    expect(parseCommand('status --verbose')).toEqual({ type: 'status', verbose: true });
    expect(parseCommand('status')).toEqual({ type: 'status', verbose: false });
    expect(parseCommand('requests')).toEqual({ type: 'requests' });
  });

  it('suggests the nearest subcommand for a typo', () => {
    expect(parseCommand('fnid tripod')).toEqual({ type: 'unknown', input: 'fnid tripod', suggestion: 'find' });
    expect(parseCommand('stauts')).toEqual({ type: 'unknown', input: 'stauts', suggestion: 'status' });
    expect(parseCommand('xyzzy')).toEqual({ type: 'unknown', input: 'xyzzy' });
    expect(nearestSubcommand('gruops')).toBe('groups');
  });

  it('parses 3000 characters without throwing or backtracking for long', () => {
    const long = `find ${'tripod '.repeat(430)}`.slice(0, 3000);
    const started = performance.now();
    const intent = parseCommand(long);
    // A generous bound: only catastrophic backtracking would take this long.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(intent.type).toBe('find');
  });

  it('always returns a valid intent for odd input', () => {
    const odd = ['"', "'", '„', '""', 'find ""', 'find "', '🎥 find', 'find 🎥📷', "find '; DROP TABLE items; --", 'find ../../etc/passwd', 'item ../admin', 'find %00 %2F', '<@U0123ABCD>', 'find <!channel>', 'group add', 'group add x to', '\u00a0find\u00a0tripod'];
    for (const input of odd) expect(intentSchema.safeParse(parseCommand(input)).success).toBe(true);
    expect(parseCommand('\u00a0find\u00a0tripod')).toEqual({ type: 'find', words: 'tripod' });
  });
});
