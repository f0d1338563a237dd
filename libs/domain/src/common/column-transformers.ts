import type { ValueTransformer } from 'typeorm';

/** PostgreSQL returns numeric/bigint as strings to keep precision; these columns fit a JS number. */
export const numericTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
