// The parts of an IAM role ARN a person reads: arn:aws:iam::123456789012:role/path/Name.

export interface RoleArnParts {
  accountId: string;
  roleName: string;
}

export function parseRoleArn(arn: string): RoleArnParts | undefined {
  const match = /^arn:[\w-]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match ? { accountId: match[1]!, roleName: match[2]! } : undefined;
}
