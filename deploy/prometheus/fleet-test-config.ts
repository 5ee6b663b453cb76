/**
 * What the fleet test (fleet.integration.test.ts) derives from the shipped files. Pure.
 * - The test's prometheus.yml: the shipped one with a 1 s scrape and evaluation interval, plus a
 *   copy of its `taskmgr` job that scrapes with a wrong token (the copy the shipped file tells an
 *   operator to make for a machine with a token of its own). Every other line, paths included, is
 *   the shipped one: they are relative to the config's folder, which the test lays out as an
 *   operator would.
 * - The Grafana dashboard's queries, with its template variables at their defaults, so that the
 *   test can run each one against a real Prometheus.
 */
import { z } from 'zod';

/** The shipped job the test copies, and what the copy changes. */
export const WRONG_TOKEN_JOB = 'taskmgr-wrong-token';
export const WRONG_TOKEN_FILE = 'taskmgr/wrong-token';
export const WRONG_TOKEN_TARGETS = 'taskmgr/wrong-token-targets';

/** `text` with `from` replaced by `to`; throws unless `from` occurs exactly once (the shipped file changed: say where to look). */
export function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) {
    throw new Error(`the shipped prometheus.yml no longer has ${JSON.stringify(from)} exactly once: update deploy/prometheus/fleet-test-config.ts to match it`);
  }
  return text.slice(0, at) + to + text.slice(at + from.length);
}

const JOB_START = '  - job_name: taskmgr\n';

/** The test's prometheus.yml from the shipped one's text (`intervalSeconds`: 1 in the test). */
export function deriveTestConfig(shipped: string, intervalSeconds: number): string {
  let config = replaceOnce(shipped, '  scrape_interval: 15s\n', `  scrape_interval: ${intervalSeconds}s\n`);
  config = replaceOnce(config, '  evaluation_interval: 15s\n', `  evaluation_interval: ${intervalSeconds}s\n`);
  const jobAt = config.indexOf(JOB_START);
  const job = jobAt < 0 ? '' : config.slice(jobAt);
  if (job === '' || job.indexOf('  - job_name:', JOB_START.length) >= 0) {
    throw new Error('the shipped prometheus.yml no longer ends with its one `taskmgr` job: update deploy/prometheus/fleet-test-config.ts to match it');
  }
  let copy = replaceOnce(job, JOB_START, `  - job_name: ${WRONG_TOKEN_JOB}\n`);
  copy = replaceOnce(copy, 'credentials_file: taskmgr/view-token\n', `credentials_file: ${WRONG_TOKEN_FILE}\n`);
  copy = replaceOnce(copy, '- taskmgr/targets/*.yml\n', `- ${WRONG_TOKEN_TARGETS}/*.yml\n`);
  return `${config.endsWith('\n') ? config : `${config}\n`}${copy}`;
}

const targetSchema = z.object({ expr: z.string(), instant: z.boolean().optional(), range: z.boolean().optional() });
interface PanelShape {
  title: string;
  targets?: z.infer<typeof targetSchema>[];
  panels?: PanelShape[];
}
const panelSchema: z.ZodType<PanelShape> = z.lazy(() =>
  z.object({ title: z.string(), targets: z.array(targetSchema).optional(), panels: z.array(panelSchema).optional() }),
);
const optionValue = z.union([z.string(), z.array(z.string())]);
const variableSchema = z.object({
  name: z.string(),
  type: z.string(),
  query: z.union([z.string(), z.object({ query: z.string() })]).optional(),
  allValue: z.string().optional(),
  current: z.object({ value: optionValue.optional() }).optional(),
});
const dashboardSchema = z.object({
  panels: z.array(panelSchema),
  templating: z.object({ list: z.array(variableSchema) }),
});

export interface DashboardQuery {
  panel: string;
  expr: string;
  /** Drawn over time (a range query) rather than at the latest instant. */
  isRange: boolean;
}

export interface DashboardVariable {
  name: string;
  /** A `query` variable's PromQL-side definition (`label_values(metric, label)`); null for the others. */
  query: string | null;
  /** What the variable stands for in a query, as Grafana substitutes its default (All: its allValue). */
  defaultValue: string | null;
}

export interface Dashboard {
  queries: DashboardQuery[];
  variables: DashboardVariable[];
}

/** The dashboard's queries (rows' nested panels included) and variables; throws naming what is malformed. */
export function readDashboard(json: unknown): Dashboard {
  const parsed = dashboardSchema.safeParse(json);
  if (!parsed.success) throw new Error(`the dashboard is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const queries: DashboardQuery[] = [];
  const visit = (panels: readonly PanelShape[]) => {
    for (const panel of panels) {
      for (const target of panel.targets ?? []) queries.push({ panel: panel.title, expr: target.expr, isRange: target.range ?? target.instant !== true });
      visit(panel.panels ?? []);
    }
  };
  visit(parsed.data.panels);
  const variables = parsed.data.templating.list.map((variable): DashboardVariable => {
    const current = variable.current?.value;
    const first = Array.isArray(current) ? current[0] : current;
    const query = variable.type === 'query' ? (typeof variable.query === 'string' ? variable.query : (variable.query?.query ?? null)) : null;
    const defaultValue = first === '$__all' ? (variable.allValue ?? null) : (first ?? null);
    return { name: variable.name, query, defaultValue };
  });
  return { queries, variables };
}

/**
 * `expr` with `$name` and `${name}` replaced from `values` (longest names first, so `$top` does not
 * eat `$topN`); throws when a variable is left that `values` does not give.
 */
export function substituteVariables(expr: string, values: Readonly<Record<string, string>>): string {
  const names = Object.keys(values).sort((a, b) => b.length - a.length);
  let out = expr;
  for (const name of names) {
    const value = values[name] ?? '';
    out = out.split(`\${${name}}`).join(value).split(`$${name}`).join(value);
  }
  const left = /\$\{?(\w+)/.exec(out);
  if (left) throw new Error(`the query ${JSON.stringify(expr)} uses $${left[1] ?? ''}, which has no value here`);
  return out;
}

/** `label_values(metric, label)` as its parts, or null for any other variable query. */
export function parseLabelValues(query: string): { metric: string; label: string } | null {
  const match = /^\s*label_values\(\s*([^,()]+?)\s*,\s*(\w+)\s*\)\s*$/.exec(query);
  return match?.[1] && match[2] ? { metric: match[1], label: match[2] } : null;
}
