import { describe, expect, it } from 'vitest';
import { ClientCache, credentialsKey } from './client-cache';

describe('ClientCache', () => {
  it('builds a client once per key and retires the least recently used beyond its size', () => {
    const retired: string[] = [];
    const cache = new ClientCache<string>(2, (client) => retired.push(client));
    let built = 0;
    const make = (name: string) => () => `${name}#${++built}`;
    expect(cache.get('a', make('a'))).toBe('a#1');
    expect(cache.get('b', make('b'))).toBe('b#2');
    expect(cache.get('a', make('a'))).toBe('a#1'); // a is now the most recently used
    expect(cache.get('c', make('c'))).toBe('c#3');
    expect(retired).toEqual(['b#2']);
    expect(cache.get('b', make('b'))).toBe('b#4');
    expect(retired).toEqual(['b#2', 'a#1']);
    const drained: string[] = [];
    cache.drain((client) => drained.push(client));
    expect(drained).toEqual(['c#3', 'b#4']);
    expect(cache.get('c', make('c'))).toBe('c#5');
  });

  it('keys credentials by every part, so a new token is a new client', () => {
    const keys = { accessKeyId: 'ASIA', secretAccessKey: 's' };
    expect(credentialsKey(keys)).not.toBe(credentialsKey({ ...keys, sessionToken: 't' }));
    expect(credentialsKey({ ...keys, sessionToken: 't' })).not.toBe(
      credentialsKey({ ...keys, sessionToken: 'u' }),
    );
  });
});
