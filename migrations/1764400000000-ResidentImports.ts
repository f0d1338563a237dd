import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Resident CSV imports as stored jobs: the uploaded text, the importer's technopark scope, the status
 * and progress the worker reports, every row error, and the residents each import created.
 */
export class ResidentImports1764400000000 implements MigrationInterface {
  name = 'ResidentImports1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE resident_imports (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        uploaded_by     uuid REFERENCES users (id) ON DELETE SET NULL,
        technopark_ids  uuid[],
        file_name       text CHECK (length(file_name) <= 300),
        csv             text NOT NULL,
        status          varchar(12) NOT NULL DEFAULT 'checking'
                        CHECK (status IN ('checking', 'checked', 'committing', 'committed', 'failed')),
        total_rows      integer NOT NULL DEFAULT 0 CHECK (total_rows >= 0),
        processed_rows  integer NOT NULL DEFAULT 0,
        error_count     integer NOT NULL DEFAULT 0 CHECK (error_count >= 0),
        errors          jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(errors) = 'array'),
        preview_rows    jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(preview_rows) = 'array'),
        created_count   integer CHECK (created_count >= 0),
        failure_reason  text,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT resident_imports_progress_check CHECK (processed_rows BETWEEN 0 AND total_rows),
        CONSTRAINT resident_imports_committed_check CHECK ((status = 'committed') = (created_count IS NOT NULL)),
        CONSTRAINT resident_imports_failed_check CHECK ((status = 'failed') = (failure_reason IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX resident_imports_created_at_idx ON resident_imports (created_at DESC)`);
    await queryRunner.query(
      `ALTER TABLE residents ADD COLUMN import_id uuid REFERENCES resident_imports (id) ON DELETE SET NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX residents_import_id_idx ON residents (import_id) WHERE import_id IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE residents DROP COLUMN import_id`);
    await queryRunner.query(`DROP TABLE resident_imports`);
  }
}
