import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { previewDownloads } from './preview-downloads';

it('saves into one folder, never over an earlier file, and logs where', async () => {
  const root = await mkdtemp(join(tmpdir(), 'roletray-preview-downloads-'));
  const dir = join(root, 'downloads');
  const lines: string[] = [];
  const choose = previewDownloads(dir, (line) => lines.push(line));
  const file = { kind: 'file' as const, profile: 'p', bucket: 'b', key: 'a/q3.csv', suggestedName: 'q3.csv' };
  try {
    expect(await choose(file)).toBe(join(dir, 'q3.csv'));
    await writeFile(join(dir, 'q3.csv'), 'earlier');
    expect(await choose(file)).toBe(join(dir, 'q3 (2).csv'));
    expect(
      await choose({ kind: 'folder', profile: 'p', bucket: 'b', prefix: 'a/', suggestedName: 'a' }),
    ).toBe(dir);
    expect(lines).toEqual([
      `preview: downloading s3://b/a/q3.csv to ${join(dir, 'q3.csv')}`,
      `preview: downloading s3://b/a/q3.csv to ${join(dir, 'q3 (2).csv')}`,
      `preview: downloading s3://b/a/ into ${dir}`,
    ]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
