"""What botocore makes of the IAM Identity Center settings in AWS config files, for RoleTray's
SSO differential test.

stdin: a JSON list of config texts. stdout: a JSON list, one entry per text: {"parse_error":
message} when botocore cannot read the file, else {"profiles": {name: {...}}} for every profile
botocore's SSO provider takes (sso_account_id or sso_role_name, no role_arn or web identity before
it): what SSOProvider._load_sso_config resolves (and, for an sso-session profile, what
SSOTokenProvider._load_sso_config reads), the token cache key SSOTokenLoader and the credential
cache key SSOCredentialFetcher would use, or "error" with the InvalidConfigError botocore raises.
Nothing reaches the network: only botocore's config loading runs.
"""
import json
import os
import sys
import tempfile

import botocore.credentials as bc
import botocore.session
import botocore.tokens as bt
import botocore.utils as bu
from botocore.exceptions import BotoCoreError, InvalidConfigError


def resolve(session, name):
    provider = bc.SSOProvider(
        load_config=lambda: session.full_config,
        client_creator=None,
        profile_name=name,
        cache={},
        token_cache={},
    )
    try:
        config = provider._load_sso_config()
        if config is None:
            return None
        session_name = config.get('sso_session')
        if session_name is not None:
            # The credential fetch runs the token provider, which reads the sso-session again.
            bt.SSOTokenProvider(session, profile_name=name)._load_sso_config()
    except InvalidConfigError as e:
        return {'error': str(e)}
    fetcher = bc.SSOCredentialFetcher(
        config['sso_start_url'], config['sso_region'], config['sso_role_name'],
        config['sso_account_id'], client_creator=None, sso_session_name=session_name)
    raw_scopes = None
    if session_name is not None:
        raw_scopes = session.full_config.get('sso_sessions', {}).get(session_name, {}).get(
            'sso_registration_scopes')
    return {
        'start_url': config['sso_start_url'],
        'region': config['sso_region'],
        'account': config['sso_account_id'],
        'role': config['sso_role_name'],
        'session_name': session_name,
        'token_cache_key': bu.SSOTokenLoader(cache={})._generate_cache_key(
            config['sso_start_url'], session_name),
        'credential_cache_key': fetcher._create_cache_key(),
        'raw_scopes': raw_scopes,
    }


def describe(text):
    with tempfile.TemporaryDirectory() as home:
        path = os.path.join(home, 'config')
        with open(path, 'w', encoding='utf-8', newline='') as f:
            f.write(text)
        os.environ['AWS_CONFIG_FILE'] = path
        os.environ['AWS_SHARED_CREDENTIALS_FILE'] = os.path.join(home, 'none')
        session = botocore.session.Session()
        try:
            full = session.full_config
        except BotoCoreError as e:
            return {'parse_error': str(e)}
        except Exception as e:  # noqa: BLE001 - the CLI shows a traceback for these
            return {'parse_error': '%s: %s' % (type(e).__name__, e)}
        out = {}
        for name, profile in full['profiles'].items():
            # The assume-role and web identity providers come before the SSO provider.
            if 'role_arn' in profile or 'web_identity_token_file' in profile:
                continue
            resolved = resolve(session, name)
            if resolved is not None:
                out[name] = resolved
        return {'profiles': out, 'botocore': botocore.__version__}


print(json.dumps([describe(text) for text in json.load(sys.stdin)]))
