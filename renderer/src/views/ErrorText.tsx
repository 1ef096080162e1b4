import type { RoleTrayErrorInfo } from '../../../shared/errors';
import { errorSentence } from '../lib/error-text';

interface ErrorTextProps {
  error: RoleTrayErrorInfo;
  /** Names the dismiss button, e.g. "Dismiss the error about prod-read-only". */
  dismissLabel?: string;
  onDismiss?: () => void;
}

/** A failure as a sentence, announced when it appears, optionally dismissable. */
export function ErrorText({ error, dismissLabel, onDismiss }: ErrorTextProps) {
  return (
    <div className="error-text" role="alert">
      <p>{errorSentence(error)}</p>
      {onDismiss && (
        <button
          type="button"
          className="button-quiet"
          aria-label={dismissLabel ?? 'Dismiss'}
          onClick={onDismiss}
        >
          Dismiss
        </button>
      )}
    </div>
  );
}
