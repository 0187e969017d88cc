/**
 * A vitest sequencer that starts the test files longest first, from a table of the seconds each
 * took in a CI run (2 cores, two files at a time), so the last files to start are short and both
 * workers finish together. Vitest's own order on a fresh checkout (CI has no results cache) is by
 * file size, which started small slow files last (the fuzz run, 52 lines and 44 s, ended CI's unit
 * run alone). Files not in the table count as `otherSeconds`, larger files first among equals.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export function longestFirst(ciSeconds: Record<string, number>, otherSeconds: number): typeof BaseSequencer {
  const root = path.resolve(import.meta.dirname, '../..');
  const seconds = (spec: TestSpecification) => ciSeconds[path.relative(root, spec.moduleId).split(path.sep).join('/')] ?? otherSeconds;
  const size = (spec: TestSpecification) => {
    try {
      return statSync(spec.moduleId).size;
    } catch {
      return 0;
    }
  };
  return class LongestFirst extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      return [...files].sort((a, b) => seconds(b) - seconds(a) || size(b) - size(a));
    }
  };
}
