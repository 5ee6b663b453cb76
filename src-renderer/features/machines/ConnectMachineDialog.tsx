/**
 * Connect to machine…: the host's address (checked as it is typed), a name, its token and,
 * optionally, its control token. Step 1 reads the host's certificate (main sends nothing else) and
 * shows it (CertificateView) for the user to check; "Trust and connect" sends the machine with
 * the fingerprint the user saw, and main connects only if the host still has it. The tokens leave
 * the page's memory once sent; a refusal is said here in plain words.
 */
import { useId, useState, type ChangeEvent } from 'react';
import type { MachineProbe, SavedMachine } from '../../../src-shared/machines.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useApi } from '../../store/store-context.tsx';
import { CertificateView } from './CertificateView.tsx';
import { connectFailureText, defaultMachineName, formProblems, machineName, savedMachineAt, type ConnectForm } from './connect-form.ts';
import { machinesStrings } from './machines-strings.ts';

const text = machinesStrings.dialog;

type Step = { kind: 'form' } | { kind: 'probing' } | { kind: 'certificate' | 'connecting'; probe: MachineProbe };

const EMPTY_FORM: ConnectForm = { url: '', name: '', token: '', controlToken: '' };

export function ConnectMachineDialog({ machines, onClose }: { machines: readonly SavedMachine[]; onClose(): void }) {
  const api = useApi();
  const id = useId();
  const [form, setForm] = useState<ConnectForm>(EMPTY_FORM);
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [error, setError] = useState<string | null>(null);
  // After a refused connection the tokens are to be typed again: the focus goes there.
  const [isRetyping, setRetyping] = useState(false);
  const problems = formProblems(form);
  const edit = (key: keyof ConnectForm) => (event: ChangeEvent<HTMLInputElement>) => setForm((typed) => ({ ...typed, [key]: event.target.value }));

  const probe = async () => {
    if (!problems.canProbe || step.kind !== 'form') return;
    setStep({ kind: 'probing' });
    setError(null);
    setRetyping(false);
    const result = await api.probeMachine({ url: form.url.trim() });
    if (result.ok) return setStep({ kind: 'certificate', probe: result.probe });
    setError(text.probeFailed(result.message));
    setStep({ kind: 'form' });
  };
  const connect = async (seen: MachineProbe) => {
    if (step.kind !== 'certificate') return;
    const args = {
      url: seen.url,
      name: machineName(form),
      fingerprint: seen.fingerprint,
      token: form.token,
      ...(form.controlToken !== '' ? { controlToken: form.controlToken } : {}),
    };
    // Sent: main keeps the tokens (safeStorage); the page holds none from here on.
    setForm((typed) => ({ ...typed, token: '', controlToken: '' }));
    setStep({ kind: 'connecting', probe: seen });
    const result = await api.connectMachine(args);
    if (result.ok) return onClose();
    setError(`${connectFailureText(result)} ${text.retypeTokens}`);
    setRetyping(true);
    setStep({ kind: 'form' });
  };

  const onEnter = (event: { key: string; preventDefault(): void }) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void probe();
  };
  const input = (key: keyof ConnectForm, label: string, type: 'text' | 'password', extra: { placeholder?: string; problem?: string | null } = {}) => (
    <>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        data-field={key}
        type={type}
        autoComplete="off"
        spellCheck={false}
        value={form[key]}
        placeholder={extra.placeholder}
        readOnly={step.kind !== 'form'}
        aria-invalid={extra.problem ? true : undefined}
        aria-describedby={extra.problem ? `${id}-${key}-problem` : undefined}
        onChange={edit(key)}
        onKeyDown={onEnter}
      />
      {extra.problem ? (
        <p id={`${id}-${key}-problem`} className="field-problem">
          {extra.problem}
        </p>
      ) : null}
    </>
  );

  const isCertificate = step.kind === 'certificate' || step.kind === 'connecting';
  return (
    <Dialog
      role="dialog"
      title={text.title}
      className="connect-machine"
      description={<p>{isCertificate ? text.certificateHelp : text.help}</p>}
      onCancel={onClose}
      initialFocus={isCertificate ? '[data-cancel]' : isRetyping ? '[data-field=token]' : '[data-field=url]'}
      actions={
        <>
          {isCertificate ? (
            <>
              {/* Busy, not disabled, while connecting: a disabled button would drop the keyboard's focus. */}
              <button type="button" aria-disabled={step.kind === 'connecting' || undefined} onClick={() => void connect(step.probe)}>
                {step.probe.fingerprint === null ? text.connectPlain : text.trust}
              </button>
              <button type="button" aria-disabled={step.kind === 'connecting' || undefined} onClick={() => step.kind === 'certificate' && setStep({ kind: 'form' })}>
                {text.back}
              </button>
            </>
          ) : (
            <button type="button" disabled={!problems.canProbe} aria-disabled={step.kind === 'probing' || undefined} onClick={() => void probe()}>
              {text.next}
            </button>
          )}
          <button type="button" data-cancel="" onClick={onClose}>
            {text.cancel}
          </button>
        </>
      }
    >
      {isCertificate ? (
        <CertificateView probe={step.probe} savedName={savedMachineAt(machines, step.probe.url)?.name ?? null} />
      ) : (
        <div className="connect-fields">
          {input('url', text.url, 'text', { placeholder: text.urlPlaceholder, problem: problems.url })}
          {input('name', text.name, 'text', { placeholder: text.namePlaceholder(defaultMachineName(form.url)) })}
          {input('token', text.token, 'password')}
          {input('controlToken', text.controlToken, 'password')}
        </div>
      )}
      {step.kind === 'probing' || step.kind === 'connecting' ? <p role="status">{step.kind === 'probing' ? text.probing : text.connecting}</p> : null}
      {error !== null ? (
        <p role="alert" className="notice">
          {error}
        </p>
      ) : null}
    </Dialog>
  );
}
