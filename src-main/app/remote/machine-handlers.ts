/**
 * Connect to machine… (src-shared/machines.ts): the shell commands that probe, save, show and
 * forget other machines. Probe reads the certificate and sends nothing else; connect opens the
 * host's stream only if the certificate is the one the user accepted (and the pinned one, for an
 * address saved before), authenticates, and saves the machine and its tokens only once the host
 * took the token; show and forget switch the window's source (view-source.ts).
 */
import { failure, type CommandResult, type Failure } from '../../../src-shared/results.ts';
import type { SavedMachine } from '../../../src-shared/machines.ts';
import type { ShellCommandArgs } from '../../../src-shared/shell.ts';
import type { ShellHandlers } from '../ipc.ts';
import { machineEndpoint, probeCertificate } from './certificate-check.ts';
import type { MachineStore } from './machine-store.ts';
import { openMachineStream, RemoteConnection, TOKEN_REFUSED_MESSAGE, type StreamOpener } from './remote-connection.ts';
import type { MachineTokens } from './token-vault.ts';
import type { ViewSwitch } from './view-source.ts';

export type MachineCommand = 'probeMachine' | 'connectMachine' | 'showMachine' | 'forgetMachine';

export interface MachineHandlerDeps {
  store: MachineStore;
  view: ViewSwitch;
  /** Whether tokens can be kept (safeStorage's encryption); checked before connecting. */
  canKeepTokens(): Failure | null;
  /** Tests may open streams their own way; `ws` with the certificate pinned by default. */
  open?: StreamOpener;
  /** The saved machines changed (the shell state's list). */
  onSaved(): void;
}

export function createMachineHandlers(deps: MachineHandlerDeps): Pick<ShellHandlers, MachineCommand> {
  const connectTo = (machine: Pick<SavedMachine, 'name' | 'url' | 'fingerprint'>, tokens: MachineTokens) =>
    new RemoteConnection(machine, tokens, deps.open ?? openMachineStream);

  return {
    probeMachine: async ({ url }) => {
      const probed = await probeCertificate(url);
      if (!probed.ok) return probed;
      const facts = probed.facts;
      return {
        ok: true,
        probe: { url, fingerprint: facts?.fingerprint ?? null, subject: facts?.subject ?? null, issuer: facts?.issuer ?? null, pinnedFingerprint: deps.store.pinnedFor(url) },
      };
    },
    connectMachine: (args) => connect(deps, connectTo, args),
    showMachine: async ({ id }): Promise<CommandResult> => {
      if (id === null) {
        deps.view.showLocal();
        return { ok: true };
      }
      if (deps.view.shownId === id) return { ok: true };
      const machine = deps.store.get(id);
      if (!machine) return failure('NOT_FOUND', 'no saved machine has this id');
      const tokens = deps.store.tokensOf(id);
      if ('ok' in tokens) return tokens;
      // Shown at once as `connecting`; the shell state follows the connection from there.
      deps.view.show(machine, connectTo(machine, tokens));
      return { ok: true };
    },
    forgetMachine: async ({ id }): Promise<CommandResult> => {
      if (deps.view.shownId === id) deps.view.showLocal();
      const forgotten = deps.store.forget(id);
      deps.onSaved();
      return forgotten;
    },
  };
}

async function connect(
  deps: MachineHandlerDeps,
  connectTo: (machine: Pick<SavedMachine, 'name' | 'url' | 'fingerprint'>, tokens: MachineTokens) => RemoteConnection,
  args: ShellCommandArgs<'connectMachine'>,
): Promise<CommandResult> {
  const { isTls } = machineEndpoint(args.url);
  if (isTls && args.fingerprint === null) return failure('INVALID_ARGUMENT', 'check the host’s certificate first: its fingerprint is what this app pins');
  if (!isTls && args.fingerprint !== null) return failure('INVALID_ARGUMENT', 'an http:// address has no certificate to pin');
  const pinned = deps.store.pinnedFor(args.url);
  if (pinned !== null && pinned !== args.fingerprint) {
    return failure('ACCESS_DENIED', `another certificate is pinned for ${args.url} (fingerprint ${pinned}): forget that machine first to trust a new one`);
  }
  const cannotKeep = deps.canKeepTokens();
  if (cannotKeep) return cannotKeep;
  const tokens: MachineTokens = { token: args.token, controlToken: args.controlToken ?? null };
  const connection = connectTo({ name: args.name, url: args.url, fingerprint: args.fingerprint }, tokens);
  const settled = await connection.settled();
  if (settled.state !== 'connected') {
    connection.close();
    const message = settled.message ?? `${args.name} can't be reached`;
    if (settled.state === 'refused') return failure(message === TOKEN_REFUSED_MESSAGE ? 'UNAUTHORIZED' : 'ACCESS_DENIED', message);
    return failure('COLLECTOR_DOWN', message);
  }
  const saved = deps.store.save({ name: args.name, url: args.url, fingerprint: args.fingerprint, ...tokens });
  if (!saved.ok) {
    connection.close();
    return saved;
  }
  deps.onSaved();
  deps.view.show(saved.machine, connection);
  return { ok: true };
}
