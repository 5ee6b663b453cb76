import { describe, expect, it } from 'vitest';
import { failure } from '../../../src-shared/results.ts';
import { appHistoryStrings } from './app-history-strings.ts';
import { deleteRefusalText, historyFailureText } from './usage-messages.ts';

describe('historyFailureText', () => {
  it.each([
    ['UNSUPPORTED', appHistoryStrings.failures.unsupported],
    ['HISTORY_OFF', appHistoryStrings.failures.off],
    ['NO_HISTORY', appHistoryStrings.failures.nothing],
    ['INTERNAL', 'History could not be read: disk I/O error'],
    ['INVALID_ARGUMENT', 'History could not be read: disk I/O error'],
  ] as const)('%s reads in words', (code, expected) => {
    expect(historyFailureText(failure(code, 'disk I/O error'))).toBe(expected);
  });
});

describe('deleteRefusalText', () => {
  it.each([
    ['CONTROL_DISABLED', 'this is a view-only token', `Usage history was not deleted: ${appHistoryStrings.refusals['CONTROL_DISABLED']} (this is a view-only token)`],
    ['HISTORY_OFF', '', `Usage history was not deleted: ${appHistoryStrings.refusals['HISTORY_OFF']}`],
    ['INTERNAL', 'database is locked', 'Usage history was not deleted: database is locked'],
  ] as const)('%s says why', (code, message, expected) => {
    expect(deleteRefusalText(failure(code, message))).toBe(expected);
  });
});
