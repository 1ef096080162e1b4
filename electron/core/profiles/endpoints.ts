import type { NamedSection, ProfileEntry, Values } from './aws-config-map';
import type { Profile } from './profiles';

// Where a profile sends its STS, S3 and IAM Identity Center calls, and in which region, as the AWS
// CLI decides for `--profile name`: from that profile alone (nothing is inherited from
// source_profile, so a role chained from an SSO profile signs in through the role's own
// endpoints), the environment first.
//
// Region: AWS_DEFAULT_REGION, else the profile's `region` (botocore does not read AWS_REGION).
// The OIDC and portal calls go to the sso_region instead (SsoLogin.region), as botocore's
// SSOCredentialFetcher and SSOTokenProvider create their clients with region_name=sso_region.
// Endpoints, per the AWS SDKs and Tools Reference Guide, "Service-specific endpoints"
// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html), which is botocore's
// ConfiguredEndpointProvider order: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the service's
// endpoint_url in the profile's [services name] section, the profile's endpoint_url;
// `ignore_configured_endpoint_urls` (or AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, which wins over it)
// turns them all off. <SERVICE> and the section's key are the service id snake-cased
// (_get_snake_case_service_id): `sso-oidc` is AWS_ENDPOINT_URL_SSO_OIDC and `sso_oidc =`.

/** The services RoleTray calls, by botocore's client name, and the profile field each endpoint goes in. */
export const ENDPOINT_SERVICES = {
  sts: 'stsEndpoint',
  s3: 's3Endpoint',
  sso: 'ssoEndpoint',
  'sso-oidc': 'ssoOidcEndpoint',
  iam: 'iamEndpoint',
} as const;
export type EndpointService = keyof typeof ENDPOINT_SERVICES;

/** Which services each kind of profile calls: SSO sign-in matters where a chain may start with it. */
const SERVICES_OF: Record<Exclude<Profile['kind'], 'unusable'>, readonly EndpointService[]> = {
  keys: ['sts', 's3'],
  process: ['sts', 's3'],
  held: ['sts', 's3', 'iam'],
  role: ['sts', 's3', 'sso', 'sso-oidc'],
  sso: ['sts', 's3', 'sso', 'sso-oidc'],
};

export interface EndpointRules {
  /** A services section the profile names and the config lacks, if it does. */
  missingServices(entry: ProfileEntry): string | undefined;
  /** The configured endpoint for one service of this profile, or undefined for the SDK's default. */
  endpoint(entry: ProfileEntry, service: EndpointService): string | undefined;
  /** The profile with its region and endpoints. */
  withEndpoints(profile: Profile, entry: ProfileEntry): Profile;
}

export function endpointRules(
  env: Record<string, string | undefined>,
  services: ReadonlyMap<string, NamedSection>,
): EndpointRules {
  const envIgnore = env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];
  const ignoresEndpoints = (v: Values) =>
    isTrue(envIgnore !== undefined && envIgnore !== '' ? envIgnore : v['ignore_configured_endpoint_urls']);
  const snake = (service: EndpointService) => service.replaceAll('-', '_');
  const envEndpoint = (service: EndpointService) =>
    env[`AWS_ENDPOINT_URL_${snake(service).toUpperCase()}`] || env['AWS_ENDPOINT_URL'] || undefined;

  const fileEndpoint = (entry: ProfileEntry, service: EndpointService) => {
    const name = entry.values['services'];
    const section = name === undefined ? undefined : services.get(name);
    return section?.nested[snake(service)]?.['endpoint_url'] || entry.values['endpoint_url'] || undefined;
  };
  const endpoint = (entry: ProfileEntry, service: EndpointService) =>
    ignoresEndpoints(entry.values) ? undefined : (envEndpoint(service) ?? fileEndpoint(entry, service));

  return {
    missingServices(entry) {
      const name = entry.values['services'];
      return name !== undefined && !services.has(name) && !ignoresEndpoints(entry.values) ? name : undefined;
    },

    endpoint,

    withEndpoints(profile, entry) {
      if (profile.kind === 'unusable') return profile;
      const region = env['AWS_DEFAULT_REGION'] || entry.values['region'] || undefined;
      const found = SERVICES_OF[profile.kind].flatMap((service) => {
        const url = endpoint(entry, service);
        return url ? [[ENDPOINT_SERVICES[service], url] as const] : [];
      });
      return { ...profile, ...(region ? { region } : {}), ...Object.fromEntries(found) };
    },
  };
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}
