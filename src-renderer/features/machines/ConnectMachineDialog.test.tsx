// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BROWSER_SHELL_STATE } from '../../../src-shared/browser-shell-state.ts';
import type { MachineProbe, SavedMachine } from '../../../src-shared/machines.ts';
import { failure } from '../../../src-shared/results.ts';
import type { FakeAnswers } from '../../testing/fake-api.tsx';
import { renderWithApi } from '../../testing/fake-api.tsx';
import { ConnectMachineDialog } from './ConnectMachineDialog.tsx';

afterEach(cleanup);

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => ((i * 7 + 16) % 256).toString(16).toUpperCase().padStart(2, '0')).join(':');
const OTHER_FINGERPRINT = Array.from({ length: 32 }, () => 'AA').join(':');
const TOKEN = 'view-token-0123456789abcdef';
const CONTROL = 'control-token-0123456789abcdef';

const probe = (overrides: Partial<MachineProbe> = {}): MachineProbe => ({
  url: 'https://build-server:8737',
  fingerprint: FINGERPRINT,
  subject: 'build-server',
  issuer: 'build-server',
  pinnedFingerprint: null,
  ...overrides,
});

function open(answers: FakeAnswers = {}, machines: SavedMachine[] = []) {
  const onClose = vi.fn();
  const mounted = renderWithApi(<ConnectMachineDialog machines={machines} onClose={onClose} />, { ...BROWSER_SHELL_STATE, isDesktopApp: true, machines }, answers);
  return { ...mounted, onClose };
}
const type = (label: string | RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
const next = () => screen.getByRole('button', { name: 'Check the certificate' }) as HTMLButtonElement;
async function fillAndProbe(url = ' https://build-server:8737 ', withControl = true) {
  type('Address', url);
  type('Token', TOKEN);
  if (withControl) type(/^Control token/, CONTROL);
  await act(async () => fireEvent.click(next()));
}

describe('ConnectMachineDialog: the form', () => {
  it.each([
    ['http://build-server:8737', 'a host on another computer must use https://, or its token would cross the network in clear'],
    ['https://build-server:8737/api', 'give the host’s address only (scheme, name and port), without a path'],
    ['https://admin:secret@build-server', 'the address must not hold a user name or password: give the token instead'],
    ['ftp://build-server', 'the address must start with https:// (or http:// for this computer)'],
  ])('says what %s lacks as it is typed (aria-invalid, described by the message) and asks nothing', (url, problem) => {
    const { calls } = open();
    type('Token', TOKEN);
    type('Address', url);
    const field = screen.getByLabelText('Address');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe(problem);
    expect(next().disabled).toBe(true);
    fireEvent.keyDown(field, { key: 'Enter' });
    expect(calls).toEqual([]);
  });

  it('asks for the certificate once the address is right and a token is typed; the address has focus first and the tokens are hidden', () => {
    open();
    expect(document.activeElement).toBe(screen.getByLabelText('Address'));
    expect((screen.getByLabelText('Token') as HTMLInputElement).type).toBe('password');
    expect((screen.getByLabelText(/^Control token/) as HTMLInputElement).type).toBe('password');
    type('Address', 'https://build-server:8737');
    expect(screen.getByLabelText('Address').getAttribute('aria-invalid')).toBeNull();
    expect(next().disabled).toBe(true);
    type('Token', TOKEN);
    expect(next().disabled).toBe(false);
  });
});

describe('ConnectMachineDialog: the certificate', () => {
  it('reads the certificate of the address typed and shows its fingerprint in full (4 lines of 8 pairs), subject and issuer', async () => {
    const { argsOf } = open({ probeMachine: { ok: true, probe: probe({ subject: 'build-server.lan', issuer: 'Example CA' }) } });
    await fillAndProbe();
    expect(argsOf('probeMachine')).toEqual([{ url: 'https://build-server:8737' }]);
    const shown = screen.getByRole('dialog').querySelector('.fingerprint');
    expect([...(shown?.children ?? [])].map((line) => line.textContent)).toHaveLength(4);
    expect([...(shown?.children ?? [])].map((line) => line.textContent).join(':')).toBe(FINGERPRINT);
    expect(screen.getByText('build-server.lan')).toBeTruthy();
    expect(screen.getByText('Example CA')).toBeTruthy();
    // Nothing is trusted by a stray Enter: Cancel has the focus.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByText(/trusted before with another certificate/)).toBeNull();
  });

  it('warns in plain words when the address was trusted before with another certificate, naming the machine to forget', async () => {
    const saved: SavedMachine = { id: 'm1', name: 'build-server', url: 'https://build-server:8737', fingerprint: OTHER_FINGERPRINT, color: '#1565c0', hasControlToken: false };
    open({ probeMachine: { ok: true, probe: probe({ pinnedFingerprint: OTHER_FINGERPRINT }) } }, [saved]);
    await fillAndProbe();
    expect(screen.getByText(/trusted before with another certificate/).textContent).toMatch(/someone may be in between.*forget build-server/);
    expect(screen.getByText('Trusted before')).toBeTruthy();
  });

  it('says why the certificate could not be read (an unreachable host), and stays on the form', async () => {
    open({ probeMachine: failure('INTERNAL', 'the host does not answer (connect ECONNREFUSED 10.0.0.5:8737)') });
    await fillAndProbe();
    expect(screen.getByRole('alert').textContent).toBe('Could not read the host’s certificate: the host does not answer (connect ECONNREFUSED 10.0.0.5:8737)');
    expect((screen.getByLabelText('Token') as HTMLInputElement).value).toBe(TOKEN);
    expect(document.activeElement).toBe(screen.getByLabelText('Address'));
  });
});

describe('ConnectMachineDialog: trust and connect', () => {
  it('sends the fingerprint seen, the name (the host’s when none is typed) and both tokens, then closes', async () => {
    const { argsOf, onClose } = open({ probeMachine: { ok: true, probe: probe() } });
    await fillAndProbe();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Trust and connect' })));
    expect(argsOf('connectMachine')).toEqual([{ url: 'https://build-server:8737', name: 'build-server', fingerprint: FINGERPRINT, token: TOKEN, controlToken: CONTROL }]);
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('sends no control token when none is typed, and the name typed', async () => {
    const { argsOf } = open({ probeMachine: { ok: true, probe: probe() } });
    type('Name', ' build farm ');
    await fillAndProbe(undefined, false);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Trust and connect' })));
    expect(argsOf('connectMachine')).toEqual([{ url: 'https://build-server:8737', name: 'build farm', fingerprint: FINGERPRINT, token: TOKEN }]);
  });

  it('over plain http on this computer there is no certificate: it says so and connects with none', async () => {
    const { argsOf } = open({ probeMachine: { ok: true, probe: probe({ url: 'http://127.0.0.1:8737', fingerprint: null, subject: null, issuer: null }) } });
    await fillAndProbe('http://127.0.0.1:8737');
    expect(screen.getByText(/no certificate to check/)).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Connect' })));
    expect(argsOf('connectMachine')).toEqual([{ url: 'http://127.0.0.1:8737', name: '127.0.0.1', fingerprint: null, token: TOKEN, controlToken: CONTROL }]);
  });

  it.each([
    [failure('UNAUTHORIZED', 'the host refused the token'), 'Refused: the host refused the token. Check the token (the host’s serve --token) and type it again. Type the tokens again to retry.'],
    [
      failure('ACCESS_DENIED', 'the certificate of build-server changed since you connected: its fingerprint is now AA:AA:…'),
      'Could not connect: the certificate of build-server changed since you connected: its fingerprint is now AA:AA:… Type the tokens again to retry.',
    ],
    [failure('INTERNAL', 'the host does not answer (connect ETIMEDOUT)'), 'Could not connect: the host does not answer (connect ETIMEDOUT) Type the tokens again to retry.'],
  ])('a refusal (%o) is said in the dialog, back on the form, and the tokens sent are not kept', async (refusal, said) => {
    const { onClose } = open({ probeMachine: { ok: true, probe: probe() }, connectMachine: refusal });
    type('Name', 'build-server');
    await fillAndProbe();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Trust and connect' })));
    expect(screen.getByRole('alert').textContent).toBe(said);
    expect(onClose).not.toHaveBeenCalled();
    const values = ['Address', 'Name', 'Token', /^Control token/].map((label) => (screen.getByLabelText(label) as HTMLInputElement).value);
    expect(values).toEqual([' https://build-server:8737 ', 'build-server', '', '']);
    expect(document.activeElement).toBe(screen.getByLabelText('Token'));
  });

  it('holds no token while the answer is on its way', async () => {
    let answer: (result: unknown) => void = () => undefined;
    const { argsOf } = open({ probeMachine: { ok: true, probe: probe() }, connectMachine: () => new Promise((resolve) => (answer = resolve)) });
    await fillAndProbe();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Trust and connect' })));
    expect(screen.getByRole('status').textContent).toBe('Connecting…');
    // A second press sends nothing more while the first is on its way.
    expect(screen.getByRole('button', { name: 'Trust and connect' }).getAttribute('aria-disabled')).toBe('true');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Trust and connect' })));
    expect(argsOf('connectMachine')).toHaveLength(1);
    expect(document.body.innerHTML).not.toContain(TOKEN);
    expect(document.body.innerHTML).not.toContain(CONTROL);
    await act(async () => answer({ ok: true }));
  });
});
