// The keys AWS tools read in a profile, to tell a clear typo from a key of another tool.

/** Keys AWS tools (and aws-extend-switch-roles' `color`) read in a profile. Generous on purpose. */
const KNOWN_KEYS = [
  'role_arn',
  'source_profile',
  'credential_source',
  'mfa_serial',
  'duration_seconds',
  'external_id',
  'role_session_name',
  'region',
  'output',
  'endpoint_url',
  'ignore_configured_endpoint_urls',
  'services',
  'color',
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_security_token',
  'aws_account_id',
  'aws_credential_expiration',
  'credential_process',
  'web_identity_token_file',
  'login_session',
  'ca_bundle',
  's3',
  'sts',
  'sts_regional_endpoints',
  'retry_mode',
  'max_attempts',
  'parameter_validation',
  'tcp_keepalive',
  'metadata_service_timeout',
  'metadata_service_num_attempts',
  'ec2_metadata_service_endpoint',
  'ec2_metadata_service_endpoint_mode',
  'ec2_metadata_v1_disabled',
  'use_fips_endpoint',
  'use_dualstack_endpoint',
  'defaults_mode',
  'endpoint_discovery_enabled',
  'account_id_endpoint_mode',
  'auth_scheme_preference',
  'sigv4a_signing_region_set',
  'request_checksum_calculation',
  'response_checksum_validation',
  'request_min_compression_size_bytes',
  'disable_request_compression',
  'api_versions',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'sso_session',
  'sso_registration_scopes',
  'cli_pager',
  'cli_auto_prompt',
  'cli_binary_format',
  'cli_history',
  'cli_timestamp_format',
  'cli_follow_urlparam',
];
const KNOWN = new Set(KNOWN_KEYS);

/** The known key an unknown one is a clear typo of (case, `-` for `_`, one or two letters off). */
export function typoOf(key: string): string | undefined {
  if (KNOWN.has(key) || /^(sso|cli)_/.test(key)) return undefined;
  const lower = key.toLowerCase().replaceAll('-', '_');
  let best: { key: string; distance: number } | undefined;
  for (const known of KNOWN_KEYS) {
    const allowed = known.length <= 4 ? 1 : 2;
    const distance = editDistance(lower, known, allowed);
    if (distance <= allowed && (!best || distance < best.distance)) best = { key: known, distance };
  }
  return best?.key;
}

/** Levenshtein distance, giving up (returning limit + 1) once it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
