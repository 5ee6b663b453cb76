/**
 * The part of vitest's API that the `*.windows.test.ts` files use, for Windows Node under Wine,
 * where vitest itself can't start (rolldown's Windows binary needs bcryptprimitives.dll, which
 * Wine 8 lacks). `wine-test-runner.ts` maps the module name `vitest` here. Assertions are vitest's
 * own (`@vitest/expect`: the same matchers, the same messages); this module only collects suites,
 * tests and hooks, and `runCollected` runs them one after another as vitest's `windows` project
 * does (no file or test parallelism).
 */
import { ASYMMETRIC_MATCHERS_OBJECT, chai, getState, GLOBAL_EXPECT, JestAsymmetricMatchers, JestChaiExpect, JestExtend, setState, type ExpectStatic } from '@vitest/expect';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

type Body = () => unknown;
type Hook = () => unknown;

interface TestCase {
  name: string;
  body: Body | null;
  timeoutMs: number;
}

interface Suite {
  name: string;
  isSkipped: boolean;
  children: (Suite | TestCase)[];
  beforeAll: Hook[];
  afterAll: Hook[];
  beforeEach: Hook[];
  afterEach: Hook[];
}

/** One test's outcome; `skipped` tests count as neither passed nor failed. */
export interface TestOutcome {
  file: string;
  name: string;
  status: 'passed' | 'failed' | 'skipped';
  durationMs: number;
  error?: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const newSuite = (name: string, isSkipped: boolean): Suite => ({ name, isSkipped, children: [], beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] });
let root = newSuite('', false);
let current = root;

function addSuite(name: string, body: () => void, isSkipped: boolean): void {
  const suite = newSuite(name, isSkipped || current.isSkipped);
  current.children.push(suite);
  const parent = current;
  current = suite;
  try {
    body();
  } finally {
    current = parent;
  }
}

function addTest(name: string, body: Body | null, timeoutMs: number | undefined): void {
  current.children.push({ name, body: current.isSkipped ? null : body, timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS });
}

/** `%s`, `%d`, `%i`, `%j`, `$name` in `it.each` names, as vitest formats the common cases. */
function formatName(template: string, row: unknown): string {
  const values = Array.isArray(row) ? [...(row as unknown[])] : [row];
  let named = template.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, key: string) =>
    row !== null && typeof row === 'object' && key in row ? String((row as Record<string, unknown>)[key]) : whole,
  );
  named = named.replace(/%[sdij]/g, () => {
    const value = values.shift();
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
  return named;
}

function eachOf(add: (name: string, body: Body, timeoutMs?: number) => void) {
  return (rows: readonly unknown[]) =>
    (template: string, body: (...args: unknown[]) => unknown, timeoutMs?: number) => {
      for (const row of rows) add(formatName(template, row), () => body(...(Array.isArray(row) ? row : [row])), timeoutMs);
    };
}

type TestFn = ((name: string, body: Body, timeoutMs?: number) => void) & {
  skip: (name: string, body?: Body) => void;
  runIf: (condition: unknown) => (name: string, body: Body, timeoutMs?: number) => void;
  skipIf: (condition: unknown) => (name: string, body: Body, timeoutMs?: number) => void;
  each: ReturnType<typeof eachOf>;
};

const skipTest = (name: string) => addTest(name, null, undefined);
export const it: TestFn = Object.assign((name: string, body: Body, timeoutMs?: number) => addTest(name, body, timeoutMs), {
  skip: skipTest,
  runIf: (condition: unknown) => (condition ? (name: string, body: Body, timeoutMs?: number) => addTest(name, body, timeoutMs) : skipTest),
  skipIf: (condition: unknown) => (condition ? skipTest : (name: string, body: Body, timeoutMs?: number) => addTest(name, body, timeoutMs)),
  each: eachOf((name, body, timeoutMs) => addTest(name, body, timeoutMs)),
});
export const test = it;

type DescribeFn = ((name: string, body: () => void) => void) & {
  skip: (name: string, body: () => void) => void;
  runIf: (condition: unknown) => (name: string, body: () => void) => void;
  skipIf: (condition: unknown) => (name: string, body: () => void) => void;
};

export const describe: DescribeFn = Object.assign((name: string, body: () => void) => addSuite(name, body, false), {
  skip: (name: string, body: () => void) => addSuite(name, body, true),
  runIf: (condition: unknown) => (name: string, body: () => void) => addSuite(name, body, !condition),
  skipIf: (condition: unknown) => (name: string, body: () => void) => addSuite(name, body, Boolean(condition)),
});

export const beforeAll = (hook: Hook) => void current.beforeAll.push(hook);
export const afterAll = (hook: Hook) => void current.afterAll.push(hook);
export const beforeEach = (hook: Hook) => void current.beforeEach.push(hook);
export const afterEach = (hook: Hook) => void current.afterEach.push(hook);

/** vitest's `expect`, built as vitest builds it (createExpect), less snapshots and polling. */
function createExpect() {
  const expect = ((value: unknown, message?: string) => {
    const { assertionCalls } = getState(expect);
    setState({ assertionCalls: assertionCalls + 1 }, expect);
    return chai.expect(value, message);
  }) as unknown as ExpectStatic;
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as Record<symbol, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);
  setState({ assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null, expectedAssertionsNumber: null, expectedAssertionsNumberErrorGen: null }, expect);
  (globalThis as Record<symbol, unknown>)[GLOBAL_EXPECT] = expect;
  return expect;
}
export const expect = createExpect();

const describeError = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

async function withTimeout(body: () => unknown, timeoutMs: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      Promise.resolve().then(body),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const hasTests = (suite: Suite): boolean => suite.children.some((c) => ('children' in c ? hasTests(c) : c.body !== null));

async function runSuite(suite: Suite, file: string, path: string[], inherited: { beforeEach: Hook[]; afterEach: Hook[] }, outcomes: TestOutcome[]): Promise<void> {
  const names = suite.name ? [...path, suite.name] : path;
  const beforeEach = [...inherited.beforeEach, ...suite.beforeEach];
  const afterEach = [...suite.afterEach, ...inherited.afterEach];
  const isActive = hasTests(suite);
  let setupError: unknown = null;
  if (isActive) {
    for (const hook of suite.beforeAll) {
      try {
        await withTimeout(hook, DEFAULT_TIMEOUT_MS, 'beforeAll');
      } catch (error) {
        setupError = error;
        break;
      }
    }
  }
  for (const child of suite.children) {
    if ('children' in child) {
      await runSuite(child, file, names, { beforeEach, afterEach }, outcomes);
      continue;
    }
    const name = [...names, child.name].join(' › ');
    if (child.body === null) {
      outcomes.push({ file, name, status: 'skipped', durationMs: 0 });
      continue;
    }
    const t0 = performance.now();
    let error: unknown = setupError;
    if (error === null) {
      try {
        for (const hook of beforeEach) await withTimeout(hook, DEFAULT_TIMEOUT_MS, 'beforeEach');
        await withTimeout(child.body, child.timeoutMs, 'the test');
      } catch (thrown) {
        error = thrown;
      }
      for (const hook of afterEach) {
        try {
          await withTimeout(hook, DEFAULT_TIMEOUT_MS, 'afterEach');
        } catch (thrown) {
          error ??= thrown;
        }
      }
    }
    const durationMs = Math.round(performance.now() - t0);
    outcomes.push(error === null ? { file, name, status: 'passed', durationMs } : { file, name, status: 'failed', durationMs, error: describeError(error) });
  }
  if (isActive) {
    for (const hook of suite.afterAll) {
      try {
        await withTimeout(hook, DEFAULT_TIMEOUT_MS, 'afterAll');
      } catch (error) {
        outcomes.push({ file, name: [...names, '(afterAll)'].join(' › '), status: 'failed', durationMs: 0, error: describeError(error) });
      }
    }
  }
}

/** Runs what the last imported file declared, then forgets it (the next file starts clean). */
export async function runCollected(file: string): Promise<TestOutcome[]> {
  const outcomes: TestOutcome[] = [];
  const collected = root;
  root = newSuite('', false);
  current = root;
  await runSuite(collected, file, [], { beforeEach: [], afterEach: [] }, outcomes);
  return outcomes;
}
