// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { processRow } from '../../../src-shared/testing/fixtures.ts';
import { DetailsPanel } from './DetailsPanel.tsx';

afterEach(cleanup);

/** The value shown beside a label. */
const valueOf = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

describe('DetailsPanel', () => {
  it('shows a Windows service host’s description, publisher and services', () => {
    render(
      <DetailsPanel
        row={processRow({ pid: 1840, name: 'svchost.exe', description: 'Host Process for Windows Services', publisher: 'Microsoft Corporation', services: ['Dnscache', 'nsi'] })}
        onClose={vi.fn()}
      />,
    );
    expect(valueOf('Description')).toBe('Host Process for Windows Services');
    expect(valueOf('Publisher')).toBe('Microsoft Corporation');
    expect(valueOf('Services')).toBe('Dnscache, nsi');
  });

  it('says "None" for a Windows process hosting no service and "—" where the OS has no such figures', () => {
    const { unmount } = render(<DetailsPanel row={processRow({ pid: 5, services: [] })} onClose={vi.fn()} />);
    expect(valueOf('Services')).toBe('None');
    unmount();
    render(<DetailsPanel row={processRow({ pid: 6 })} onClose={vi.fn()} />);
    expect(valueOf('Services')).toBe('—');
    expect(valueOf('Description')).toBe('—');
    expect(valueOf('Publisher')).toBe('—');
  });

  it('has a close button, named, that calls onClose', () => {
    const onClose = vi.fn();
    render(<DetailsPanel row={null} onClose={onClose} />);
    screen.getByRole('button', { name: 'Close details' }).click();
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
