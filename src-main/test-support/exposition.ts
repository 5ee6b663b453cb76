/**
 * Test support: Prometheus' text format 0.0.4 read back strictly (every line HELP, TYPE or a sample,
 * label values unescaped), for the unit tests of /metrics and the tests of a real host's.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Text format 0.0.4: `# HELP name text`, `# TYPE name gauge|counter|…`, or `name{l="v",…} value`. */
export const HELP_LINE = /^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/;
const TYPE_LINE = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/;
const LABEL_VALUE = String.raw`"(?:[^"\\\n]|\\[\\"n])*"`;
const LABEL = String.raw`[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE}`;
export const SAMPLE_LINE = new RegExp(
  String.raw`^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:${LABEL}(?:,${LABEL})*)?\})? ([-+]?(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|Inf|NaN))$`,
);

function parseLabels(text: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (!text) return labels;
  for (const match of text.matchAll(new RegExp(String.raw`([a-zA-Z_][a-zA-Z0-9_]*)=(${LABEL_VALUE})`, 'g'))) {
    const [, key = '', quoted = '""'] = match;
    labels[key] = quoted.slice(1, -1).replace(/\\(.)/g, (_all, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

/** Parses the whole exposition, throwing on any line that is not in the format. */
export function parseExposition(text: string): { samples: Sample[]; help: string[]; types: string[] } {
  if (!text.endsWith('\n')) throw new Error('the exposition does not end with a line feed');
  const samples: Sample[] = [];
  const help: string[] = [];
  const types: string[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    const helpMatch = HELP_LINE.exec(line);
    const typeMatch = TYPE_LINE.exec(line);
    const sampleMatch = SAMPLE_LINE.exec(line);
    if (helpMatch) help.push(helpMatch[1] ?? '');
    else if (typeMatch) types.push(typeMatch[1] ?? '');
    else if (sampleMatch) samples.push({ name: sampleMatch[1] ?? '', labels: parseLabels(sampleMatch[2]), value: Number(sampleMatch[3]) });
    else throw new Error(`not a line of the exposition format: ${JSON.stringify(line)}`);
  }
  return { samples, help, types };
}

export function valuesOf(samples: readonly Sample[], name: string): number[] {
  return samples.filter((s) => s.name === name).map((s) => s.value);
}
