import { useId, useState, type FormEvent } from 'react';
import type { HandoffStatus, ShellKind } from '../../../shared/handoff-view';
import type { IpcResult } from '../../../shared/ipc-contract';
import { useRequest } from '../hooks/useRequest';
import { useRequestRun } from '../hooks/useRequestRun';
import { request } from '../lib/roletray-client';
import { useRoleTray } from '../state/RoleTrayContext';
import { CopyButton } from './CopyButton';
import { ErrorText } from './ErrorText';

// Using a role outside RoleTray: the credential_process block for ~/.aws/config, the session as
// shell variables, a terminal or the console opened as the role, and the opt-in copies for the AWS
// CLI's cache and the credentials file. Main does each of these; nothing secret comes back here.

interface HandoffPanelProps {
  profile: string;
  label: string;
  /** Changes when the role's session does, so the states shown are read again. */
  sessionKey: string;
}

const SHELLS: { shell: ShellKind; name: string }[] = [
  { shell: 'sh', name: 'sh, bash, zsh' },
  { shell: 'fish', name: 'fish' },
  { shell: 'powershell', name: 'PowerShell' },
];

export function HandoffPanel({ profile, label, sessionKey }: HandoffPanelProps) {
  const { api } = useRoleTray();
  const [status, setStatus] = useState<HandoffStatus>();
  const { working, done, error, setError, run } = useRequestRun();
  const [section, setSection] = useState('');
  const headingId = useId();
  const sectionId = useId();

  // The states, read again when the session changes. Each answer is shown once, as an update's
  // answer is, and the last status stays on screen while the next is asked (or if it fails).
  const read = useRequest('handoff:status', { profile }, sessionKey);
  const answer = read.value ?? read.error;
  const [shownAnswer, setShownAnswer] = useState(answer);
  if (answer !== shownAnswer) {
    setShownAnswer(answer);
    if (read.value) setStatus(read.value);
    if (read.error) setError(read.error);
  }

  const update = async (ask: () => Promise<IpcResult<HandoffStatus>>, said: string) => {
    const next = await run(ask, said);
    if (next) setStatus(next);
  };

  const writing = status?.credentialsFile.profileName;

  const writeSection = (event: FormEvent) => {
    event.preventDefault();
    const name = section.trim();
    void update(
      () => request(api, 'handoff:credentials-file', { profile, profileName: name }),
      `RoleTray writes [${name}] while the session lasts.`,
    );
  };

  return (
    <section className="handoff-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>Use {label} elsewhere</h3>

      {status && (
        <div className="handoff-block">
          <h4>From the terminal</h4>
          <p className="muted">
            Add this to <code>~/.aws/config</code>, then run{' '}
            <code>aws --profile {status.configProfile} …</code>. RoleTray answers while it runs, and asks for
            an MFA code in its own window when one is needed.
          </p>
          {/* Focusable: it scrolls sideways when the window is narrow. */}
          <pre aria-label={`Config block for ${label}`} tabIndex={0}>
            {status.configBlock}
          </pre>
          <CopyButton what="config block" value={status.configBlock} />
          {!status.helper.running && <p className="warning-text">{status.helper.problem}</p>}
        </div>
      )}

      <div className="handoff-block">
        <h4>As environment variables</h4>
        <div className="handoff-actions">
          {SHELLS.map(({ shell, name }) => (
            <button
              key={shell}
              type="button"
              className="button-small"
              disabled={working}
              aria-label={`Copy ${label} as ${name} variables`}
              onClick={() =>
                void run(
                  () => request(api, 'handoff:copy-env', { profile, shell }),
                  ({ clearedAfterSeconds: after }) =>
                    `Copied for ${name}. The values went straight to the clipboard${
                      after === null ? '.' : ` and leave it in ${after} s, unless you copy something else.`
                    }`,
                )
              }
            >
              {name}
            </button>
          ))}
        </div>
      </div>

      <div className="handoff-block handoff-actions">
        <button
          type="button"
          disabled={working}
          aria-label={`Open a terminal as ${label}`}
          onClick={() =>
            void run(
              () => request(api, 'handoff:open-terminal', { profile }),
              'Opened a terminal: AWS tools in it use this role.',
            )
          }
        >
          Open a terminal
        </button>
        <button
          type="button"
          disabled={working || status?.console.available === false}
          aria-label={`Open the AWS console as ${label}`}
          title={status?.console.problem}
          onClick={() =>
            void run(
              () => request(api, 'handoff:open-console', { profile }),
              'Opened the AWS console in your browser.',
            )
          }
        >
          Open the AWS console
        </button>
      </div>

      {status?.cliCache.available && (
        <div className="handoff-block">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={status.cliCache.enabled}
              disabled={working}
              onChange={(event) => {
                const enabled = event.target.checked;
                void update(
                  () => request(api, 'handoff:cli-cache', { profile, enabled }),
                  enabled
                    ? `aws --profile ${profile} now uses RoleTray’s session.`
                    : 'No longer shared with the AWS CLI.',
                );
              }}
            />
            Share with the AWS CLI: <code>aws --profile {profile}</code> uses this session, no prompt
          </label>
          {status.cliCache.problem && <p className="warning-text">{status.cliCache.problem}</p>}
        </div>
      )}

      {status && (
        <div className="handoff-block">
          {writing ? (
            <div className="field">
              <span>
                Writing <code>[{writing}]</code> in <code>{status.credentialsFile.file}</code> while the
                session lasts.
              </span>
              <button
                type="button"
                className="button-small"
                disabled={working}
                onClick={() =>
                  void update(
                    () => request(api, 'handoff:credentials-file', { profile, profileName: null }),
                    `Removed [${writing}] from the credentials file.`,
                  )
                }
              >
                Stop writing
              </button>
            </div>
          ) : (
            <form className="field" onSubmit={writeSection}>
              <label htmlFor={sectionId}>Write to the credentials file as</label>
              <input
                id={sectionId}
                value={section}
                placeholder={`${profile}-session`}
                spellCheck={false}
                onChange={(event) => setSection(event.target.value)}
              />
              <button type="submit" className="button-small" disabled={working || !section.trim()}>
                Write
              </button>
            </form>
          )}
          {status.credentialsFile.problem && <p className="warning-text">{status.credentialsFile.problem}</p>}
          {status.credentialsFile.notice && <p className="muted">{status.credentialsFile.notice}</p>}
        </div>
      )}

      <p className="handoff-done" role="status">
        {done}
      </p>
      {error && (
        <ErrorText
          error={error}
          dismissLabel="Dismiss the hand-off error"
          onDismiss={() => setError(undefined)}
        />
      )}
    </section>
  );
}
