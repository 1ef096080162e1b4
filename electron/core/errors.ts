import type { RoleTrayErrorInfo, RoleTrayErrorKind } from '../../shared/errors';

/** The one error type the core throws; `info` is what crosses IPC. */
export class RoleTrayError extends Error {
  readonly info: RoleTrayErrorInfo;

  constructor(
    kind: RoleTrayErrorKind,
    message: string,
    details: Omit<RoleTrayErrorInfo, 'kind' | 'message'> = {},
  ) {
    super(message);
    this.name = kind;
    this.info = { kind, message, ...details };
  }

  get kind(): RoleTrayErrorKind {
    return this.info.kind;
  }
}

export function isRoleTrayError(error: unknown, kind?: RoleTrayErrorKind): error is RoleTrayError {
  return error instanceof RoleTrayError && (kind === undefined || error.kind === kind);
}
