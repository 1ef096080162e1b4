import { describe, expect, it } from 'vitest';
import { parseSandboxFile } from './sandbox-file';

describe('parseSandboxFile', () => {
  it('takes the config file, the account aliases and the loopback federation endpoint, nothing else', () => {
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
      federationEndpoint: 'http://127.0.0.1:4566/federation',
    });
    expect(JSON.stringify(settings)).not.toContain('never copied');
  });

  it('sends console sign-ins only to a sandbox on this machine', () => {
    const federation = (endpoint: string) =>
      parseSandboxFile(JSON.stringify({ configFile: '/c', endpoint }), '/s.json').federationEndpoint;
    expect(federation('http://localhost:9000/')).toBe('http://localhost:9000/federation');
    expect(federation('https://sandbox.example.com')).toBeUndefined();
    expect(federation('http://10.0.0.5:4566')).toBeUndefined();
    expect(federation('not a url')).toBeUndefined();
  });

  it('says what is wrong with a file that is not a sandbox description', () => {
    expect(() => parseSandboxFile('{', '/x/sandbox.json')).toThrow(
      'The sandbox description /x/sandbox.json is not JSON.',
    );
    expect(() => parseSandboxFile('{}', '/x/sandbox.json')).toThrow('names no configFile');
    expect(() => parseSandboxFile('null', '/x/sandbox.json')).toThrow('names no configFile');
  });
});
