import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-task overrides of the matching defaults (capability weight, threshold, matches kept), within bounds. */
export class TaskMatchingOptions1764300000000 implements MigrationInterface {
  name = 'TaskMatchingOptions1764300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE tasks ADD COLUMN matching_options jsonb
        CONSTRAINT tasks_matching_options_check CHECK (
          matching_options IS NULL OR (
            jsonb_typeof(matching_options) = 'object'
            AND (NOT matching_options ? 'capabilityWeight'
                 OR (matching_options->>'capabilityWeight')::numeric BETWEEN 0.5 AND 1)
            AND (NOT matching_options ? 'threshold' OR (matching_options->>'threshold')::numeric BETWEEN 0.3 AND 0.95)
            AND (NOT matching_options ? 'limit' OR (matching_options->>'limit')::numeric BETWEEN 1 AND 100)
          )
        )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tasks DROP COLUMN matching_options`);
  }
}
