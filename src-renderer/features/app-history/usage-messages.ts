/**
 * Plain words for a history answer that has no rows, and for a refused "Delete usage history".
 * Never a blank: a host without the usage store (UNSUPPORTED), recording off (HISTORY_OFF) and an
 * empty range (NO_HISTORY) each say so. Pure.
 */
import type { Failure } from '../../../src-shared/results.ts';
import { appHistoryStrings } from './app-history-strings.ts';

export function historyFailureText(failure: Failure): string {
  const texts = appHistoryStrings.failures;
  switch (failure.code) {
    case 'UNSUPPORTED':
      return texts.unsupported;
    case 'HISTORY_OFF':
      return texts.off;
    case 'NO_HISTORY':
      return texts.nothing;
    default:
      return texts.other(failure.message);
  }
}

/** "Usage history was not deleted: <why in plain words> (<the host's message>)". */
export function deleteRefusalText(failure: Failure): string {
  const plain = appHistoryStrings.refusals[failure.code];
  const reason = plain === undefined ? failure.message : failure.message === '' ? plain : `${plain} (${failure.message})`;
  return appHistoryStrings.deleteRefused(reason);
}
