/**
 * `npm run -s collect -- [--count N] [--interval-ms M]`: primes the collector, then prints N
 * snapshots to stdout as JSON lines (one snapshot a line, nothing else on stdout). Sample
 * failures go to stderr as JSON lines; bad flags exit 2 with a message on stderr. It exits once
 * the last line is written, even if a volume's statfs is still hung; a closed pipe (`| head`)
 * ends it quietly.
 */
import { Collector } from '../collector/collector.ts';
import { parseCollectArgs } from './collect-args.ts';

function main(): void {
  const args = parseCollectArgs(process.argv.slice(2));
  if (!args.ok) {
    process.stderr.write(`collect: ${args.message}\n`);
    process.exit(2);
  }
  const { count, intervalMs } = args.value;

  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0); // the reader has what it wanted
    throw error;
  });

  let printed = 0;
  let collector: Collector | null = null;
  try {
    collector = new Collector({
      intervalMs,
      onSnapshot: (snapshot) => {
        if (printed >= count) return;
        printed += 1;
        const isLast = printed >= count;
        process.stdout.write(`${JSON.stringify(snapshot)}\n`, () => {
          if (isLast) process.exit(0);
        });
        if (isLast) collector?.stop();
      },
      onSampleFailed: (error) => process.stderr.write(`${JSON.stringify({ type: 'sample-failed', error })}\n`),
    });
  } catch (error) {
    process.stderr.write(`collect: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  collector.start();
}

main();
