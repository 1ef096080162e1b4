// The region a call goes to when the profile names none. RoleTray needs one for every STS and S3
// call; the AWS SDKs' own fallback for the global endpoints is us-east-1.
export const DEFAULT_REGION = 'us-east-1';
