import type { Values } from './classify-profile';
import type { Profile } from './profiles';

// Where a profile sends its STS and S3 calls, and in which region.
//
// Endpoint precedence, per the AWS SDKs and Tools Reference Guide, "Service-specific endpoints"
// (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html): an
// AWS_ENDPOINT_URL_<SERVICE> variable overrides AWS_ENDPOINT_URL, a service-specific endpoint
// overrides a global one, and (as for every setting in the guide) environment variables override the
// shared config file. So: AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the `sts` endpoint_url of the
// profile's [services name] section, the profile's endpoint_url; `ignore_configured_endpoint_urls`
// (or AWS_IGNORE_CONFIGURED_ENDPOINT_URLS, which wins over it) turns them all off. This is also
// botocore's ConfiguredEndpointProvider order and the JS SDK's getEndpointUrlConfig (env selector
// first, then services section, then endpoint_url).

/** Where a profile's own values say to send STS and S3 calls, before the environment and inheritance. */
export interface Place {
  region?: string;
  sts?: string;
  s3?: string;
}

export interface EndpointRules {
  /** The profile's own place, or the services section it names and the config lacks. */
  placeOf(values: Values): Place | { missingServices: string };
  /** The profile with its region and endpoints: its place, then the environment's overrides. */
  withEndpoints(profile: Profile, place: Place, own: Values): Profile;
}

export function endpointRules(
  env: Record<string, string | undefined>,
  /** The SDK's parse of the config file, `services.<name>` sections included. */
  sdkConfig: Record<string, Values>,
): EndpointRules {
  const envIgnore = env['AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'];
  const ignoresEndpoints = (v: Values) =>
    isTrue(envIgnore !== undefined && envIgnore !== '' ? envIgnore : v['ignore_configured_endpoint_urls']);
  const envEndpoints = {
    sts: env['AWS_ENDPOINT_URL_STS'] || env['AWS_ENDPOINT_URL'] || undefined,
    s3: env['AWS_ENDPOINT_URL_S3'] || env['AWS_ENDPOINT_URL'] || undefined,
  };
  const servicesSection = (name: string): Values | undefined => {
    const key = `services.${name}`;
    return Object.hasOwn(sdkConfig, key) ? sdkConfig[key] : undefined;
  };

  return {
    placeOf(v) {
      const services = v['services'] ? servicesSection(v['services']) : undefined;
      if (v['services'] && !services && !ignoresEndpoints(v)) return { missingServices: v['services'] };
      const file = (service: string) =>
        services?.[`${service}.endpoint_url`] || v['endpoint_url'] || undefined;
      const [region, sts, s3] = [v['region'], file('sts'), file('s3')];
      return { ...(region ? { region } : {}), ...(sts ? { sts } : {}), ...(s3 ? { s3 } : {}) };
    },

    withEndpoints(profile, place, own) {
      if (profile.kind === 'unusable') return profile;
      const ignore = ignoresEndpoints(own);
      const sts = ignore ? undefined : (envEndpoints.sts ?? place.sts);
      const s3 = ignore ? undefined : (envEndpoints.s3 ?? place.s3);
      return {
        ...profile,
        ...(place.region ? { region: place.region } : {}),
        ...(sts ? { stsEndpoint: sts } : {}),
        ...(s3 ? { s3Endpoint: s3 } : {}),
      };
    },
  };
}

function isTrue(value: string | undefined): boolean {
  return value?.trim().toLowerCase() === 'true';
}
