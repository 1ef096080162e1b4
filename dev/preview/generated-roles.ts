import { appendFile } from 'node:fs/promises';

// Many role profiles for the preview (`--roles N`), to see and measure the roles list at scale:
// N profiles over N/8 made-up accounts, each chained from one of the sandbox's key profiles and
// pointed at the sandbox like every other profile. Their accounts are not the sandbox's, so
// assuming one is refused; the sandbox's own roles stay in the config beside them, assumable.

const ROLE_NAMES = [
  'ReadOnly',
  'Developer',
  'Admin',
  'Billing',
  'SecurityAudit',
  'DataEngineer',
  'Deploy',
  'Support',
];
const TEAMS = [
  'payments',
  'search',
  'mobile',
  'data',
  'platform',
  'growth',
  'identity',
  'ledger',
  'ads',
  'ops',
];
/** The sandbox's profiles with keys: the same role from both is the case rows must tell apart. */
const SOURCES = ['dev', 'contractor'];
const ROLES_PER_ACCOUNT = 8;

export interface GeneratedAccount {
  id: string;
  alias: string;
}

export interface GeneratedRoles {
  config: string;
  accounts: GeneratedAccount[];
  profiles: string[];
}

/** The generated profiles as config text, with their accounts; the same for the same count. */
export function generatedRoles(count: number, endpoint: string, region: string): GeneratedRoles {
  const accounts: GeneratedAccount[] = [];
  const profiles: string[] = [];
  const lines: string[] = ['', `# ${count} generated roles (npm run preview -- --roles ${count}).`];
  for (let index = 0; index < count; index += 1) {
    const accountIndex = Math.floor(index / ROLES_PER_ACCOUNT);
    if (index % ROLES_PER_ACCOUNT === 0) {
      const team = TEAMS[accountIndex % TEAMS.length]!;
      accounts.push({
        id: String(400_000_000_000 + accountIndex * 7_919).padStart(12, '0'),
        alias: `acme-${team}-${String(Math.floor(accountIndex / TEAMS.length) + 1).padStart(2, '0')}`,
      });
    }
    const account = accounts.at(-1)!;
    const slot = index % ROLES_PER_ACCOUNT;
    // Two slots share a role name, from different sources: ReadOnly from dev and from contractor.
    const roleName = slot === ROLES_PER_ACCOUNT - 1 ? ROLE_NAMES[0]! : ROLE_NAMES[slot]!;
    const source = slot === ROLES_PER_ACCOUNT - 1 ? SOURCES[1]! : SOURCES[0]!;
    const name = `${account.alias.slice(5)}-${roleName.toLowerCase()}${source === 'dev' ? '' : `-${source}`}`;
    profiles.push(name);
    lines.push(
      '',
      `[profile ${name}]`,
      `role_arn = arn:aws:iam::${account.id}:role/${roleName}`,
      `source_profile = ${source}`,
      ...(slot === ROLES_PER_ACCOUNT - 1 ? [`external_id = ${account.alias}-audit`] : []),
      `region = ${region}`,
      `endpoint_url = ${endpoint}`,
    );
  }
  return { config: `${lines.join('\n')}\n`, accounts, profiles };
}

/** Appends them to the config file the sandbox wrote. */
export async function appendGeneratedRoles(
  configFile: string,
  count: number,
  endpoint: string,
  region: string,
): Promise<GeneratedRoles> {
  const generated = generatedRoles(count, endpoint, region);
  await appendFile(configFile, generated.config);
  return generated;
}
