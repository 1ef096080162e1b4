import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The fuses electron-builder flips in the shipped binary (electron-builder.yml's electronFuses):
// each one a name electron-builder 26 knows (a misspelt fuse is silently left at Electron's
// default), and each set the hardened way.

const ROOT = join(import.meta.dirname, '..');

/** The `key: true|false` lines of the top-level `section:` block of a YAML file. */
function booleanBlock(yaml: string, section: string): Record<string, boolean> {
  const lines = yaml.split('\n');
  const start = lines.indexOf(`${section}:`);
  if (start === -1) throw new Error(`electron-builder.yml has no top-level ${section}: block`);
  const block: Record<string, boolean> = {};
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const entry = /^ {2}(\w+): (true|false)\s*$/.exec(line);
    if (entry) block[entry[1]!] = entry[2] === 'true';
    else if (line.trim() && !line.trim().startsWith('#')) {
      throw new Error(`electron-builder.yml: "${line.trim()}" in ${section} is not "name: true|false"`);
    }
  }
  return block;
}

describe("electron-builder.yml's electronFuses", () => {
  it('names only fuses electron-builder knows, each set to harden the binary', async () => {
    const fuses = booleanBlock(await readFile(join(ROOT, 'electron-builder.yml'), 'utf8'), 'electronFuses');
    const schema = JSON.parse(
      await readFile(join(ROOT, 'node_modules/app-builder-lib/scheme.json'), 'utf8'),
    ) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
    const known = Object.keys(schema.definitions.FuseOptionsV1.properties);
    expect(Object.keys(fuses).filter((name) => !known.includes(name))).toEqual([]);
    expect(fuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // The pages come from app://: file:// pages need none of their old powers.
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
