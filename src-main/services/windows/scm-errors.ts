/**
 * The Service Control Manager's errors (winerror.h) as the contract's codes, in plain words. Pure.
 * Errors the SCM does not own go on to the control's `failureFromWin32Error`.
 */
import { failure, type Failure } from '../../../src-shared/results.ts';
import { failureFromWin32Error, WIN32_ERROR } from '../../control/win32/win32-errors.ts';

export const SCM_ERROR = {
  /** The service's own code is in dwServiceSpecificExitCode. */
  SERVICE_SPECIFIC_ERROR: 1066,
  DEPENDENT_SERVICES_RUNNING: 1051,
  INVALID_SERVICE_CONTROL: 1052,
  SERVICE_REQUEST_TIMEOUT: 1053,
  SERVICE_DATABASE_LOCKED: 1055,
  SERVICE_ALREADY_RUNNING: 1056,
  SERVICE_DISABLED: 1058,
  SERVICE_DOES_NOT_EXIST: 1060,
  SERVICE_CANNOT_ACCEPT_CTRL: 1061,
  SERVICE_NOT_ACTIVE: 1062,
  SERVICE_DEPENDENCY_FAIL: 1068,
  SERVICE_LOGON_FAILED: 1069,
  SERVICE_MARKED_FOR_DELETE: 1072,
  SERVICE_DEPENDENCY_DELETED: 1075,
  /** dwWin32ExitCode of a service that has not run since boot. */
  SERVICE_NEVER_STARTED: 1077,
} as const;

/** `action`: what was being done, as a person says it ("Stopping Spooler"). */
export function failureFromScmError(error: number, action: string, name: string): Failure {
  const code = error >>> 0;
  switch (code) {
    case WIN32_ERROR.ACCESS_DENIED:
      return failure('ACCESS_DENIED', `${action}: Windows lets only administrators start and stop services — run Task Manager as administrator`);
    case SCM_ERROR.SERVICE_DOES_NOT_EXIST:
      return failure('NOT_FOUND', `${action}: no service named “${name}” is installed`);
    case SCM_ERROR.SERVICE_MARKED_FOR_DELETE:
      return failure('NOT_FOUND', `${action}: the service is being uninstalled`);
    case SCM_ERROR.SERVICE_DISABLED:
      return failure('INVALID_ARGUMENT', `${action}: the service is disabled; set its startup type to Manual or Automatic in Services (services.msc) first`);
    case SCM_ERROR.DEPENDENT_SERVICES_RUNNING:
      return failure('NEEDS_CONFIRMATION', `${action}: other running services depend on it; confirm to stop them too`);
    case SCM_ERROR.INVALID_SERVICE_CONTROL:
    case SCM_ERROR.SERVICE_CANNOT_ACCEPT_CTRL:
      return failure('INVALID_ARGUMENT', `${action}: the service does not accept being stopped now (it may be starting or stopping, or it never can be)`);
    case SCM_ERROR.SERVICE_REQUEST_TIMEOUT:
      return failure('TIMED_OUT', `${action}: the service did not answer Windows in time`);
    case SCM_ERROR.SERVICE_DATABASE_LOCKED:
      return failure('INTERNAL', `${action}: Windows' service list is locked by another program; try again in a moment`);
    case SCM_ERROR.SERVICE_DEPENDENCY_FAIL:
      return failure('INTERNAL', `${action}: a service it depends on could not start`);
    case SCM_ERROR.SERVICE_DEPENDENCY_DELETED:
      return failure('INTERNAL', `${action}: a service it depends on is not installed`);
    case SCM_ERROR.SERVICE_LOGON_FAILED:
      return failure('INTERNAL', `${action}: the account the service runs as could not log on (its password may have changed)`);
    default:
      return failureFromWin32Error(code, action, 'act');
  }
}

/** Why a service that was started stopped again: its exit codes in words. */
export function startFailureMessage(name: string, win32ExitCode: number, serviceSpecificExitCode: number): string {
  if (win32ExitCode === SCM_ERROR.SERVICE_SPECIFIC_ERROR) return `${name} stopped as it started, with its own error code ${serviceSpecificExitCode}`;
  if (win32ExitCode === 0 || win32ExitCode === SCM_ERROR.SERVICE_NEVER_STARTED) return `${name} stopped as it started, without saying why`;
  return `${name} stopped as it started, with Windows error ${win32ExitCode}`;
}
