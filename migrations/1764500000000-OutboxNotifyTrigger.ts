import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every statement that adds outbox rows wakes the relay (NOTIFY technomatch_outbox) from a statement-level
 * trigger, so writers need no second round trip for it and none can forget it. NOTIFY is transactional:
 * the relay hears it when the rows commit, and PostgreSQL folds repeats within one transaction into one.
 */
export class OutboxNotifyTrigger1764500000000 implements MigrationInterface {
  name = 'OutboxNotifyTrigger1764500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('technomatch_outbox', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER outbox_notify ON outbox`);
    await queryRunner.query(`DROP FUNCTION outbox_notify()`);
  }
}
