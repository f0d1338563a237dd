import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lets each worker keep its in-memory resident index (libs/domain matches/resident-index.ts) in step with
 * PostgreSQL: every write to a resident stamps the row with the id of the writing transaction, and a worker
 * reads the rows stamped by transactions its previous snapshot could not see (at or past that snapshot's
 * `xmax`, or in its in-progress list). Transaction ids, unlike timestamps or sequence values, account for
 * commit order: a transaction that started earlier but commits later is still caught.
 */
export class ResidentChangeTracking1764100000000 implements MigrationInterface {
  name = 'ResidentChangeTracking1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE residents ADD COLUMN change_xid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION residents_stamp_change_xid() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.change_xid := pg_current_xact_id()::text::bigint;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER residents_stamp_change_xid BEFORE INSERT OR UPDATE ON residents
       FOR EACH ROW EXECUTE FUNCTION residents_stamp_change_xid()`,
    );
    await queryRunner.query(`CREATE INDEX residents_change_xid_idx ON residents (change_xid)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER residents_stamp_change_xid ON residents`);
    await queryRunner.query(`DROP FUNCTION residents_stamp_change_xid()`);
    await queryRunner.query(`ALTER TABLE residents DROP COLUMN change_xid`);
  }
}
