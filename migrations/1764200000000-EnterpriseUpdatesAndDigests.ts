import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What residents' answers and digests need:
 * - `notifications.kind = 'interest'`: the email telling an enterprise that a resident is interested,
 *   delivered (and retried) like every other email, at most one per match;
 * - `digest_items`: which matches a daily digest listed; a match is listed in at most one digest;
 * - `webhook_deliveries` and their attempts: the signed POSTs to enterprises' webhook URLs, one per
 *   (enterprise, event, subject), with a log of every attempt.
 */
export class EnterpriseUpdatesAndDigests1764200000000 implements MigrationInterface {
  name = 'EnterpriseUpdatesAndDigests1764200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('match', 'digest', 'interest'))`,
    );
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_interest_check CHECK (kind <> 'interest' OR match_id IS NOT NULL)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX notifications_interest_match_key ON notifications (match_id) WHERE kind = 'interest'`,
    );

    await queryRunner.query(`
      CREATE TABLE digest_items (
        notification_id uuid NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        match_id        uuid NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        PRIMARY KEY (notification_id, match_id),
        CONSTRAINT digest_items_match_key UNIQUE (match_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE webhook_deliveries (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id    uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
        event            varchar(64) NOT NULL CHECK (event IN ('match.interested')),
        subject_id       uuid NOT NULL,
        url              text NOT NULL CHECK (url ~ '^https?://'),
        payload          jsonb NOT NULL,
        status           varchar(16) NOT NULL DEFAULT 'queued'
                         CHECK (status IN ('queued', 'delivering', 'delivered', 'failed')),
        attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_status_code integer,
        last_error       text,
        delivered_at     timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_deliveries_event_key UNIQUE (enterprise_id, event, subject_id),
        CONSTRAINT webhook_deliveries_delivered_check CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_deliveries_enterprise_created_idx ON webhook_deliveries (enterprise_id, created_at DESC)`,
    );
    await queryRunner.query(`CREATE INDEX webhook_deliveries_status_idx ON webhook_deliveries (status, created_at)`);
    await queryRunner.query(`
      CREATE TABLE webhook_delivery_attempts (
        id          bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        attempt     integer NOT NULL CHECK (attempt >= 1),
        status_code integer,
        error       text,
        duration_ms integer NOT NULL CHECK (duration_ms >= 0),
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX webhook_delivery_attempts_delivery_idx ON webhook_delivery_attempts (delivery_id, attempt)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE webhook_delivery_attempts`);
    await queryRunner.query(`DROP TABLE webhook_deliveries`);
    await queryRunner.query(`DROP TABLE digest_items`);
    await queryRunner.query(`DELETE FROM notifications WHERE kind = 'interest'`);
    await queryRunner.query(`DROP INDEX notifications_interest_match_key`);
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_interest_check`);
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN ('match', 'digest'))`,
    );
  }
}
