import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import {
  secondsProblem,
  type AppSettings,
  type SecondsField,
  type SettingsPatch,
  type ThemeSetting,
} from '../../../shared/settings-view';
import type { Settings } from '../hooks/useSettings';
import { recordShortcut } from '../lib/shortcut-keys';
import { ErrorText } from './ErrorText';
import './dialog.css';
import './settings.css';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** The schema's words as a sentence: the renderer says exactly what main would refuse. */
function fieldProblem(field: SecondsField, value: number) {
  const message = secondsProblem(field, value);
  return message && `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
}

/**
 * Settings, in a modal dialog from the header: the global shortcut (recorded by pressing it), launch
 * at login, the theme, the default session duration and the clipboard time. Each change is saved
 * at once; a refusal is a sentence beside its field and the field keeps what was typed.
 */
export function SettingsDialog({ settings, onClose }: { settings: Settings; onClose: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [saved, setSaved] = useState('');

  useEffect(() => {
    const dialog = dialogRef.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    if (dialog && !dialog.open) dialog.showModal();
    // Close first, not the shortcut field showModal would pick: that field takes Escape for itself.
    closeRef.current?.focus();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);

  const save = async (patch: SettingsPatch, what: string) => {
    const error = await settings.save(patch);
    setSaved(error ? '' : `Saved ${what}.`);
    return error;
  };

  return (
    <dialog
      ref={dialogRef}
      className="mfa-dialog settings-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>Settings</h2>
      {settings.error && <ErrorText error={settings.error} />}
      {settings.view ? (
        <div className="settings-fields">
          <ShortcutField current={settings.view.settings.globalShortcut} save={save} />
          <LoginFields current={settings.view.settings} save={save} />
          <ThemeField current={settings.view.settings.theme} save={save} />
          <SecondsField
            field="defaultSessionSeconds"
            label="Default session duration (seconds)"
            current={settings.view.settings.defaultSessionSeconds}
            hint="For roles whose profile has no duration_seconds: 900–43,200 s (15 min–12 h). AWS caps it at the role's maximum session duration (1 h unless raised) and at 1 h for roles assumed from an MFA session or another role; with MFA, more than 1 h means a code for each assume."
            save={save}
          />
          <SecondsField
            field="clipboardClearSeconds"
            label="Clear copied secrets after (seconds)"
            current={settings.view.settings.clipboardClearSeconds}
            hint="Shell variables with a session's keys are taken off the clipboard after this, if it still holds them; 0 leaves them until replaced. At most 600 s."
            save={save}
          />
          {settings.view.notes.map((note) => (
            <p key={note} className="muted">
              {note}
            </p>
          ))}
        </div>
      ) : (
        <p className="muted" role="status">
          Reading your settings…
        </p>
      )}
      <p role="status" className="muted settings-saved">
        {saved}
      </p>
      <div className="dialog-actions">
        <button ref={closeRef} type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}

type Save = (patch: SettingsPatch, what: string) => Promise<{ message: string } | undefined>;

function ShortcutField({ current, save }: { current: string; save: Save }) {
  const id = useId();
  const hintId = useId();
  const problemId = useId();
  const [held, setHeld] = useState<string>();
  const [problem, setProblem] = useState<string>();

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const recorded = recordShortcut(event.nativeEvent, isMac);
    if (recorded.kind === 'pass') return;
    // Every other key is the recording's: Escape must not close the dialog from here.
    event.preventDefault();
    event.stopPropagation();
    if (recorded.kind === 'pending') setHeld(recorded.held ? `${recorded.held}+…` : undefined);
    else if (recorded.kind === 'cancel') {
      setHeld(undefined);
      setProblem(undefined);
      event.currentTarget.blur();
    } else if (recorded.kind === 'refused') {
      setHeld(undefined);
      setProblem(recorded.problem);
    } else {
      setHeld(undefined);
      void save({ globalShortcut: recorded.accelerator }, 'the shortcut').then((error) =>
        setProblem(error?.message),
      );
    }
  };

  return (
    <div className="settings-field">
      <label htmlFor={id}>Global shortcut</label>
      <input
        id={id}
        className="shortcut-input"
        type="text"
        readOnly
        value={held ?? current}
        aria-describedby={problem ? `${problemId} ${hintId}` : hintId}
        aria-invalid={problem ? true : undefined}
        onKeyDown={onKeyDown}
        onKeyUp={() => setHeld(undefined)}
        onBlur={() => setHeld(undefined)}
      />
      {problem && (
        <p id={problemId} className="error-text" role="alert">
          {problem}
        </p>
      )}
      <p id={hintId} className="muted">
        Opens the role picker from anywhere. Click the field and press the keys, e.g. Ctrl+Shift+R; Escape
        cancels.
      </p>
    </div>
  );
}

function LoginFields({ current, save }: { current: AppSettings; save: Save }) {
  const atLogin = useId();
  const hidden = useId();
  return (
    <fieldset className="settings-field">
      <legend>Start</legend>
      <div className="settings-check">
        <input
          id={atLogin}
          type="checkbox"
          checked={current.openAtLogin}
          onChange={(event) => void save({ openAtLogin: event.target.checked }, 'launch at login')}
        />
        <label htmlFor={atLogin}>Launch RoleTray at login</label>
      </div>
      <div className="settings-check">
        <input
          id={hidden}
          type="checkbox"
          checked={current.startHidden}
          onChange={(event) => void save({ startHidden: event.target.checked }, 'start hidden')}
        />
        <label htmlFor={hidden}>Start hidden in the tray when launched at login</label>
      </div>
    </fieldset>
  );
}

const THEMES: { value: ThemeSetting; label: string }[] = [
  { value: 'system', label: 'As the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

function ThemeField({ current, save }: { current: ThemeSetting; save: Save }) {
  const name = useId();
  return (
    <fieldset className="settings-field">
      <legend>Theme</legend>
      {THEMES.map((theme) => (
        <div key={theme.value} className="settings-check">
          <input
            id={`${name}-${theme.value}`}
            type="radio"
            name={name}
            value={theme.value}
            checked={current === theme.value}
            onChange={() => void save({ theme: theme.value }, 'the theme')}
          />
          <label htmlFor={`${name}-${theme.value}`}>{theme.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

interface SecondsFieldProps {
  field: SecondsField;
  label: string;
  current: number;
  hint: string;
  save: Save;
}

function SecondsField({ field, label, current, hint, save }: SecondsFieldProps) {
  const id = useId();
  const hintId = useId();
  const problemId = useId();
  // What is typed stays, even when refused: nothing the user wrote is lost.
  const [text, setText] = useState(String(current));
  const [problem, setProblem] = useState<string>();

  const commit = async () => {
    const value = Number(text.trim());
    if (text.trim() === '' || Number.isNaN(value)) {
      setProblem(`${label.replace(/ \(seconds\)$/, '')} is a number of seconds.`);
      return;
    }
    if (value === current) {
      setProblem(undefined);
      return;
    }
    const local = fieldProblem(field, value);
    if (local) {
      setProblem(local);
      return;
    }
    const error = await save({ [field]: value }, label.replace(/ \(seconds\)$/, '').toLowerCase());
    setProblem(error?.message);
  };

  return (
    <div className="settings-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        className="settings-seconds"
        value={text}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${problemId} ${hintId}` : hintId}
        onChange={(event) => setText(event.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void commit();
          }
        }}
      />
      {problem && (
        <p id={problemId} className="error-text" role="alert">
          {problem}
        </p>
      )}
      <p id={hintId} className="muted">
        {hint}
      </p>
    </div>
  );
}
