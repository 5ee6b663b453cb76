/**
 * A persistent systeminformation sampler: one `si.processes()` per line on stdin; answers the
 * count. (It spawns `ps` itself: its children's CPU is counted too.)
 */
import readline from 'node:readline';
import si from 'systeminformation';

for await (const _line of readline.createInterface({ input: process.stdin })) {
  const result = await si.processes();
  process.stdout.write(`${result.list.length}\n`);
}
