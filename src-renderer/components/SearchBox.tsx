/**
 * A search box (`role="searchbox"`): Escape clears it. The Processes and Apps tabs share the
 * store's search text; App.tsx's Ctrl+F focuses the box by `SEARCH_BOX_ID` (one tab is shown at a time).
 */
export const SEARCH_BOX_ID = 'process-search';

interface SearchBoxProps {
  label: string;
  placeholder: string;
  value: string;
  onChange(text: string): void;
}

export function SearchBox({ label, placeholder, value, onChange }: SearchBoxProps) {
  return (
    <input
      id={SEARCH_BOX_ID}
      type="search"
      role="searchbox"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onChange('');
        }
      }}
    />
  );
}
