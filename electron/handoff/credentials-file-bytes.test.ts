import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CREDS, NOW, OURS, SECTION } from '../../test-support/credentials-file-fixtures';
import { tempDirPerTest } from '../../test-support/handoff-fixtures';
import { removeCredentialsProfile, writeCredentialsProfile } from './credentials-file';

// The credentials file's bytes: UTF-8 (with or without a BOM, LF or CRLF) keeps every byte it had;
// a file in another encoding is refused whole, since re-encoding it would change bytes RoleTray
// does not own, and the AWS CLI and SDKs would not read it as written anyway.

const home = tempDirPerTest('roletray-bytes-');
const now = () => NOW;
const file = () => join(home(), 'credentials');
const ascii = '[default]\naws_access_key_id = AKIAUSER\n';

const refusal = (why: string) =>
  `${file()} ${why}, so RoleTray changed nothing in it. The AWS CLI and SDKs read this file as ` +
  'UTF-8: save it as UTF-8 for RoleTray to write to it.';

describe('the bytes of the credentials file', () => {
  it('keeps a UTF-8 file with a BOM, CRLF line ends and non-ASCII comments byte for byte', async () => {
    const original = Buffer.from(`\uFEFF# clés de Zoë\r\n[default]\r\naws_access_key_id = AKIAUSER\r\n`);
    await writeFile(file(), original);
    await writeCredentialsProfile(file(), SECTION, CREDS, { now });
    const written = await readFile(file());
    expect(written.subarray(0, original.length).equals(original)).toBe(true);
    expect(written.subarray(original.length).toString('utf8')).toBe(`${OURS.join('\r\n')}\r\n`);

    expect(await removeCredentialsProfile(file(), SECTION)).toBe(true);
    expect((await readFile(file())).equals(original)).toBe(true);
  });

  const foreign: [string, Buffer, string][] = [
    [
      'Latin-1',
      Buffer.concat([Buffer.from(ascii), Buffer.from('# cl\xe9 de Zo\xeb\n', 'latin1')]),
      'is not UTF-8 text (line 3 is not)',
    ],
    [
      'UTF-16 with a BOM',
      Buffer.from(`\uFEFF${ascii}`, 'utf16le'),
      'contains NUL bytes, as UTF-16 text does',
    ],
    [
      'UTF-16 big-endian without a BOM',
      Buffer.from(ascii, 'utf16le').swap16(),
      'contains NUL bytes, as UTF-16 text does',
    ],
  ];

  it.each(foreign)('refuses a %s file in a sentence and leaves its bytes alone', async (_, bytes, why) => {
    await writeFile(file(), bytes);
    await expect(writeCredentialsProfile(file(), SECTION, CREDS, { now })).rejects.toThrow(refusal(why));
    await expect(removeCredentialsProfile(file(), SECTION)).rejects.toThrow(refusal(why));
    expect((await readFile(file())).equals(bytes)).toBe(true);
    expect(await readdir(home())).toEqual(['credentials']);
  });
});
