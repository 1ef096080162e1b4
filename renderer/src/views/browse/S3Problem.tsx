import type { RoleTrayErrorInfo } from '../../../../shared/errors';
import { ErrorText } from '../ErrorText';

interface S3ProblemProps {
  error: RoleTrayErrorInfo;
  profile: string;
  renewing: boolean;
  onRenew: () => void;
}

/** Needs the session renewed: an expired or ended session, or credentials S3 no longer takes. */
export function needsRenewal(error: RoleTrayErrorInfo): boolean {
  return error.kind === 'Expired' || error.kind === 'InvalidCredentials';
}

/** An S3 failure as a sentence; when the session is the problem, renewal in place. */
export function S3Problem({ error, profile, renewing, onRenew }: S3ProblemProps) {
  return (
    <div className="s3-problem">
      <ErrorText error={error} />
      {needsRenewal(error) && (
        <button
          type="button"
          className="button-primary"
          disabled={renewing}
          aria-label={`Renew the session of ${profile} and continue`}
          onClick={onRenew}
        >
          {renewing ? 'Renewing…' : 'Renew session'}
        </button>
      )}
    </div>
  );
}
