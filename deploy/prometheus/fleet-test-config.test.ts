import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { deriveTestConfig, parseLabelValues, readDashboard, replaceOnce, substituteVariables, WRONG_TOKEN_FILE, WRONG_TOKEN_JOB } from './fleet-test-config.ts';

const SHIPPED = fs.readFileSync(new URL('./prometheus.yml', import.meta.url), 'utf8');
const DASHBOARD: unknown = JSON.parse(fs.readFileSync(new URL('../grafana/taskmgr-fleet.json', import.meta.url), 'utf8'));

describe('deriveTestConfig', () => {
  it('sets both intervals and appends a wrong-token copy of the taskmgr job, leaving the shipped job as it is', () => {
    const derived = deriveTestConfig(SHIPPED, 1);
    expect(derived).toContain('  scrape_interval: 1s\n');
    expect(derived).toContain('  evaluation_interval: 1s\n');
    expect(derived).not.toContain('15s');
    expect(derived).toContain('  - job_name: taskmgr\n');
    expect(derived).toContain(`  - job_name: ${WRONG_TOKEN_JOB}\n`);
    expect(derived).toContain('credentials_file: taskmgr/view-token\n');
    expect(derived).toContain(`credentials_file: ${WRONG_TOKEN_FILE}\n`);
    // The copy keeps TLS and the relabelling: only its name, token and targets differ.
    expect(derived.split('labeldrop').length).toBe(3);
    expect(derived.split('ca_file: taskmgr/ca.pem').length).toBe(3);
  });

  it.each([
    ['no scrape interval', SHIPPED.replace('  scrape_interval: 15s\n', ''), /scrape_interval/],
    ['a second taskmgr job after the first', `${SHIPPED}  - job_name: other\n`, /one `taskmgr` job/],
    ['a token file under another name', SHIPPED.replace('taskmgr/view-token\n', 'view.token\n'), /credentials_file/],
    ['no taskmgr job', SHIPPED.replace('job_name: taskmgr\n', 'job_name: fleet\n'), /taskmgr/],
  ])('refuses a shipped file with %s, saying what to update', (_, text, message) => {
    expect(() => deriveTestConfig(text, 1)).toThrow(message);
  });
});

describe('replaceOnce', () => {
  it.each([
    ['a b c', 'b', 'x', 'a x c'],
    ['a b b', 'b', 'x', null],
    ['a c', 'b', 'x', null],
  ])('in %j replaces %j once or throws', (text, from, to, expected) => {
    if (expected === null) expect(() => replaceOnce(text, from, to)).toThrow(/exactly once/);
    else expect(replaceOnce(text, from, to)).toBe(expected);
  });
});

describe('readDashboard', () => {
  it('lists every panel query of the shipped dashboard, and its variables at their defaults', () => {
    const { queries, variables } = readDashboard(DASHBOARD);
    expect(queries.length).toBeGreaterThanOrEqual(10);
    expect(queries.every((q) => q.expr.includes('$instance'))).toBe(true);
    expect(variables).toEqual([
      { name: 'datasource', query: null, defaultValue: null },
      { name: 'instance', query: 'label_values(taskmgr_build_info, instance)', defaultValue: '.+' },
      { name: 'top', query: null, defaultValue: '10' },
    ]);
  });

  it('finds the queries of panels nested in rows, and tells range from instant', () => {
    const json = {
      templating: { list: [] },
      panels: [
        { title: 'Row', panels: [{ title: 'Inner', targets: [{ expr: 'up', range: true }] }] },
        { title: 'Now', targets: [{ expr: 'time()', instant: true }] },
        { title: 'Default', targets: [{ expr: 'vector(1)' }] },
      ],
    };
    expect(readDashboard(json).queries).toEqual([
      { panel: 'Inner', expr: 'up', isRange: true },
      { panel: 'Now', expr: 'time()', isRange: false },
      { panel: 'Default', expr: 'vector(1)', isRange: true },
    ]);
  });

  it('names what is malformed', () => {
    expect(() => readDashboard({ panels: [{ title: 1 }], templating: { list: [] } })).toThrow(/panels\.0\.title/);
  });
});

describe('substituteVariables', () => {
  it.each([
    ['topk($top, x{instance=~"$instance"})', { top: '3', instance: '.+' }, 'topk(3, x{instance=~".+"})'],
    ['rate(x[$__rate_interval])', { __rate_interval: '1m' }, 'rate(x[1m])'],
    ['x{a="${instance}"}', { instance: 'alpha' }, 'x{a="alpha"}'],
    ['$topN + $top', { top: '1', topN: '2' }, '2 + 1'],
  ])('%s', (expr, values, expected) => {
    expect(substituteVariables(expr, values)).toBe(expected);
  });

  it('throws on a variable it has no value for', () => {
    expect(() => substituteVariables('x[$__range]', { instance: '.+' })).toThrow(/\$__range/);
  });
});

describe('parseLabelValues', () => {
  it.each([
    ['label_values(taskmgr_build_info, instance)', { metric: 'taskmgr_build_info', label: 'instance' }],
    [' label_values( up{job="taskmgr"} , instance ) ', { metric: 'up{job="taskmgr"}', label: 'instance' }],
    ['label_values(instance)', null],
    ['query_result(up)', null],
  ])('%s', (query, expected) => {
    expect(parseLabelValues(query)).toEqual(expected);
  });
});

describe('the shipped dashboard, as Grafana imports it', () => {
  const source = z.object({ type: z.literal('prometheus'), uid: z.string() });
  const layout = z.object({
    templating: z.object({ list: z.array(z.object({ name: z.string(), type: z.string(), query: z.unknown() })) }),
    panels: z.array(
      z.object({
        id: z.number(),
        title: z.string(),
        datasource: source,
        gridPos: z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() }),
        targets: z.array(z.object({ refId: z.string(), datasource: source })),
      }),
    ),
  });
  const dashboard = layout.parse(DASHBOARD);

  it("takes every panel's and query's data source from its datasource variable, never a uid of one Grafana", () => {
    expect(dashboard.templating.list.find((v) => v.name === 'datasource')).toMatchObject({ type: 'datasource', query: 'prometheus' });
    const uids = dashboard.panels.flatMap((panel) => [panel.datasource.uid, ...panel.targets.map((target) => target.datasource.uid)]);
    expect(new Set(uids)).toEqual(new Set(['${datasource}']));
  });

  it('gives each panel its own id and its own place on the 24-column grid', () => {
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    const cells = new Map<string, string>();
    for (const panel of dashboard.panels) {
      const { x, y, w, h } = panel.gridPos;
      expect(x + w, panel.title).toBeLessThanOrEqual(24);
      for (let row = y; row < y + h; row++) {
        for (let column = x; column < x + w; column++) {
          const key = `${column},${row}`;
          expect(cells.get(key), `${panel.title} overlaps`).toBeUndefined();
          cells.set(key, panel.title);
        }
      }
    }
  });
});
