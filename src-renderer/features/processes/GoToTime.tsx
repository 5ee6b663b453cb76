/**
 * "Go to time" in the Processes toolbar: a local date and time to the second; Go (or Enter) shows
 * the processes of that moment (time travel). A moment that is not a time yet (a half-typed
 * field) does nothing.
 */
import { useState, type FormEvent } from 'react';
import { useApi, useStoreApi } from '../../store/store-context.tsx';
import { goToTime } from '../../store/time-travel.ts';
import { strings } from '../../strings.ts';

export function GoToTime() {
  const api = useApi();
  const store = useStoreApi();
  const [value, setValue] = useState('');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    // A datetime-local value ("2026-12-05T03:12:05") has no zone: Date reads it as local time, as the user typed it.
    const atMs = new Date(value).getTime();
    if (value === '' || !Number.isFinite(atMs)) return;
    void goToTime(api, store, atMs);
  };
  return (
    <form className="go-to-time" onSubmit={onSubmit}>
      <label>
        {strings.timeTravel.goToTime}{' '}
        <input type="datetime-local" step={1} aria-label={strings.timeTravel.goToTimeField} value={value} onChange={(event) => setValue(event.target.value)} />
      </label>
      <button type="submit">{strings.timeTravel.go}</button>
    </form>
  );
}
