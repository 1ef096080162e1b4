import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { afterEach, expect, it } from 'vitest';
import { ProfileMetadataStore } from '../core/profiles/profile-metadata';
import type { RoleProfile } from '../core/profiles/profiles';
import { toProfilesView } from './profiles-view';

// The profiles as the UI sees them: a role's region is the AWS CLI's, and where the CLI has none
// the view says which region RoleTray uses and why.

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const role = (name: string, region?: string): RoleProfile => ({
  kind: 'role',
  name,
  roleArn: `arn:aws:iam::123456789012:role/${name}`,
  accountId: '123456789012',
  roleName: name,
  partition: 'aws',
  source: { kind: 'profile', profile: 'dev' },
  chain: [name, 'dev'],
  ...(region ? { region } : {}),
});

it("shows the CLI's region, and for a role without one the region RoleTray uses and why", async () => {
  dir = await mkdtemp(join(tmpdir(), 'roletray-view-'));
  const metadata = new ProfileMetadataStore(
    new Conf<Record<string, unknown>>({ cwd: dir, configName: 'roletray' }),
  );
  const view = toProfilesView(
    {
      loaded: {
        configFile: 'c',
        credentialsFile: 'k',
        profiles: [role('own', 'eu-west-1'), role('none')],
        warnings: [],
      },
    },
    metadata,
  );
  const [own, none] = view.roles;
  expect(own).toMatchObject({ region: 'eu-west-1' });
  expect(own).not.toHaveProperty('defaultRegion');
  expect(none).not.toHaveProperty('region');
  expect(none!.defaultRegion).toEqual({
    region: 'us-east-1',
    why: "The profile sets no region, so the AWS CLI has none for it (it calls the global STS endpoint). RoleTray needs one for STS and S3 and uses us-east-1, the AWS SDKs' default.",
  });
});
