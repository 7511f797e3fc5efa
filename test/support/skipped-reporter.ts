/**
 * Names every skipped test at the end of a run, so a skip (such as the PostgreSQL suite on a machine
 * without PostgreSQL) is always visible with its reason, never silent.
 */
import type { Reporter, TestCase } from 'vitest/node';

export default class SkippedByName implements Reporter {
  private readonly skipped: string[] = [];

  onTestCaseResult(testCase: TestCase): void {
    if (testCase.result().state === 'skipped') this.skipped.push(`${testCase.module.moduleId.replace(process.cwd() + '/', '')} > ${testCase.fullName}`);
  }

  onTestRunEnd(): void {
    if (this.skipped.length === 0) return;
    const groups = new Map<string, number>();
    for (const name of this.skipped) {
      // One line per skipped suite: the name up to the last " > " (the suite carries the reason).
      const suite = name.includes(' > ') ? name.slice(0, name.lastIndexOf(' > ')) : name;
      groups.set(suite, (groups.get(suite) ?? 0) + 1);
    }
    process.stdout.write(`\nSkipped (${this.skipped.length}):\n`);
    for (const [suite, count] of groups) process.stdout.write(`  - ${suite} (${count} test${count === 1 ? '' : 's'})\n`);
  }
}
