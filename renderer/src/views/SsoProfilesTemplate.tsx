import { useId, useState } from 'react';
import {
  collidingNames,
  profileName,
  templateProblem,
  type NamedRole,
} from '../../../shared/profile-name-template';
import type { SsoInstanceView } from '../../../shared/sso-accounts-view';

// "Write these profiles to ~/.aws/config" and the names they get: the switch, the name template
// with its fields explained, a live example of the first name, and a sentence (instead of Save)
// for a template main would refuse or one that names two roles alike.

interface SsoProfilesTemplateProps {
  instance: SsoInstanceView;
  /** Asks main to keep (or drop) the block with this template; resolves once it answered. */
  save: (template: string, enabled: boolean) => Promise<void>;
}

function rolesOf(instance: SsoInstanceView): NamedRole[] {
  return instance.accounts.flatMap((account) =>
    account.roles.map((role) => ({
      accountId: account.accountId,
      accountName: account.accountName,
      roleName: role.roleName,
    })),
  );
}

/** The sentence for the draft: why it cannot be saved, or undefined. */
function draftProblem(draft: string, roles: readonly NamedRole[]): string | undefined {
  const problem = templateProblem(draft);
  if (problem) return problem;
  const same = collidingNames(draft, roles);
  if (!same) return undefined;
  const [first, second] = same.roles;
  const which = (role: NamedRole) => `${role.roleName} in ${role.accountName} (${role.accountId})`;
  return `${draft} names ${same.roles.length} roles ${same.name}, ${which(first!)} and ${which(second!)} among them: add {role} or {accountId} so each gets its own name.`;
}

export function SsoProfilesTemplate({ instance, save }: SsoProfilesTemplateProps) {
  const { enabled, template } = instance.writeProfiles;
  const [draft, setDraft] = useState(template);
  const [saving, setSaving] = useState(false);
  const fieldId = useId();
  const helpId = useId();
  const checkId = useId();
  const roles = rolesOf(instance);
  const problem = draftProblem(draft, roles);
  const example = roles[0] && !problem ? profileName(draft, roles[0]) : undefined;
  const run = (next: string, on: boolean) => {
    setSaving(true);
    void save(next, on).finally(() => setSaving(false));
  };

  return (
    <div className="sso-profiles-template">
      <label className="sso-write-profiles">
        <input
          type="checkbox"
          checked={enabled}
          disabled={saving || problem !== undefined}
          onChange={(event) => run(draft, event.target.checked)}
        />{' '}
        Write these profiles to ~/.aws/config
      </label>
      <form
        className="sso-template-form"
        aria-label="Profile names"
        onSubmit={(event) => {
          event.preventDefault();
          if (!problem) run(draft, enabled);
        }}
      >
        <label htmlFor={fieldId}>Profile names</label>
        <input
          id={fieldId}
          type="text"
          value={draft}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${helpId} ${checkId}`}
          aria-invalid={problem !== undefined}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="button-small" disabled={saving || !!problem || draft === template}>
          Save names
        </button>
        <p id={helpId} className="muted sso-template-help">
          <code>{'{account}'}</code> the account’s name, <code>{'{accountId}'}</code> its 12-digit id,{' '}
          <code>{'{role}'}</code> the role (permission set). Names are lowercased; other characters become -.
        </p>
        <p id={checkId} className={problem ? 'sso-template-problem' : 'muted'} aria-live="polite">
          {problem ??
            (example
              ? `The first profile would be ${example}${roles.length > 1 ? `, and ${roles.length - 1} more` : ''}.`
              : 'The names appear here once the accounts are listed.')}
        </p>
      </form>
    </div>
  );
}
