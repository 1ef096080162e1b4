import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { parseS3Address, type S3Address } from '../../lib/s3-address';

interface AddressBarProps {
  /** The current place, as an s3:// URI (or "" at the bucket list). */
  current: string;
  onGo: (address: S3Address) => void;
}

/** Type or paste s3://bucket/prefix/, an S3 console link or an ARN; Enter goes there, Escape reverts. */
export function AddressBar({ current, onGo }: AddressBarProps) {
  const inputId = useId();
  const errorId = useId();
  // What the user is typing; undefined while the bar shows where the browser is.
  const [draft, setDraft] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseS3Address(draft ?? current);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    setDraft(undefined);
    setProblem(undefined);
    onGo(parsed.address);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && draft !== undefined) {
      event.preventDefault();
      setDraft(undefined);
      setProblem(undefined);
    }
  };

  return (
    <form className="address-bar" role="search" aria-label="Go to an S3 address" onSubmit={onSubmit}>
      <label htmlFor={inputId} className="visually-hidden">
        S3 address
      </label>
      <input
        id={inputId}
        type="text"
        value={draft ?? current}
        placeholder="s3://bucket/folder/ or an S3 console link"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? errorId : undefined}
        onChange={(event) => {
          setDraft(event.target.value);
          setProblem(undefined);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit">Go</button>
      {problem && (
        <p id={errorId} className="address-problem error-text" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}
