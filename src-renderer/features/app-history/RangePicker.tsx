/**
 * App history's range: Last hour, 24 hours, 7 days, 30 days (a labelled select), or Custom… with
 * a start and an end (local date and time; Apply or Enter). A custom range that can't be read says
 * why beside the fields and changes nothing.
 */
import { useId, useState, type FormEvent } from 'react';
import { formatDateTime } from '../../format.ts';
import type { UsageRange } from '../../store/usage-slice.ts';
import { appHistoryStrings } from './app-history-strings.ts';
import { localInputValue, parseCustomRange, USAGE_PRESETS, type UsageChoice, type UsagePreset } from './usage-range.ts';

const isPreset = (value: string): value is UsagePreset => (USAGE_PRESETS as readonly string[]).includes(value);

interface RangePickerProps {
  choice: UsageChoice;
  /** The range the choice stands for now (shown, and the custom fields start from it). */
  range: UsageRange;
  onChange(choice: UsageChoice): void;
}

export function RangePicker({ choice, range, onChange }: RangePickerProps) {
  const selectId = useId();
  const [isCustom, setIsCustom] = useState(choice.kind === 'custom');
  const [fromText, setFromText] = useState(() => localInputValue(range.fromMs));
  const [toText, setToText] = useState(() => localInputValue(range.toMs));
  const [error, setError] = useState<string | null>(null);
  const onApply = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseCustomRange(fromText, toText, Date.now());
    if (!parsed.ok) return setError(parsed.message);
    setError(null);
    onChange({ kind: 'custom', range: parsed.range });
  };
  const text = appHistoryStrings;
  return (
    <form className="usage-range" onSubmit={onApply}>
      {/* A label beside the select, not around it: its name is "Range", not the options' text too. */}
      <label htmlFor={selectId}>{text.range}</label>
      <select
        id={selectId}
        value={isCustom ? 'custom' : choice.kind === 'preset' ? choice.preset : 'custom'}
        onChange={(event) => {
          const value = event.target.value;
          setIsCustom(!isPreset(value));
          setError(null);
          if (isPreset(value)) onChange({ kind: 'preset', preset: value });
        }}
      >
        {USAGE_PRESETS.map((p) => (
          <option key={p} value={p}>
            {text.ranges[p]}
          </option>
        ))}
        <option value="custom">{text.ranges.custom}</option>
      </select>
      {isCustom ? (
        <>
          <label>
            {text.from} <input type="datetime-local" step={1} value={fromText} onChange={(event) => setFromText(event.target.value)} />
          </label>
          <label>
            {text.to} <input type="datetime-local" step={1} value={toText} onChange={(event) => setToText(event.target.value)} />
          </label>
          <button type="submit">{text.apply}</button>
        </>
      ) : null}
      <span className="usage-range-shown" role="status">
        {error ?? text.rangeShown(formatDateTime(range.fromMs), formatDateTime(range.toMs))}
      </span>
    </form>
  );
}
