import { expect, it } from 'vitest';
import { memoryStore, testRole } from '../../test-support/handoff-fixtures';
import { ProfileMetadataStore } from '../core/profiles/profile-metadata';
import { toProfilesView } from './profiles-view';

// The profiles as the UI sees them: a role's region is the AWS CLI's, and where the CLI has none
// the view says which region RoleTray uses and why.

it("shows the CLI's region, and for a role without one the region RoleTray uses and why", () => {
  const view = toProfilesView(
    {
      loaded: {
        configFile: 'c',
        credentialsFile: 'k',
        profiles: [testRole('own', { region: 'eu-west-1' }), testRole('none')],
        warnings: [],
      },
    },
    new ProfileMetadataStore(memoryStore()),
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
