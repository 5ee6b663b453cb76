/**
 * Test support: Debian's `promtool` (package `prometheus`, which scripts/bootstrap.sh installs as
 * root where apt exists), run on text the test gives it.
 */
import { spawnSync } from 'node:child_process';

export interface PromtoolRun {
  /** The exit status: 0 when promtool found nothing to say. */
  code: number | null;
  /** stdout and stderr together: the problems promtool found, one a line. */
  output: string;
}

/** `promtool <args…>` with `input` on stdin; throws, saying how to get it, where promtool is missing. */
export function runPromtool(args: readonly string[], input = ''): PromtoolRun {
  const result = spawnSync('promtool', args, { input, encoding: 'utf8', timeout: 60_000 });
  if (result.error) {
    const isMissing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(
      isMissing ? 'promtool is missing: install Debian\'s prometheus package (scripts/bootstrap.sh does, as root)' : `promtool could not run: ${result.error.message}`,
    );
  }
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}
