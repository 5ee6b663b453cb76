/**
 * What the bar across the top says while another machine is shown, in which colours, and the
 * window's title: so nobody ends a process on the wrong machine. Pure.
 */
import type { ShownMachine } from '../../../src-shared/machines.ts';
import { strings } from '../../strings.ts';
import { machinesStrings } from './machines-strings.ts';

export interface BarText {
  /** "Viewing build-server (https://build-server:8737)". */
  viewing: string;
  /** "connected", or "unreachable: the host does not answer". */
  state: string;
  /** Said when actions will be refused for want of a control token; null otherwise. */
  viewOnly: string | null;
}

export function barText(machine: ShownMachine): BarText {
  const state = machinesStrings.bar.states[machine.state];
  return {
    viewing: machinesStrings.bar.viewing(machine.name, machine.url),
    state: machine.message === null ? state : machinesStrings.bar.stateWithMessage(state, machine.message),
    viewOnly: machine.hasControlToken ? null : machinesStrings.bar.viewOnly,
  };
}

/** The window's title: the app's, and the machine's name while another machine is shown. */
export function documentTitle(machineName: string | null): string {
  return machineName === null ? strings.title : machinesStrings.title(strings.title, machineName);
}

/**
 * Black or white, whichever reads better on `background` (`#rrggbb`): the larger WCAG 2 contrast
 * ratio, from the colour's relative luminance (sRGB channels linearised).
 */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  const channels = [1, 3, 5].map((at) => Number.parseInt(background.slice(at, at + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.040_45 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const onWhite = 1.05 / (luminance + 0.05);
  const onBlack = (luminance + 0.05) / 0.05;
  return onBlack >= onWhite ? '#000000' : '#ffffff';
}
