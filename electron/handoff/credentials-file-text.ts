import { isUtf8 } from 'node:buffer';
import { CredentialsFileRefusal } from './credentials-file-refusal';

// The credentials file's bytes as text, or a refusal. The AWS CLI and SDKs read the file as UTF-8,
// and only valid UTF-8 decodes and encodes back to the same bytes: a file in another encoding
// (Latin-1, UTF-16) is refused rather than re-encoded, so its bytes never change. A BOM and CRLF
// line ends are text like any other and come back as they were.

export function decodeCredentialsText(bytes: Buffer, file: string): string {
  // Valid UTF-8, but never in a text file: UTF-16 of ASCII text is half NUL bytes.
  if (bytes.includes(0)) throw notText(file, 'contains NUL bytes, as UTF-16 text does');
  if (!isUtf8(bytes)) throw notText(file, `is not UTF-8 text (line ${firstBadLine(bytes)} is not)`);
  return bytes.toString('utf8');
}

function notText(file: string, why: string): CredentialsFileRefusal {
  return new CredentialsFileRefusal(
    `${file} ${why}, so RoleTray changed nothing in it. The AWS CLI and SDKs read this file as ` +
      'UTF-8: save it as UTF-8 for RoleTray to write to it.',
  );
}

/** The 1-based line holding the first invalid sequence; a line feed is never inside a UTF-8 one. */
function firstBadLine(bytes: Buffer): number {
  let line = 1;
  for (let start = 0; start <= bytes.length; line++) {
    const end = bytes.indexOf(0x0a, start);
    const stop = end === -1 ? bytes.length : end;
    if (!isUtf8(bytes.subarray(start, stop))) return line;
    if (end === -1) break;
    start = end + 1;
  }
  return line;
}
