import type { NamedSection, ProfileEntry, Values } from './aws-config-map';
import type { Profile } from './profiles';

// Where a profile sends its STS and S3 calls, and in which region, as the AWS CLI decides for
// `--profile name`: from that profile alone (nothing is inherited from source_profile), the
// environment first.
//
// Region: AWS_DEFAULT_REGION, else the profile's `region` (botocore does not read AWS_REGION).
// Endpoints, per the AWS SDKs and Tools Reference Guide, "Service-specific endpoints"
// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html), which is botocore's
// ConfiguredEndpointProvider order: AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the service's
// endpoint_url in the profile's [services name] section, the profile's endpoint_url;
// `ignore_configured_endpoint_urls` (or AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, which wins over it)
// turns them all off.

export interface EndpointRules {
  /** A services section the profile names and the config lacks, if it does. */
  missingServices(entry: ProfileEntry): string | undefined;
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
  const envEndpoint = (service: 'STS' | 'S3') =>
    env[`AWS_ENDPOINT_URL_${service}`] || env['AWS_ENDPOINT_URL'] || undefined;

  const fileEndpoint = (entry: ProfileEntry, service: 'sts' | 's3') => {
    const name = entry.values['services'];
    const section = name === undefined ? undefined : services.get(name);
    return section?.nested[service]?.['endpoint_url'] || entry.values['endpoint_url'] || undefined;
  };

  return {
    missingServices(entry) {
      const name = entry.values['services'];
      return name !== undefined && !services.has(name) && !ignoresEndpoints(entry.values) ? name : undefined;
    },

    withEndpoints(profile, entry) {
      if (profile.kind === 'unusable') return profile;
      const ignore = ignoresEndpoints(entry.values);
      const region = env['AWS_DEFAULT_REGION'] || entry.values['region'] || undefined;
      const sts = ignore ? undefined : (envEndpoint('STS') ?? fileEndpoint(entry, 'sts'));
      const s3 = ignore ? undefined : (envEndpoint('S3') ?? fileEndpoint(entry, 's3'));
      return {
        ...profile,
        ...(region ? { region } : {}),
        ...(sts ? { stsEndpoint: sts } : {}),
        ...(s3 ? { s3Endpoint: s3 } : {}),
      };
    },
  };
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}
