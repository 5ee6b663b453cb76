/**
 * The host's two tokens and what each may do (README "Tokens"): the view token reads (REST,
 * `/metrics`, the stream, queries, rules without actions); the control token does that and runs the
 * commands that act, while `--allow-control` is on. Both are compared in constant time on every
 * request, and either may be replaced while the host runs (a token file that changed,
 * token-file-watch.ts): from then on the old one is refused, and listeners (the stream) hear of it.
 */
import { tokensMatch } from './token.ts';

export type TokenRole = 'view' | 'control';

/** What a request or connection's token is, for the routes and the stream (the host's `HostTokens`; tests give fakes). */
export interface TokenRoles {
  /** The role of `given`, or null when it is neither token (a 401). */
  roleOf(given: string | null | undefined): TokenRole | null;
}

export class HostTokens implements TokenRoles {
  private view: string;
  private control: string | null;
  private readonly listeners = new Set<(role: TokenRole) => void>();

  /** `control`: null on a host without `--allow-control`. */
  constructor(tokens: { view: string; control: string | null }) {
    this.view = tokens.view;
    this.control = tokens.control;
  }

  /** Both are always compared, so the time taken says nothing about which one (if any) matched. */
  roleOf(given: string | null | undefined): TokenRole | null {
    const isView = tokensMatch(this.view, given);
    const isControl = this.control !== null && tokensMatch(this.control, given);
    return isControl ? 'control' : isView ? 'view' : null;
  }

  current(role: TokenRole): string | null {
    return role === 'view' ? this.view : this.control;
  }

  /**
   * Puts `token` in place of `role`'s token (the old one is refused from now on) and tells the
   * listeners; or says why not, changing nothing: the same as the other role's token (a view token
   * that could act), or a control token on a host without one (`--allow-control` is off).
   */
  replace(role: TokenRole, token: string): string | null {
    if (token === this.current(role)) return null;
    if (role === 'control' && this.control === null) return 'this host has no control token to replace (--allow-control is off)';
    if (token === this.current(role === 'view' ? 'control' : 'view')) {
      return `the new ${role === 'view' ? 'view' : 'control'} token is the same as the ${role === 'view' ? 'control' : 'view'} token`;
    }
    if (role === 'view') this.view = token;
    else this.control = token;
    for (const listener of this.listeners) listener(role);
    return null;
  }

  /** Called after a role's token was replaced; returns the unsubscribe. */
  onReplaced(listener: (role: TokenRole) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
