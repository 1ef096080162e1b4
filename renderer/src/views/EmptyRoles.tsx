interface EmptyRolesProps {
  configFile: string;
}

const SNIPPET = `[profile prod-read-only]
role_arn = arn:aws:iam::123456789012:role/DevReadOnly-CrossAccount
source_profile = default
# optional: mfa_serial = arn:aws:iam::210987654321:mfa/your-user
# optional: color = 2e7d32`;

/** No role profiles yet: what to add to the AWS config, or how to try RoleTray without one. */
export function EmptyRoles({ configFile }: EmptyRolesProps) {
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">No roles to switch to yet</h2>
      <p>
        RoleTray lists the profiles in <code>{configFile || '~/.aws/config'}</code> that name a{' '}
        <code>role_arn</code>. Add one like this, with a <code>source_profile</code> whose keys are in your
        credentials file, and it appears here as soon as you save:
      </p>
      <pre className="snippet">
        <code>{SNIPPET}</code>
      </pre>
      <p>
        To try RoleTray without an AWS account, start it with its built-in sandbox:{' '}
        <code>npm start -- --sandbox</code>.
      </p>
    </section>
  );
}
