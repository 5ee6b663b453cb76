/**
 * Drives a persistent sampler process: one line in, one line out per sample; its CPU per sample
 * is read from /proc around each exchange (with its children: some peers fork per sample).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { cpuMs, rssBytes } from './proc-measure.ts';

export class LineSampler {
  private readonly child: ChildProcess;
  private readonly lines: AsyncIterator<string>;

  constructor(command: string, args: readonly string[]) {
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    if (!this.child.stdout) throw new Error(`${command} has no stdout`);
    this.lines = readline.createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** One sample: the answer line, the sampler's CPU ms (children included) and wall ms. */
  async sample(): Promise<{ line: string; cpuMs: number; wallMs: number }> {
    const cpu0 = cpuMs(this.pid, true);
    const t0 = performance.now();
    this.child.stdin?.write('tick\n');
    const next = await this.lines.next();
    const wallMs = performance.now() - t0;
    if (next.done) throw new Error('the sampler ended');
    return { line: next.value, cpuMs: cpuMs(this.pid, true) - cpu0, wallMs };
  }

  rss(): number | null {
    return rssBytes(this.pid);
  }

  close(): void {
    this.child.stdin?.end();
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
