import { useEffect, useState } from 'react';

interface CopyButtonProps {
  /** What is copied, as the button's name says it: "ARN" gives "Copy ARN". */
  what: string;
  value: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies a value with navigator.clipboard and says whether that worked. */
export function CopyButton({ what, value }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) {
      setState('failed');
      return;
    }
    clipboard.writeText(value).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <>
      <button type="button" className="button-small" aria-label={`Copy ${what}`} onClick={copy}>
        {state === 'copied' ? 'Copied' : 'Copy'}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? `${what} copied.` : state === 'failed' ? `Could not copy the ${what}.` : ''}
      </span>
      {state === 'failed' && <span className="copy-failed">Could not copy; select the text instead.</span>}
    </>
  );
}
