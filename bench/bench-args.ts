/**
 * `--name N` flags of the benchmark scripts: a whole number, or the script exits 2 saying so.
 */
export function wholeNumberFlag(script: string, argv: readonly string[], name: string, fallback: number): number {
  const at = argv.indexOf(name);
  const value = at >= 0 ? Number(argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) {
    process.stderr.write(`${script}: ${name} must be a whole number\n`);
    process.exit(2);
  }
  return value;
}
