import { describe, expect, it } from 'vitest';
import { parseSandboxFile } from './sandbox-file';

describe('parseSandboxFile', () => {
  it('takes the config file and the account aliases, nothing else', () => {
    const text = JSON.stringify({
      endpoint: 'http://127.0.0.1:4566',
      configFile: '/tmp/aws/config',
      accounts: [
        { id: '210987654321', alias: 'acme-dev' },
        { id: '123456789012', alias: 'acme-prod' },
        { id: 'not-an-account', alias: 'x' },
        { id: '111111111111' },
      ],
      users: [{ name: 'Tyler-Dev', secretAccessKey: 'never copied' }],
    });
    const settings = parseSandboxFile(text, '/tmp/aws/sandbox.json');
    expect(settings).toEqual({
      sandbox: { configFile: '/tmp/aws/config' },
      accountAliases: { '210987654321': 'acme-dev', '123456789012': 'acme-prod' },
    });
    expect(JSON.stringify(settings)).not.toContain('never copied');
  });

  it('says what is wrong with a file that is not a sandbox description', () => {
    expect(() => parseSandboxFile('{', '/x/sandbox.json')).toThrow(
      'The sandbox description /x/sandbox.json is not JSON.',
    );
    expect(() => parseSandboxFile('{}', '/x/sandbox.json')).toThrow('names no configFile');
    expect(() => parseSandboxFile('null', '/x/sandbox.json')).toThrow('names no configFile');
  });
});
