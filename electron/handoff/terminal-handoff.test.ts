import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testClock, testRole, testSession } from '../../test-support/handoff-fixtures';
import type { AssumeOptions } from '../core/sessions/session-manager';
import { TerminalHandoff } from './terminal-handoff';

// The terminal unit on its own, for what the service's tests against the sandbox do not reach: a
// terminal left idle stops counting as served, and what the unit made is gone once it closes.

const role = testRole('prod', { region: 'eu-west-1' });
const TWO_HOURS = 2 * 60 * 60 * 1000;

function start() {
  const clock = testClock();
  const renewals: [string, AssumeOptions | undefined][] = [];
  const terminals: Record<string, string>[] = [];
  const unit = new TerminalHandoff({
    manager: {
      credentials: async () => testSession(role, 'ASIATERMINAL').credentials,
      assume: async (profile, options) => {
        renewals.push([profile, options]);
        return testSession(role, 'ASIARENEWED').info;
      },
    },
    profiles: { find: (name) => (name === role.name ? role : undefined) },
    clock: clock.now,
    openTerminal: async (env) => void terminals.push(env),
    log: () => undefined,
  });
  const expiring = { type: 'expiring', profile: 'prod', expiresAt: 0, needsMfa: true } as const;
  return { unit, clock, renewals, terminals, expiring };
}

describe('TerminalHandoff', () => {
  it('serves a role while its terminal’s tools ask, and renews it with a prompt only then', async () => {
    const { unit, clock, renewals, terminals, expiring } = start();
    await unit.open(role);
    const env = terminals[0]!;
    expect(unit.status('prod', role)).toEqual({ terminal: { serving: true } });
    unit.onSessionEvent({ ...expiring, needsMfa: false });
    unit.onSessionEvent(expiring);
    expect(renewals).toEqual([['prod', { renew: true }]]);

    // A tool in the terminal asks shortly before it would count as idle: served for two more hours.
    clock.advance(TWO_HOURS - 60_000);
    const answer = await fetch(env['AWS_CONTAINER_CREDENTIALS_FULL_URI']!, {
      headers: { authorization: env['AWS_CONTAINER_AUTHORIZATION_TOKEN']! },
    });
    expect(answer.status).toBe(200);
    clock.advance(TWO_HOURS - 60_000);
    expect(unit.status('prod', role).terminal.serving).toBe(true);

    clock.advance(60_000);
    expect(unit.status('prod', role).terminal.serving).toBe(false);
    unit.onSessionEvent(expiring);
    expect(renewals).toHaveLength(1);
    expect(unit.status('prod', undefined).terminal.serving).toBe(false);
    await unit.close();
  });

  it('removes the terminal’s AWS files and stops its server when it closes', async () => {
    const { unit, terminals } = start();
    await unit.open(role);
    const env = terminals[0]!;
    expect(existsSync(env['AWS_CONFIG_FILE']!)).toBe(true);
    await unit.close();
    expect(existsSync(dirname(env['AWS_CONFIG_FILE']!))).toBe(false);
    await expect(fetch(env['AWS_CONTAINER_CREDENTIALS_FULL_URI']!)).rejects.toThrow();
  });
});
