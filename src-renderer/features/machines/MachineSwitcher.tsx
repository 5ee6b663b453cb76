/**
 * The header's machine switcher (desktop app only): a menu button naming the machine shown, with
 * This computer, each saved machine (its colour dot; the one shown checked), Connect to machine…
 * (its dialog loads when first opened) and Forget for each saved machine. A refusal is said beside it.
 */
import { lazy, Suspense, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CommandResult } from '../../../src-shared/results.ts';
import type { MenuItem } from '../../components/ContextMenu.tsx';
import { MenuButton } from '../../components/MenuButton.tsx';
import { useApi, useAppStore } from '../../store/store-context.tsx';
import { machinesStrings } from './machines-strings.ts';
import './machines.css';

const ConnectMachineDialog = lazy(() => import('./ConnectMachineDialog.tsx').then((m) => ({ default: m.ConnectMachineDialog })));

const text = machinesStrings.switcher;

export function MachineSwitcher() {
  const api = useApi();
  const { machines, shownId, shownName } = useAppStore(
    useShallow((s) => ({ machines: s.shell?.machines ?? null, shownId: s.shell?.shownMachine?.id ?? null, shownName: s.shell?.shownMachine?.name ?? null })),
  );
  const [isConnectOpen, setConnectOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const saved = machines ?? [];
  const report = async (answer: Promise<CommandResult>, failed: (message: string) => string) => {
    const result = await answer;
    setNotice(result.ok ? null : failed(result.message));
  };
  const items: MenuItem[] = [
    { id: 'machine-this', label: text.thisComputer, isChecked: shownId === null, onSelect: () => void report(api.showMachine({ id: null }), (m) => text.showFailed(text.thisComputer, m)) },
    ...saved.map((m) => ({
      id: `machine-${m.id}`,
      label: m.name,
      color: m.color,
      isChecked: m.id === shownId,
      onSelect: () => void report(api.showMachine({ id: m.id }), (message) => text.showFailed(m.name, message)),
    })),
    { id: 'machine-connect', label: text.connect, onSelect: () => setConnectOpen(true) },
    ...saved.map((m) => ({
      id: `machine-forget-${m.id}`,
      label: text.forget(m.name),
      onSelect: () => void report(api.forgetMachine({ id: m.id }), (message) => text.forgetFailed(m.name, message)),
    })),
  ];
  return (
    <div className="machine-switcher">
      <MenuButton label={text.button(shownName ?? text.thisComputer)} items={items} />
      {notice !== null ? (
        <span role="alert" className="machine-notice">
          {notice}
        </span>
      ) : null}
      {isConnectOpen ? (
        <Suspense fallback={null}>
          <ConnectMachineDialog machines={saved} onClose={() => setConnectOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}
