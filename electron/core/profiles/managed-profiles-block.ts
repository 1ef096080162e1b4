import { RoleTrayError } from '../errors';
import { appendLines, detectEol, removeLines } from './ini-edit';
import { headerName, iniLines, joinIniLines, type IniLine } from './ini-lines';

// The block of `[profile …]` sections RoleTray writes into the user's AWS config for the roles an
// IAM Identity Center sign-in discovered, one block per instance:
//
//   # BEGIN RoleTray managed profiles (https://d-….awsapps.com/start)
//   # RoleTray rewrites what is between these lines; edit the name template in RoleTray instead.
//   [profile dev.developeraccess]
//   sso_session = acme
//   …
//   # END RoleTray managed profiles (https://d-….awsapps.com/start)
//
// The block is appended at the end of the file the first time, rewritten in place after that, and
// removed with the lines the append added, so the file comes back byte for byte (its line ends, a
// missing final newline). Nothing outside the block is read as RoleTray's or changed.

export interface ManagedProfile {
  name: string;
  /** The instance's sso-session, or for an instance the config only names in legacy profiles, its start URL and region. */
  login: { ssoSession: string } | { startUrl: string; region: string };
  accountId: string;
  roleName: string;
  region?: string;
  /** `endpoint_url`, for an instance whose own profile sends every service to one endpoint (a local stand-in for AWS). */
  endpointUrl?: string;
}

/** The profile a config section header names (`default`, or `profile NAME`), else undefined. */
function profileNameOf(line: IniLine): string | undefined {
  const header = headerName(line)?.trim();
  if (header === 'default') return header;
  return /^profile\s+(.+)$/.exec(header ?? '')?.[1]!.trim();
}

const beginLine = (startUrl: string) => `# BEGIN RoleTray managed profiles (${startUrl})`;
const endLine = (startUrl: string) => `# END RoleTray managed profiles (${startUrl})`;
const NOTE = '# RoleTray rewrites what is between these lines; edit the name template in RoleTray instead.';

/** Where the instance's block is: the BEGIN and END line indexes, or undefined when there is none. */
function blockOf(
  lines: readonly IniLine[],
  startUrl: string,
  file: string,
): { begin: number; end: number } | undefined {
  const begin = lines.findIndex((line) => line.body.trim() === beginLine(startUrl));
  if (begin === -1) return undefined;
  const end = lines.findIndex((line, index) => index > begin && line.body.trim() === endLine(startUrl));
  if (end === -1)
    throw new RoleTrayError(
      'ConfigError',
      `${file} line ${begin + 1} begins RoleTray's managed profiles for ${startUrl}, but the "${endLine(startUrl)}" line after it is missing, so RoleTray changed nothing; put it back or remove the block.`,
      { file, line: begin + 1 },
    );
  return { begin, end };
}

/** The lines of the block for `profiles`. */
function blockBodies(startUrl: string, profiles: readonly ManagedProfile[]): string[] {
  const sections = profiles.flatMap((profile, index) => [
    ...(index > 0 ? [''] : []),
    `[profile ${profile.name}]`,
    ...('ssoSession' in profile.login
      ? [`sso_session = ${profile.login.ssoSession}`]
      : [`sso_start_url = ${profile.login.startUrl}`, `sso_region = ${profile.login.region}`]),
    `sso_account_id = ${profile.accountId}`,
    `sso_role_name = ${profile.roleName}`,
    ...(profile.region ? [`region = ${profile.region}`] : []),
    ...(profile.endpointUrl ? [`endpoint_url = ${profile.endpointUrl}`] : []),
  ]);
  return [beginLine(startUrl), NOTE, ...sections, endLine(startUrl)];
}

/**
 * `text` with the instance's block holding exactly `profiles` (added, rewritten, or, for none,
 * removed). `file` names the file in a refusal.
 */
export function withManagedProfiles(
  text: string,
  startUrl: string,
  profiles: readonly ManagedProfile[],
  file: string,
): string {
  const lines = iniLines(text);
  const block = blockOf(lines, startUrl, file);
  if (profiles.length === 0) {
    if (!block) return text;
    removeLines(lines, block.begin, block.end);
    return joinIniLines(lines);
  }
  const bodies = blockBodies(startUrl, profiles);
  if (!block) {
    appendLines(lines, bodies);
    return joinIniLines(lines);
  }
  const eol = detectEol(lines);
  const lastEol = lines[block.end]!.eol;
  lines.splice(
    block.begin,
    block.end - block.begin + 1,
    ...bodies.map((body, index) => ({ body, eol: index === bodies.length - 1 ? lastEol : eol, content: '' })),
  );
  return joinIniLines(lines);
}

/** The profile names the instance's block holds (empty without one). */
export function managedProfileNames(text: string, startUrl: string, file: string): string[] {
  const lines = iniLines(text);
  const block = blockOf(lines, startUrl, file);
  if (!block) return [];
  return lines.slice(block.begin, block.end).flatMap((line) => profileNameOf(line) ?? []);
}

/** The names of the `[profile …]` sections outside the instance's block: names the block must not take. */
export function profileNamesOutside(text: string, startUrl: string, file: string): Set<string> {
  const lines = iniLines(text);
  const block = blockOf(lines, startUrl, file);
  const names = new Set<string>();
  lines.forEach((line, index) => {
    if (block && index >= block.begin && index <= block.end) return;
    const name = profileNameOf(line);
    if (name !== undefined) names.add(name);
  });
  return names;
}
