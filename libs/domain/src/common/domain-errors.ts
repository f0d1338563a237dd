/** One invalid field: `path` is a JSON path into the request (`requirements[1].capability`). */
export interface FieldError {
  path: string;
  message: string;
}

/** Input that is well-formed but refers to things that do not exist or break a rule; the API answers 400. */
export class DomainValidationError extends Error {
  override readonly name = 'DomainValidationError';

  constructor(readonly errors: FieldError[]) {
    super(errors.map((error) => `${error.path}: ${error.message}`).join('; '));
  }
}

/** A request that conflicts with the current state (the API answers 409 or 422 as `status` says). */
export class DomainConflictError extends Error {
  override readonly name = 'DomainConflictError';

  constructor(
    message: string,
    readonly status: 409 | 422 = 409,
  ) {
    super(message);
  }
}
