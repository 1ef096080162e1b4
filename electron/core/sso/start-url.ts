import { RoleTrayError } from '../errors';

// What RoleTray checks of a start URL before it signs in: that it is an https URL at all. Its host
// is not checked: AWS's portals live at d-….awsapps.com/start, an alias's awsapps.com, GovCloud's
// start.us-gov-home.awsapps.com/directory/…, additional Regions' ssoins-….portal.amazonaws.com,
// and others (AWS Toolkit had to drop its host check for that reason). Whether AWS knows the
// instance, AWS says; ssoError turns its refusal into `notAStartUrl`'s sentence.

const EXAMPLE = 'https://d-1234567890.awsapps.com/start';

/** Why `startUrl` cannot be an IAM Identity Center start URL, or undefined when it may be one. */
export function startUrlProblem(startUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(startUrl.trim());
  } catch {
    return `sso_start_url = ${startUrl} is not a URL; an IAM Identity Center start URL looks like ${EXAMPLE}.`;
  }
  if (url.protocol !== 'https:') {
    return `sso_start_url = ${startUrl} is not an https address; an IAM Identity Center start URL looks like ${EXAMPLE}.`;
  }
  return undefined;
}

/** Refuses a sign-in to a start URL that cannot be one, before anything is sent. */
export function checkStartUrl(startUrl: string): void {
  const problem = startUrlProblem(startUrl);
  if (problem) throw new RoleTrayError('ConfigError', problem);
}

/** AWS's refusal of a start URL (InvalidRequestException naming it) as a sentence. */
export function notAStartUrl(startUrl: string, awsMessage: string): RoleTrayError {
  return new RoleTrayError(
    'ConfigError',
    `IAM Identity Center does not know ${startUrl} as a start URL (${awsMessage}). Copy your AWS access portal’s URL from its sign-in page or your administrator; it usually looks like ${EXAMPLE}.`,
    { awsCode: 'InvalidRequestException', awsMessage },
  );
}
