"""Drives the RoleTray sandbox with boto3, for sandbox/test/real-clients.test.ts.

Run with Debian's interpreter and boto3 (python3-boto3), never a pyenv shim:

    /usr/bin/python3 sandbox/test/boto3_check.py --endpoint URL --sandbox-json PATH [auth] MODE [options]

auth: --profile NAME (from AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE) or --access-key-id,
--secret-access-key, --session-token (session arguments, as for assumed-role credentials).

Every mode prints exactly one JSON object on stdout: {"ok": true, ...} with what the calls returned, or
{"ok": false, "error": {"code", "message", "status"}} when AWS (the sandbox) answered with an error.
The script asserts nothing: the test does. Any other failure is a traceback and exit status 1.
"""

import argparse
import base64
import hashlib
import hmac
import io
import json
import struct
import sys
import urllib.error
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

TOTP_STEP_SECONDS = 30


def totp_at(secret_base32, epoch_ms):
    """RFC 6238 (HMAC-SHA1, 30 s, 6 digits), written independently of sandbox/src/totp.ts."""
    padded = secret_base32.upper() + "=" * (-len(secret_base32) % 8)
    key = base64.b32decode(padded)
    counter = int(epoch_ms // 1000 // TOTP_STEP_SECONDS)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    binary = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return "%06d" % (binary % 1_000_000)


def load_description(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def mfa_of(description, user_name):
    for user in description["users"]:
        if user["name"] == user_name:
            return user["mfa"]
    raise SystemExit("no user %s in sandbox.json" % user_name)


def session_of(args):
    if args.profile:
        return boto3.Session(profile_name=args.profile)
    if args.access_key_id:
        return boto3.Session(
            aws_access_key_id=args.access_key_id,
            aws_secret_access_key=args.secret_access_key,
            aws_session_token=args.session_token,
        )
    raise SystemExit("pass --profile or --access-key-id/--secret-access-key/--session-token")


def mfa_arguments(args, description):
    """SerialNumber/TokenCode for AssumeRole, with the code computed here from sandbox.json's secret."""
    extra = {}
    code = None
    if args.mfa_user:
        device = mfa_of(description, args.mfa_user)
        extra["SerialNumber"] = device["serial"]
        if args.totp_at_ms is not None:
            code = totp_at(device["secret"], args.totp_at_ms)
            extra["TokenCode"] = code
    return extra, code


def credentials_json(credentials):
    return {
        "AccessKeyId": credentials["AccessKeyId"],
        "SecretAccessKey": credentials["SecretAccessKey"],
        "SessionToken": credentials["SessionToken"],
        "Expiration": credentials["Expiration"].isoformat(),
    }


def caller_identity(args, description):
    identity = session_of(args).client("sts", endpoint_url=args.endpoint).get_caller_identity()
    return {"Arn": identity["Arn"], "Account": identity["Account"], "UserId": identity["UserId"]}


def assume_role(args, description):
    sts = session_of(args).client("sts", endpoint_url=args.endpoint)
    extra, code = mfa_arguments(args, description)
    answer = sts.assume_role(RoleArn=args.role_arn, RoleSessionName=args.session_name, **extra)
    return {
        "tokenCode": code,
        "Credentials": credentials_json(answer["Credentials"]),
        "AssumedRoleUser": answer["AssumedRoleUser"],
    }


def list_buckets(args, description):
    answer = session_of(args).client("s3", endpoint_url=args.endpoint).list_buckets()
    return {"Buckets": [bucket["Name"] for bucket in answer["Buckets"]]}


def create_bucket(args, description):
    answer = session_of(args).client("s3", endpoint_url=args.endpoint).create_bucket(Bucket=args.bucket)
    return {"Location": answer.get("Location")}


def article(args, description):
    """The flow of the blog post the app follows: assume the MFA role, then browse S3 with boto3's resource API.

    Uses the default session, so the caller's profile comes from AWS_PROFILE as in the article.
    """
    device = mfa_of(description, args.mfa_user)
    code = totp_at(device["secret"], args.totp_at_ms)
    sts = boto3.client("sts", endpoint_url=args.endpoint)
    assumed = sts.assume_role(
        RoleArn=args.role_arn,
        RoleSessionName=args.session_name,
        SerialNumber=device["serial"],
        TokenCode=code,
    )
    credentials = assumed["Credentials"]
    keys = dict(
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )
    s3 = boto3.resource("s3", endpoint_url=args.endpoint, **keys)
    buckets = [bucket.name for bucket in s3.buckets.all()]
    bucket = s3.Bucket(args.bucket)
    # Bucket.objects.all() is ListObjects (v1) with encoding-type=url; botocore decodes the keys.
    keys_listed = [summary.key for summary in bucket.objects.all()]
    downloaded = io.BytesIO()
    bucket.download_fileobj(args.key, downloaded)

    # boto3 1.26 presigns with Signature Version 2 unless told otherwise; S3 refuses SigV2 for buckets
    # created after June 2020, and so does the sandbox. Record both: SigV2 refused, SigV4 served.
    def fetch(url):
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return {"status": response.status, "base64": base64.b64encode(response.read()).decode()}
        except urllib.error.HTTPError as error:
            return {"status": error.code, "body": error.read().decode("utf-8", "replace")}

    params = {"Bucket": args.bucket, "Key": args.key}
    default_url = s3.meta.client.generate_presigned_url("get_object", Params=params, ExpiresIn=300)
    sigv4 = boto3.client("s3", endpoint_url=args.endpoint, config=Config(signature_version="s3v4"), **keys)
    sigv4_url = sigv4.generate_presigned_url("get_object", Params=params, ExpiresIn=300)
    return {
        "tokenCode": code,
        "assumedRoleArn": assumed["AssumedRoleUser"]["Arn"],
        "buckets": buckets,
        "keys": keys_listed,
        "downloadBase64": base64.b64encode(downloaded.getvalue()).decode(),
        "presignedDefault": {"url": default_url, **fetch(default_url)},
        "presignedSigV4": {"url": sigv4_url, **fetch(sigv4_url)},
    }


def web_identity(args, description):
    """AssumeRoleWithWebIdentity with the token in --token-file: botocore sends it unsigned."""
    with open(args.token_file, encoding="utf-8") as handle:
        token = handle.read()
    sts = boto3.client("sts", endpoint_url=args.endpoint)
    answer = sts.assume_role_with_web_identity(
        RoleArn=args.role_arn, RoleSessionName=args.session_name, WebIdentityToken=token
    )
    credentials = answer["Credentials"]
    assumed = boto3.Session(
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
    )
    identity = assumed.client("sts", endpoint_url=args.endpoint).get_caller_identity()
    return {
        "Credentials": credentials_json(credentials),
        "AssumedRoleUser": answer["AssumedRoleUser"],
        "SubjectFromWebIdentityToken": answer["SubjectFromWebIdentityToken"],
        "Audience": answer["Audience"],
        "Provider": answer["Provider"],
        "callerArn": identity["Arn"],
    }


def key_summary(keys):
    return [{"AccessKeyId": key["AccessKeyId"], "Status": key["Status"]} for key in keys]


def rotate_access_key(args, description):
    """A key rotation with boto3's IAM client: create a key, deactivate and delete the old one with it."""
    iam = session_of(args).client("iam", endpoint_url=args.endpoint)
    old = iam.list_access_keys()["AccessKeyMetadata"]
    created = iam.create_access_key()["AccessKey"]
    rotated = boto3.Session(
        aws_access_key_id=created["AccessKeyId"], aws_secret_access_key=created["SecretAccessKey"]
    )
    rotated_iam = rotated.client("iam", endpoint_url=args.endpoint)
    for key in old:
        rotated_iam.update_access_key(AccessKeyId=key["AccessKeyId"], Status="Inactive")
    during = rotated_iam.list_access_keys()["AccessKeyMetadata"]
    for key in old:
        rotated_iam.delete_access_key(AccessKeyId=key["AccessKeyId"])
    after = rotated_iam.list_access_keys()["AccessKeyMetadata"]
    identity = rotated.client("sts", endpoint_url=args.endpoint).get_caller_identity()
    return {
        "old": key_summary(old),
        "created": {"AccessKeyId": created["AccessKeyId"], "Status": created["Status"]},
        "during": key_summary(during),
        "after": key_summary(after),
        "callerArn": identity["Arn"],
    }


MODES = {
    "caller-identity": caller_identity,
    "assume-role": assume_role,
    "list-buckets": list_buckets,
    "create-bucket": create_bucket,
    "article": article,
    "web-identity": web_identity,
    "rotate-access-key": rotate_access_key,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=sorted(MODES))
    parser.add_argument("--endpoint")
    parser.add_argument("--sandbox-json", required=True)
    parser.add_argument("--profile")
    parser.add_argument("--access-key-id")
    parser.add_argument("--secret-access-key")
    parser.add_argument("--session-token")
    parser.add_argument("--role-arn")
    parser.add_argument("--session-name", default="boto3-check")
    parser.add_argument("--mfa-user", help="send this user's MFA serial from sandbox.json")
    parser.add_argument("--totp-at-ms", type=int, help="with --mfa-user: send the code for this moment")
    parser.add_argument("--bucket")
    parser.add_argument("--key")
    parser.add_argument("--token-file", help="web-identity: the file holding the OIDC token")
    args = parser.parse_args()
    description = load_description(args.sandbox_json)
    args.endpoint = args.endpoint or description["endpoint"]
    try:
        result = {"ok": True, **MODES[args.mode](args, description)}
    except ClientError as error:
        details = error.response.get("Error", {})
        result = {
            "ok": False,
            "error": {
                "code": details.get("Code"),
                "message": details.get("Message"),
                "status": error.response.get("ResponseMetadata", {}).get("HTTPStatusCode"),
                "operation": error.operation_name,
            },
        }
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
