import { useEffect, useId, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import type { MfaPromptView } from '../../../shared/ipc-contract';
import { parseRoleArn } from '../lib/arn';
import { isCompleteMfaCode, mfaDeviceName, normaliseMfaCode } from '../lib/mfa-code';
import './dialog.css';

interface MfaDialogProps {
  prompt: MfaPromptView;
  /** The code was sent; AWS has not answered yet. */
  checking: boolean;
  /** Further prompts queued behind this one. */
  waiting: number;
  onAnswer: (code: string) => void;
  onCancel: () => void;
}

/**
 * The MFA code dialog: names the role and the device, takes six digits (typed or pasted, spaces and
 * all) and sends them on the sixth; shows AWS's words when the previous code was refused; Escape
 * or Cancel answers "no code".
 */
export function MfaDialog({ prompt, checking, waiting, onAnswer, onCancel }: MfaDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const role = prompt.roleArn ? parseRoleArn(prompt.roleArn) : undefined;

  const profileRef = useRef(prompt.profile);
  useEffect(() => {
    profileRef.current = prompt.profile;
  }, [prompt.profile]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // The dialog opened after its Assume button went busy, so the browser has nowhere to give
      // focus back: the role's row takes it, where the user was (not in the MFA window: no rows).
      if (document.activeElement === document.body || document.activeElement === null) {
        document.querySelector<HTMLElement>(`[data-role-row="${CSS.escape(profileRef.current)}"]`)?.focus();
      }
    };
  }, []);

  return (
    <dialog
      ref={dialogRef}
      className="mfa-dialog"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>Enter MFA code</h2>
      <div id={descriptionId} className="mfa-description">
        <p>
          <strong>{prompt.profile}</strong> needs a code from your MFA device{' '}
          <strong>{mfaDeviceName(prompt.serial)}</strong>.
        </p>
        <dl className="mfa-facts">
          {role && (
            <div>
              <dt>Role</dt>
              <dd>
                {role.roleName} in account {role.accountId}
              </dd>
            </div>
          )}
          <div>
            <dt>Device</dt>
            <dd>
              <code className="wrap">{prompt.serial}</code>
            </dd>
          </div>
        </dl>
      </div>
      {/* A new prompt (a retry) starts with an empty field. */}
      <MfaCodeForm
        key={prompt.requestId}
        previousError={prompt.previousError}
        checking={checking}
        onAnswer={onAnswer}
        onCancel={onCancel}
      />
      {waiting > 0 && (
        <p className="muted">
          {waiting === 1 ? 'One more code is' : `${waiting} more codes are`} waiting after this one.
        </p>
      )}
    </dialog>
  );
}

interface MfaCodeFormProps {
  previousError: string | undefined;
  checking: boolean;
  onAnswer: (code: string) => void;
  onCancel: () => void;
}

function MfaCodeForm({ previousError, checking, onAnswer, onCancel }: MfaCodeFormProps) {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [code, setCode] = useState('');

  const send = (value: string) => {
    if (!checking && isCompleteMfaCode(value)) onAnswer(value);
  };

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const next = normaliseMfaCode(event.target.value);
    setCode(next);
    if (isCompleteMfaCode(next) && !isCompleteMfaCode(code)) send(next);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send(code);
  };

  return (
    <form className="mfa-form" onSubmit={onSubmit}>
      {previousError && (
        <p id={errorId} className="error-text" role="alert">
          {previousError}
        </p>
      )}
      <label htmlFor={inputId}>MFA code</label>
      <input
        id={inputId}
        className="mfa-input"
        type="text"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        spellCheck={false}
        value={code}
        readOnly={checking}
        aria-invalid={previousError ? true : undefined}
        aria-describedby={previousError ? `${errorId} ${hintId}` : hintId}
        onChange={onChange}
      />
      <p id={hintId} className="muted">
        {previousError
          ? 'Wait for the next code from your authenticator app, then enter it.'
          : 'The 6 digits your authenticator app shows now; pasting works. It is sent on the sixth digit.'}
      </p>
      {checking && (
        <p className="pending-text" role="status">
          Checking the code with AWS…
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button-primary" disabled={checking || !isCompleteMfaCode(code)}>
          {checking ? 'Checking…' : 'Submit'}
        </button>
      </div>
    </form>
  );
}
