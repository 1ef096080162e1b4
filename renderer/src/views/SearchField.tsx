import { useId, type KeyboardEvent, type Ref } from 'react';

// A search box as every list has one (roles, buckets, a folder's entries): a hidden label, the
// count or status it is described by, and no autocomplete or spell check on names and ARNs.

interface SearchFieldProps {
  /** The label screen readers announce ("Search roles"). */
  label: string;
  value: string;
  placeholder: string;
  /** The id of the element that says how many entries match. */
  describedBy: string;
  className?: string;
  inputRef?: Ref<HTMLInputElement>;
  onChange: (value: string) => void;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement>) => void;
}

export function SearchField({
  label,
  value,
  placeholder,
  describedBy,
  className,
  inputRef,
  onChange,
  onKeyDown,
}: SearchFieldProps) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        ref={inputRef}
        type="search"
        className={className}
        value={value}
        placeholder={placeholder}
        aria-describedby={describedBy}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={onKeyDown}
      />
    </>
  );
}
