/**
 * The host's certificate as Connect to machine… shows it before the first connection: its SHA-256
 * fingerprint in full (monospace, 4 lines of 8 pairs, to read against the host's), subject and
 * issuer; and, when this address was trusted before with another certificate, a plain warning with
 * the one trusted before. Plain http on loopback has no certificate: it says so.
 */
import type { MachineProbe } from '../../../src-shared/machines.ts';
import { groupFingerprint } from './connect-form.ts';
import { machinesStrings } from './machines-strings.ts';

const text = machinesStrings.dialog;

export function CertificateView({ probe, savedName }: { probe: MachineProbe; savedName: string | null }) {
  if (probe.fingerprint === null) return <p>{text.plainHttp}</p>;
  const isChanged = probe.pinnedFingerprint !== null && probe.pinnedFingerprint !== probe.fingerprint;
  return (
    <>
      {isChanged ? <p className="warning">{text.pinnedChanged(savedName)}</p> : null}
      <dl className="certificate">
        <dt>{text.fingerprint}</dt>
        <dd>
          <Fingerprint value={probe.fingerprint} />
        </dd>
        {isChanged && probe.pinnedFingerprint !== null ? (
          <>
            <dt>{text.pinnedBefore}</dt>
            <dd>
              <Fingerprint value={probe.pinnedFingerprint} />
            </dd>
          </>
        ) : null}
        <dt>{text.subject}</dt>
        <dd>{probe.subject ?? text.unknown}</dd>
        <dt>{text.issuer}</dt>
        <dd>{probe.issuer ?? text.unknown}</dd>
      </dl>
    </>
  );
}

function Fingerprint({ value }: { value: string }) {
  return (
    <code className="fingerprint" aria-label={value}>
      {groupFingerprint(value).map((line) => (
        <span key={line}>{line}</span>
      ))}
    </code>
  );
}
