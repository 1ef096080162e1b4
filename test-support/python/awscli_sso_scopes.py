"""The AWS CLI v2's own parse of sso_registration_scopes (awscli.customizations.sso.utils), for
RoleTray's SSO differential test. stdin: a JSON list of raw values; stdout: the parsed lists."""
import json
import sys

from awscli.customizations.sso.utils import parse_sso_registration_scopes

print(json.dumps([parse_sso_registration_scopes(raw) for raw in json.load(sys.stdin)]))
