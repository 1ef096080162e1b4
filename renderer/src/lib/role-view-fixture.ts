import type { RoleView } from '../../../shared/profiles-view';

// Tests only: a role as the roles list receives it, assumed from `dev`, with what a test varies.

export function role(name: string, accountId: string, extra: Partial<RoleView> = {}): RoleView {
  const roleName = extra.roleName ?? `${name}-role`;
  return {
    name,
    accountId,
    roleName,
    roleArn: `arn:aws:iam::${accountId}:role/${roleName}`,
    chain: [name, 'dev'],
    metadata: {},
    ...extra,
  };
}
