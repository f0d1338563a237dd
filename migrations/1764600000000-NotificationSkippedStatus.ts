import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A notification that was not sent on purpose (the resident left or unsubscribed, the match was withdrawn, the
 * task closed) is `skipped`, no longer `failed`: failed now means only that delivery failed and may be retried.
 */
export class NotificationSkippedStatus1764600000000 implements MigrationInterface {
  name = 'NotificationSkippedStatus1764600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
         CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'skipped'))`,
    );
    await queryRunner.query(
      `UPDATE notifications SET status = 'skipped' WHERE status = 'failed' AND last_error LIKE 'not sent:%'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`UPDATE notifications SET status = 'failed' WHERE status = 'skipped'`);
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_status_check
         CHECK (status IN ('queued', 'sending', 'sent', 'failed'))`,
    );
  }
}
