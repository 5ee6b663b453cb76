/**
 * Tabs (`role="tablist"`), named plainly; Left/Right/Home/End move between them (automatic
 * activation), and each panel is labelled by its tab.
 */
import type { ReactNode } from 'react';

export interface TabDef<T extends string> {
  id: T;
  label: string;
}

interface TabsProps<T extends string> {
  label: string;
  tabs: readonly TabDef<T>[];
  active: T;
  onChange(id: T): void;
  children: ReactNode;
}

export function Tabs<T extends string>({ label, tabs, active, onChange, children }: TabsProps<T>) {
  const index = tabs.findIndex((t) => t.id === active);
  const go = (i: number) => {
    const tab = tabs[(i + tabs.length) % tabs.length];
    if (!tab) return;
    onChange(tab.id);
    document.getElementById(`tab-${tab.id}`)?.focus();
  };
  return (
    <>
      <div
        role="tablist"
        aria-label={label}
        className="tablist"
        onKeyDown={(event) => {
          const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 };
          const to = moves[event.key];
          if (to !== undefined) {
            event.preventDefault();
            go(to);
          }
        }}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            id={`tab-${tab.id}`}
            type="button"
            role="tab"
            aria-selected={tab.id === active}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === active ? 0 : -1}
            onClick={() => onChange(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${active}`} aria-labelledby={`tab-${active}`} className="tab-panel">
        {children}
      </div>
    </>
  );
}
