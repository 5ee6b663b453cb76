import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_RETENTION } from '../history/history-rollup.ts';
import { CONTROL_TOKEN_ON_COMMAND_LINE_WARNING, isLoopbackHost, parseHostOptions, TOKEN_PATTERN, type HostOptions, type ParsedHostOptions } from './host-options.ts';

const GOOD_TOKEN = 'abcdefghijklmnop'; // 16 characters: the shortest allowed
const CONTROL_TOKEN = 'control-token-0123456789';
const NO_ENV: Readonly<Record<string, string | undefined>> = {};

function parse(argv: readonly string[], env = NO_ENV): ParsedHostOptions {
  const result = parseHostOptions(argv, env);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(argv)} to parse, got: ${result.message}`);
  return result;
}

function parsed(argv: readonly string[], env = NO_ENV): HostOptions {
  return parse(argv, env).value;
}

function rejection(argv: readonly string[], env = NO_ENV): string {
  const result = parseHostOptions(argv, env);
  if (result.ok) throw new Error(`expected ${JSON.stringify(argv)} to be rejected, got ${JSON.stringify(result.value)}`);
  expect(result.message.length).toBeGreaterThan(0);
  return result.message;
}

describe('parseHostOptions', () => {
  it('defaults to loopback, port 8737, 1 s, control off, no token and no TLS', () => {
    expect(parsed([])).toEqual({
      host: '127.0.0.1',
      port: 8737,
      token: null,
      controlToken: null,
      isControlAllowed: false,
      intervalMs: 1000,
      tlsCertPath: null,
      tlsKeyPath: null,
      isHistoryOn: true,
      historyDir: null,
      historySettings: {},
      historyRetention: DEFAULT_RETENTION,
      rulesFile: null,
      metricsTop: 10,
    });
  });

  it.each<[string, string[], Partial<HostOptions>]>([
    ['--port 0 (pick a free port)', ['--port', '0'], { port: 0 }],
    ['--port 65535', ['--port', '65535'], { port: 65535 }],
    ['--port=9000', ['--port=9000'], { port: 9000 }],
    ['--interval-ms 250 (the minimum)', ['--interval-ms', '250'], { intervalMs: 250 }],
    ['--interval-ms=10000 (the maximum)', ['--interval-ms=10000'], { intervalMs: 10_000 }],
    ['--allow-control', ['--allow-control'], { isControlAllowed: true }],
    ['--host=localhost', ['--host=localhost'], { host: 'localhost' }],
    ['--host ::1', ['--host', '::1'], { host: '::1' }],
    ['--token T', ['--token', GOOD_TOKEN], { token: GOOD_TOKEN }],
    ['--token=T', [`--token=${GOOD_TOKEN}`], { token: GOOD_TOKEN }],
    ['--history-dir DIR', ['--history-dir', '/tmp/h'], { isHistoryOn: true, historyDir: '/tmp/h' }],
    ['--history-dir=DIR', ['--history-dir=/tmp/h'], { isHistoryOn: true, historyDir: '/tmp/h' }],
    ['--no-history', ['--no-history'], { isHistoryOn: false, historyDir: null }],
    ['--rules-file FILE', ['--rules-file', '/tmp/rules.json'], { rulesFile: '/tmp/rules.json' }],
    ['--metrics-top 1 (the minimum)', ['--metrics-top', '1'], { metricsTop: 1 }],
    ['--metrics-top=100 (the maximum)', ['--metrics-top=100'], { metricsTop: 100 }],
    ['--rules-file=FILE with --no-history (rules are not history)', ['--rules-file=/tmp/r.json', '--no-history'], { rulesFile: '/tmp/r.json', isHistoryOn: false }],
    ['--history-command-lines own', ['--history-command-lines', 'own'], { historySettings: { isRecordingOwnCommandLines: true, isRecordingOthersCommandLines: false } }],
    ['--history-command-lines=all', ['--history-command-lines=all'], { historySettings: { isRecordingOwnCommandLines: true, isRecordingOthersCommandLines: true } }],
    ['--history-keep seconds=2d,lists=14d,usage-hours=2y', ['--history-keep', 'seconds=2d,lists=14d,usage-hours=2y'], { historyRetention: { ...DEFAULT_RETENTION, secondsMs: 2 * DAY_MS, processListsMs: 14 * DAY_MS, usageHoursMs: 730 * DAY_MS } }],
    ['--history-keep=minutes=8w,hours=1y', ['--history-keep=minutes=8w,hours=1y'], { historyRetention: { ...DEFAULT_RETENTION, minutesMs: 56 * DAY_MS } }],
    [
      '--history-command-lines none with --history-dir',
      ['--history-dir', '/tmp/h', '--history-command-lines', 'none'],
      { historyDir: '/tmp/h', historySettings: { isRecordingOwnCommandLines: false, isRecordingOthersCommandLines: false } },
    ],
    [
      'every flag at once',
      ['--host', '127.0.0.1', '--port=1234', '--allow-control', '--interval-ms', '500', '--token', GOOD_TOKEN],
      { host: '127.0.0.1', port: 1234, isControlAllowed: true, intervalMs: 500, token: GOOD_TOKEN },
    ],
  ])('accepts %s', (_name, argv, expected) => {
    expect(parsed(argv)).toMatchObject(expected);
  });

  it.each([
    ['65536', ['--port', '65536']],
    ['-1', ['--port', '-1']],
    ['-1 (= form)', ['--port=-1']],
    ['x', ['--port', 'x']],
    ['1.5', ['--port', '1.5']],
    ['" 80"', ['--port', ' 80']],
  ])('rejects port %s', (_name, argv) => {
    expect(rejection(argv)).toContain('--port');
  });

  it.each([['249'], ['10001'], ['0'], ['abc'], ['1e3'], ['500.5']])('rejects --interval-ms %s', (value) => {
    expect(rejection(['--interval-ms', value])).toContain('--interval-ms');
  });

  it.each([['0'], ['101'], ['-1'], ['ten'], ['1e1'], ['2.5']])('rejects --metrics-top %s, saying what it takes and what it got', (value) => {
    expect(rejection(['--metrics-top', value])).toBe(
      `--metrics-top must be a whole number from 1 to 100 (how many apps and executables /metrics keeps by CPU and by memory), got "${value}"`,
    );
  });

  describe('token', () => {
    it.each<[string, string[], Record<string, string | undefined>, string | null]>([
      ['--token wins over the environment', ['--token', GOOD_TOKEN], { TASKMGR_TOKEN: 'zzzzzzzzzzzzzzzzzzzz' }, GOOD_TOKEN],
      ['TASKMGR_TOKEN when there is no --token', [], { TASKMGR_TOKEN: 'from-the-env_1234.~' }, 'from-the-env_1234.~'],
      ['null (generate one) when neither', [], {}, null],
      ['null when TASKMGR_TOKEN is unset (undefined)', [], { TASKMGR_TOKEN: undefined }, null],
    ])('%s', (_name, argv, env, token) => {
      expect(parsed(argv, env).token).toBe(token);
    });

    it.each([
      ['15 characters', 'abcdefghijklmno'],
      ['a space', 'abcdefgh ijklmnopq'],
      ['a slash', 'abcdefgh/ijklmnopq'],
      ['a plus', 'abcdefgh+ijklmnopq'],
      ['a percent sign', 'abcdefgh%20klmnopq'],
      ['a non-ASCII letter', 'abcdefghijklmnopé'],
      ['a newline', 'abcdefghijklmnopq\n'],
    ])('rejects a token with %s, without echoing it', (_name, token) => {
      for (const [argv, env] of [
        [['--token', token], NO_ENV],
        [[`--token=${token}`], NO_ENV],
        [[], { TASKMGR_TOKEN: token }],
      ] as const) {
        const message = rejection(argv, env);
        expect(message).toContain('token');
        expect(message).not.toContain(token);
        expect(message).not.toContain(token.trim());
      }
    });

    it.each<[string, string[], Record<string, string | undefined>]>([
      ['alone', ['--token-file', '/run/secrets/taskmgr'], {}],
      ['in = form', ['--token-file=/run/secrets/taskmgr'], {}],
      ['over TASKMGR_TOKEN (the flag wins, as --token does)', ['--token-file', '/run/secrets/taskmgr'], { TASKMGR_TOKEN: GOOD_TOKEN }],
      ['over a malformed TASKMGR_TOKEN, which is then not used', ['--token-file', '/run/secrets/taskmgr'], { TASKMGR_TOKEN: 'bad' }],
    ])('--token-file %s: the file is left for the caller to read, no token yet', (_name, argv, env) => {
      const result = parse(argv, env);
      expect(result.tokenFilePath).toBe('/run/secrets/taskmgr');
      expect(result.value.token).toBeNull();
    });

    it('refuses --token together with --token-file', () => {
      expect(rejection(['--token', GOOD_TOKEN, '--token-file', '/run/secrets/taskmgr'])).toMatch(/--token and --token-file/);
    });

    it('has no token file unless --token-file is given', () => {
      expect(parse(['--token', GOOD_TOKEN]).tokenFilePath).toBeNull();
      expect(parse([]).tokenFilePath).toBeNull();
    });

    it.each<[string, string[], Record<string, string | undefined>, boolean]>([
      ['--control-token', ['--allow-control', '--control-token', CONTROL_TOKEN], {}, true],
      ['--control-token=', ['--allow-control', `--control-token=${CONTROL_TOKEN}`], {}, true],
      ['--token with --allow-control (the view token never acts)', ['--token', GOOD_TOKEN, '--allow-control'], {}, false],
      ['--token without --allow-control (it only shows)', ['--token', GOOD_TOKEN], {}, false],
      ['TASKMGR_CONTROL_TOKEN', ['--allow-control'], { TASKMGR_CONTROL_TOKEN: CONTROL_TOKEN }, false],
      ['--control-token-file', ['--control-token-file', '/run/secrets/control', '--allow-control'], {}, false],
      ['a generated control token', ['--allow-control'], {}, false],
    ])('%s: warned that the control token is in the process list → %s', (_name, argv, env, isWarned) => {
      const { warnings } = parse(argv, env);
      expect(warnings).toEqual(isWarned ? [CONTROL_TOKEN_ON_COMMAND_LINE_WARNING] : []);
      for (const warning of warnings) expect(warning).not.toContain(CONTROL_TOKEN);
    });

    it('keeps TOKEN_PATTERN as documented: [A-Za-z0-9._~-]{16,}', () => {
      expect(TOKEN_PATTERN.test('AZaz09._~-AZaz09')).toBe(true);
      expect(TOKEN_PATTERN.test('AZaz09._~-AZaz0')).toBe(false);
    });
  });

  describe('control token', () => {
    it.each<[string, string[], Record<string, string | undefined>, Partial<ParsedHostOptions>, Partial<HostOptions>]>([
      ['--allow-control alone: generate one', ['--allow-control'], {}, { controlTokenFilePath: null }, { controlToken: null, isControlAllowed: true }],
      ['--control-token T', ['--allow-control', '--control-token', CONTROL_TOKEN], {}, {}, { controlToken: CONTROL_TOKEN }],
      ['TASKMGR_CONTROL_TOKEN', ['--allow-control'], { TASKMGR_CONTROL_TOKEN: CONTROL_TOKEN }, {}, { controlToken: CONTROL_TOKEN }],
      ['--control-token wins over TASKMGR_CONTROL_TOKEN', ['--allow-control', '--control-token', CONTROL_TOKEN], { TASKMGR_CONTROL_TOKEN: 'zzzzzzzzzzzzzzzzzzzz' }, {}, { controlToken: CONTROL_TOKEN }],
      ['an empty TASKMGR_CONTROL_TOKEN counts as not set (also without --allow-control)', [], { TASKMGR_CONTROL_TOKEN: '' }, {}, { controlToken: null, isControlAllowed: false }],
      ['--control-token-file F: left for the caller to read', ['--allow-control', '--control-token-file', '/run/secrets/control'], { TASKMGR_CONTROL_TOKEN: CONTROL_TOKEN }, { controlTokenFilePath: '/run/secrets/control' }, { controlToken: null }],
      ['both tokens, each its own', ['--allow-control', '--token', GOOD_TOKEN, '--control-token', CONTROL_TOKEN], {}, { tokenFilePath: null }, { token: GOOD_TOKEN, controlToken: CONTROL_TOKEN }],
      ['both tokens from the environment', ['--allow-control'], { TASKMGR_TOKEN: GOOD_TOKEN, TASKMGR_CONTROL_TOKEN: CONTROL_TOKEN }, {}, { token: GOOD_TOKEN, controlToken: CONTROL_TOKEN }],
      ['both from files (compared once read, by the caller)', ['--allow-control', '--token-file', '/a', '--control-token-file', '/a'], {}, { tokenFilePath: '/a', controlTokenFilePath: '/a' }, {}],
    ])('%s', (_name, argv, env, parse_, options) => {
      const result = parse(argv, env);
      expect(result).toMatchObject(parse_);
      expect(result.value).toMatchObject(options);
    });

    it.each<[string, string[], Record<string, string | undefined>, string]>([
      ['--control-token without --allow-control', ['--control-token', CONTROL_TOKEN], {}, '--control-token without --allow-control would do nothing'],
      ['--control-token-file without --allow-control', ['--control-token-file', '/run/secrets/control'], {}, '--control-token-file without --allow-control would do nothing'],
      ['TASKMGR_CONTROL_TOKEN without --allow-control', [], { TASKMGR_CONTROL_TOKEN: CONTROL_TOKEN }, 'TASKMGR_CONTROL_TOKEN without --allow-control would do nothing'],
      ['--control-token with --control-token-file', ['--allow-control', '--control-token', CONTROL_TOKEN, '--control-token-file', '/f'], {}, '--control-token and --control-token-file: give one of them'],
      ['the control token equal to the view token', ['--allow-control', '--token', CONTROL_TOKEN, '--control-token', CONTROL_TOKEN], {}, 'the control token is the same as the view token'],
      ['equal through the environment', ['--allow-control'], { TASKMGR_TOKEN: CONTROL_TOKEN, TASKMGR_CONTROL_TOKEN: CONTROL_TOKEN }, 'the control token is the same as the view token'],
      ['a malformed control token', ['--allow-control', '--control-token', 'short'], {}, 'the control token must be at least 16 characters'],
      ['a malformed TASKMGR_CONTROL_TOKEN', ['--allow-control'], { TASKMGR_CONTROL_TOKEN: 'has a space in it!!' }, 'the control token must be at least 16 characters'],
      ['--control-token with its value missing', ['--allow-control', '--control-token'], {}, '--control-token needs a value'],
    ])('refuses %s, saying why and never echoing a token', (_name, argv, env, mention) => {
      const message = rejection(argv, env);
      expect(message).toContain(mention);
      expect(message).not.toContain(CONTROL_TOKEN);
    });
  });

  describe('TLS and the listening host', () => {
    it.each([
      ['--tls-cert without --tls-key', ['--tls-cert', 'cert.pem']],
      ['--tls-key without --tls-cert', ['--tls-key', 'key.pem']],
    ])('rejects %s', (_name, argv) => {
      const message = rejection(argv);
      expect(message).toContain('--tls-cert');
      expect(message).toContain('--tls-key');
    });

    it.each([['0.0.0.0'], ['192.168.1.10'], ['example.org'], ['::'], ['128.0.0.1']])(
      'rejects non-loopback --host %s without TLS, saying why',
      (host) => {
        const message = rejection(['--host', host]);
        expect(message).toContain(host);
        expect(message).toContain('--tls-cert');
        expect(message).toMatch(/clear text/);
      },
    );

    it.each([['0.0.0.0'], ['192.168.1.10'], ['example.org']])('accepts non-loopback --host %s with both TLS flags', (host) => {
      expect(parsed(['--host', host, '--tls-cert', '/etc/c.pem', '--tls-key=/etc/k.pem'])).toMatchObject({
        host,
        tlsCertPath: '/etc/c.pem',
        tlsKeyPath: '/etc/k.pem',
      });
    });

    it.each([['127.0.0.1'], ['127.0.0.2'], ['localhost'], ['::1']])('accepts loopback --host %s without TLS', (host) => {
      expect(parsed(['--host', host]).host).toBe(host);
    });
  });

  describe('malformed command lines', () => {
    it.each([
      ['an unknown flag', ['--verbose'], '--verbose'],
      ['an unknown flag in = form (its value is not echoed)', ['--colour=red'], '"--colour"'],
      ['a bare value (not echoed: it may be a secret)', ['8737'], 'unknown argument'],
      ['--allow-control with a value', ['--allow-control=yes'], '--allow-control'],
      ['--no-history with a value', ['--no-history=yes'], '--no-history'],
      ['--history-dir with --no-history', ['--history-dir', '/tmp/h', '--no-history'], '--history-dir and --no-history'],
      ['--history-command-lines with --no-history', ['--no-history', '--history-command-lines', 'all'], '--history-command-lines and --no-history'],
      ['--history-command-lines with a word it does not take', ['--history-command-lines', 'mine'], '--history-command-lines must be own (this user\'s processes), all (every process\'s, other accounts\' included) or none, got "mine"'],
      ['--history-command-lines in capitals', ['--history-command-lines=ALL'], 'got "ALL"'],
      ['--history-keep with --no-history', ['--no-history', '--history-keep', 'seconds=2d'], '--history-keep and --no-history'],
      ['--history-keep of an unknown tier', ['--history-keep', 'decades=2y'], '--history-keep: "decades" is not a tier (seconds, minutes, hours, lists, usage-minutes, usage-hours)'],
      ['--history-keep with a tier twice', ['--history-keep', 'seconds=2d,seconds=3d'], '--history-keep: seconds given twice'],
      ['--history-keep with no unit', ['--history-keep', 'seconds=48'], '--history-keep: seconds=48 is not a span'],
      ['--history-keep with a fraction', ['--history-keep', 'seconds=1.5d'], 'is not a span'],
      ['--history-keep shorter than an hour', ['--history-keep', 'seconds=0h'], '--history-keep: seconds: at least an hour'],
      ['--history-keep with hours shorter than minutes', ['--history-keep', 'hours=10d'], '--history-keep: hours: kept at least as long as minutes'],
      ['--history-keep with lists shorter than seconds', ['--history-keep', 'seconds=14d'], '--history-keep: lists: kept at least as long as seconds'],
    ])('rejects %s, naming it', (_name, argv, mention) => {
      expect(rejection(argv)).toContain(mention);
    });

    it('never echoes what follows a misspelt --token', () => {
      expect(rejection(['--tokn=super-secret-token-value'])).not.toContain('super-secret');
      expect(rejection(['--tokn', 'super-secret-token-value'])).not.toContain('super-secret');
    });

    it('a value flag followed by another flag says the value is missing', () => {
      expect(rejection(['--host', '--allow-control'])).toBe('--host needs a value');
      expect(rejection(['--port', '--token=abcdefabcdefabcdef'])).toBe('--port needs a value');
      expect(rejection(['--history-dir', '--no-history'])).toBe('--history-dir needs a value');
      expect(rejection(['--rules-file', '--allow-control'])).toBe('--rules-file needs a value');
      expect(rejection(['--rules-file'])).toBe('--rules-file needs a value');
    });

    it('an empty TASKMGR_TOKEN counts as not set', () => {
      const result = parseHostOptions([], { TASKMGR_TOKEN: '' });
      expect(result.ok && result.value.token).toBeNull();
    });

    it.each([
      ['--port'],
      ['--host'],
      ['--token'],
      ['--token-file'],
      ['--control-token'],
      ['--control-token-file'],
      ['--interval-ms'],
      ['--tls-cert'],
      ['--tls-key'],
      ['--history-dir'],
      ['--history-command-lines'],
      ['--history-keep'],
      ['--metrics-top'],
    ])('rejects %s with its value missing (at the end, or empty after =)', (flag) => {
      expect(rejection([flag])).toContain(flag);
      expect(rejection([`${flag}=`])).toContain(flag);
    });
  });
});

describe('isLoopbackHost', () => {
  it.each<[string, boolean]>([
    ['127.0.0.1', true],
    ['127.0.0.2', true],
    ['127.255.255.255', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['192.168.1.10', false],
    ['10.0.0.1', false],
    ['example.org', false],
    ['127.example.org', false],
    ['127.0.0', false],
    ['127.0.0.256', false],
    ['127.0.0.1.5', false],
    ['::', false],
    ['', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
