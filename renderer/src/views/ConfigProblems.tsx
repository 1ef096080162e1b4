import type { ProfilesView } from '../../../shared/profiles-view';
import { errorSentence } from '../lib/error-text';

interface ConfigProblemsProps {
  profiles: ProfilesView;
}

function warningText(warning: ProfilesView['warnings'][number]): string {
  if (warning.line === undefined || warning.message.includes(`line ${warning.line}`)) return warning.message;
  return `${warning.message} (${warning.file}, line ${warning.line})`;
}

/** What RoleTray could not read or use in the AWS files, each as a sentence. */
export function ConfigProblems({ profiles }: ConfigProblemsProps) {
  const { error, warnings, unusable } = profiles;
  if (!error && warnings.length === 0 && unusable.length === 0) return null;
  return (
    <section className="config-problems" aria-labelledby="config-problems-title">
      <h2 id="config-problems-title">Your AWS config</h2>
      {error && (
        <div className="error-text" role="alert">
          <p>{errorSentence(error)}</p>
          <p>RoleTray keeps showing the roles it last read until the file is fixed.</p>
        </div>
      )}
      {warnings.length > 0 && (
        <>
          <h3>Warnings</h3>
          <ul className="plain-list">
            {warnings.map((warning, index) => (
              <li key={`${warning.file}:${warning.line ?? ''}:${index}`}>{warningText(warning)}</li>
            ))}
          </ul>
        </>
      )}
      {unusable.length > 0 && (
        <>
          <h3>Profiles RoleTray cannot use</h3>
          <ul className="plain-list" aria-label="Profiles RoleTray cannot use">
            {unusable.map((profile) => (
              <li key={profile.name}>
                <strong>{profile.name}</strong>: {profile.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
