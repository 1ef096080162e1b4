"""What the AWS CLI's botocore makes of pairs of AWS files, for RoleTray's differential test.

stdin: a JSON list of {"config": text, "credentials": text}. stdout: a JSON list, one entry per
pair: {"parse_error": message} when botocore cannot read the files, else {"profiles": {name:
{...}}} for every profile that takes the assume-role provider (role_arn without
web_identity_token_file): its role config as botocore reads it, and "refused" with botocore's
message when the provider would raise before calling STS. Nothing reaches the network: source
credentials are resolved by botocore's own providers, with credential_process, credential_source
and SSO answered by stubs, and no STS call is ever made (the role credentials stay deferred).
"""
import json
import os
import sys
import tempfile

import botocore.credentials as bc
import botocore.session
from botocore.exceptions import BotoCoreError


def _fake(*_args, **_kwargs):
    return bc.Credentials('ASIAFAKE', 'fake-secret', 'fake-token')


# Sources that would run programs or reach the network: stubbed, as RoleTray's test needs only
# which profiles botocore takes and refuses.
bc.ProcessProvider._retrieve_credentials_using = lambda self, _cmd: {
    'access_key': 'ASIAFAKE', 'secret_key': 's', 'token': 't', 'expiry_time': None, 'account_id': None}
bc.CanonicalNameCredentialSourcer.source_credentials = lambda self, _name: _fake()
if hasattr(bc, 'SSOCredentialFetcher'):
    bc.SSOCredentialFetcher._get_credentials = lambda self: {'ProviderType': 'sso', 'Credentials': {
        'AccessKeyId': 'ASIAFAKE', 'SecretAccessKey': 's', 'SessionToken': 't',
        'Expiration': '2099-01-01T00:00:00Z'}}


def describe(config_text, credentials_text):
    with tempfile.TemporaryDirectory() as home:
        paths = {}
        for name, text in (('config', config_text), ('credentials', credentials_text)):
            paths[name] = os.path.join(home, name)
            with open(paths[name], 'w', encoding='utf-8', newline='') as f:
                f.write(text)
        os.environ['AWS_CONFIG_FILE'] = paths['config']
        os.environ['AWS_SHARED_CREDENTIALS_FILE'] = paths['credentials']
        session = botocore.session.Session()
        try:
            full = session.full_config
        except BotoCoreError as e:
            return {'parse_error': str(e)}
        except Exception as e:  # noqa: BLE001 - CLI v1 shows a traceback for these
            return {'parse_error': '%s: %s' % (type(e).__name__, e)}
        builder = bc.ProfileProviderBuilder(session)
        sourcer = bc.CanonicalNameCredentialSourcer([bc.EnvProvider()])
        out = {}
        for name, profile in full['profiles'].items():
            if profile.get('web_identity_token_file') and 'role_arn' in profile:
                out[name] = web_identity(session, full, name, profile)
                continue
            if 'role_arn' not in profile or 'web_identity_token_file' in profile:
                continue
            provider = bc.AssumeRoleProvider(
                load_config=lambda: full, client_creator=None, cache={}, profile_name=name,
                credential_sourcer=sourcer, profile_provider_builder=builder)
            entry = {key: profile.get(key) for key in (
                'role_arn', 'source_profile', 'credential_source', 'mfa_serial', 'external_id',
                'role_session_name')}
            region = profile.get('region')
            entry['region'] = region if isinstance(region, str) else None
            try:
                provider._loaded_config = full
                entry['duration_seconds'] = provider._get_role_config(name).get('duration_seconds')
                provider.load()
            except BotoCoreError as e:
                entry['refused'] = str(e)
            except Exception as e:  # noqa: BLE001 - botocore lets a few raw errors through
                entry['refused'] = '%s: %s' % (type(e).__name__, e)
            out[name] = entry
        return {'profiles': out}


def web_identity(session, full, name, profile):
    """A web identity profile: botocore reads role_arn and role_session_name only."""
    region = profile.get('region')
    entry = {'role_arn': profile.get('role_arn'), 'source_profile': None, 'credential_source': None,
             'mfa_serial': None, 'external_id': None, 'role_session_name': profile.get('role_session_name'),
             'region': region if isinstance(region, str) else None, 'duration_seconds': None}
    provider = bc.AssumeRoleWithWebIdentityProvider(
        load_config=lambda: full, client_creator=None, profile_name=name, cache={})
    try:
        if provider.load() is None:
            entry['refused'] = 'no web identity credentials'
    except BotoCoreError as e:
        entry['refused'] = str(e)
    return entry


for key in [k for k in os.environ if k.startswith('AWS_')]:
    del os.environ[key]
print(json.dumps([describe(pair['config'], pair['credentials']) for pair in json.load(sys.stdin)]))
