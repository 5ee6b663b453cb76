/**
 * `scripts/wine-env.sh`: provisions Wine (see wine-setup.ts) and prints `export` lines for
 * WINEPREFIX, WINEDEBUG, DISPLAY, WINE64 and WINE_NODE, so that `eval "$(scripts/wine-env.sh)"`
 * lets any command run in the same prefix, e.g.
 *   "$WINE64" "$WINE_NODE" src-main/cli/collect.ts --count 1 > out.json
 * (Wine's Node can't write to a pipe: point its output at a file.) Progress goes to stderr.
 */
import { sharedWineEnv } from './wine-setup.ts';

const quote = (value: string) => `'${value.replaceAll("'", "'\\''")}'`;
try {
  const env = await sharedWineEnv();
  for (const [key, value] of Object.entries(env)) process.stdout.write(`export ${key}=${quote(value)}\n`);
} catch (error) {
  process.stderr.write(`wine-env: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
