/**
 * `npm run -s collect -- [--count N] [--interval-ms M]`: primes the collector, then prints N
 * snapshots to stdout as JSON lines (one snapshot a line, nothing else on stdout). Sample
 * failures go to stderr as JSON lines; bad flags exit 2 with a message on stderr.
 */
import { Collector } from '../collector/collector.ts';
import { parseCollectArgs } from './collect-args.ts';

const args = parseCollectArgs(process.argv.slice(2));
if (!args.ok) {
  process.stderr.write(`collect: ${args.message}\n`);
  process.exit(2);
}
const { count, intervalMs } = args.value;

let printed = 0;
let collector: Collector;
try {
  collector = new Collector({
    intervalMs,
    onSnapshot: (snapshot) => {
      process.stdout.write(`${JSON.stringify(snapshot)}\n`);
      printed += 1;
      if (printed >= count) {
        collector.stop();
        process.stdout.end();
      }
    },
    onSampleFailed: (error) => process.stderr.write(`${JSON.stringify({ type: 'sample-failed', error })}\n`),
  });
} catch (error) {
  process.stderr.write(`collect: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
collector.start();
