// S3's names as both sides write them: the renderer checks what the user types, main checks what
// the renderer sends, and both show places as s3:// URIs. Pure values only.

/** The S3 rules for bucket names: 3–63 of a–z, 0–9, "." and "-", starting and ending with a letter or digit. */
export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** "s3://bucket/key" for an object, "s3://bucket/prefix/" for a folder, "s3://bucket/" for the bucket. */
export const s3Uri = (bucket: string, keyOrPrefix = '') => `s3://${bucket}/${keyOrPrefix}`;
