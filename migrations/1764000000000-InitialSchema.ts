import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The whole schema of the first release. Every invariant the code relies on is a constraint here
 * (unique pairs, status and range checks, foreign keys with an explicit ON DELETE), and every query
 * on a hot path has an index.
 */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE regions (
        code        varchar(8) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$'),
        country     char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        name_ru     text NOT NULL CHECK (name_ru <> ''),
        name_en     text NOT NULL CHECK (name_en <> ''),
        centre_ru   text NOT NULL,
        centre_en   text NOT NULL,
        lat         double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lon         double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
        iso_listed  boolean NOT NULL DEFAULT true,
        CONSTRAINT regions_code_country_key UNIQUE (code, country),
        CONSTRAINT regions_code_prefix_check CHECK (left(code, 2) = country)
      )`);
    await queryRunner.query(`CREATE INDEX regions_country_idx ON regions (country)`);

    await queryRunner.query(`
      CREATE TABLE capabilities (
        code        varchar(64) PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9.-]*$'),
        parent_code varchar(64) REFERENCES capabilities (code) ON DELETE RESTRICT,
        ancestors   text[] NOT NULL DEFAULT '{}',
        depth       smallint NOT NULL CHECK (depth >= 0),
        label_ru    text NOT NULL CHECK (label_ru <> ''),
        label_en    text NOT NULL CHECK (label_en <> ''),
        aliases     text[] NOT NULL DEFAULT '{}',
        created_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT capabilities_parent_check CHECK (parent_code IS NULL OR parent_code <> code),
        CONSTRAINT capabilities_depth_ancestors_check CHECK (depth = cardinality(ancestors))
      )`);
    await queryRunner.query(`CREATE INDEX capabilities_parent_code_idx ON capabilities (parent_code)`);

    await queryRunner.query(`
      CREATE TABLE technoparks (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        region_code    varchar(8) NOT NULL REFERENCES regions (code) ON DELETE RESTRICT,
        review_matches boolean NOT NULL DEFAULT false,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX technoparks_name_key ON technoparks (lower(name))`);

    await queryRunner.query(`
      CREATE TABLE residents (
        id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        technopark_id      uuid NOT NULL REFERENCES technoparks (id) ON DELETE RESTRICT,
        name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        country            char(2) NOT NULL,
        region_code        varchar(8) NOT NULL,
        legal_id           varchar(20) NOT NULL CHECK (legal_id ~ '^[0-9A-Z]{9,14}$'),
        headcount          integer NOT NULL CHECK (headcount > 0),
        capabilities       text[] NOT NULL CHECK (cardinality(capabilities) BETWEEN 1 AND 100),
        capability_closure text[] NOT NULL,
        certifications     text[] NOT NULL DEFAULT '{}',
        emails             text[] NOT NULL CHECK (cardinality(emails) BETWEEN 1 AND 10),
        language           varchar(2) NOT NULL DEFAULT 'ru' CHECK (language IN ('ru', 'en')),
        notification_mode  varchar(8) NOT NULL DEFAULT 'instant' CHECK (notification_mode IN ('instant', 'daily', 'off')),
        active             boolean NOT NULL DEFAULT true,
        unsubscribed_at    timestamptz,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT residents_region_fk FOREIGN KEY (region_code, country) REFERENCES regions (code, country) ON DELETE RESTRICT,
        CONSTRAINT residents_country_legal_id_key UNIQUE (country, legal_id),
        CONSTRAINT residents_closure_check CHECK (capability_closure @> capabilities)
      )`);
    // Candidate retrieval: `capability_closure @> required` and `capabilities && parents` among active residents.
    await queryRunner.query(
      `CREATE INDEX residents_capability_closure_idx ON residents USING gin (capability_closure) WHERE active`,
    );
    await queryRunner.query(
      `CREATE INDEX residents_capabilities_idx ON residents USING gin (capabilities) WHERE active`,
    );
    await queryRunner.query(`CREATE INDEX residents_technopark_id_idx ON residents (technopark_id)`);
    await queryRunner.query(`CREATE INDEX residents_region_code_idx ON residents (region_code)`);
    await queryRunner.query(`CREATE INDEX residents_country_idx ON residents (country) WHERE active`);

    await queryRunner.query(`
      CREATE TABLE enterprises (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        email          text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
        webhook_url    text CHECK (webhook_url ~ '^https?://'),
        webhook_secret text,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT enterprises_webhook_check CHECK (webhook_url IS NULL OR webhook_secret IS NOT NULL)
      )`);

    await queryRunner.query(`
      CREATE TABLE api_keys (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
        name          text NOT NULL DEFAULT 'default',
        prefix        varchar(32) NOT NULL,
        key_hash      char(64) NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now(),
        last_used_at  timestamptz,
        revoked_at    timestamptz,
        CONSTRAINT api_keys_key_hash_key UNIQUE (key_hash)
      )`);
    await queryRunner.query(`CREATE INDEX api_keys_enterprise_id_idx ON api_keys (enterprise_id)`);

    await queryRunner.query(`
      CREATE TABLE tasks (
        id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        enterprise_id           uuid NOT NULL REFERENCES enterprises (id) ON DELETE RESTRICT,
        title                   text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description             text NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
        substitute_name         text NOT NULL CHECK (length(substitute_name) BETWEEN 1 AND 300),
        substitute_tn_ved       varchar(10) CHECK (substitute_tn_ved ~ '^[0-9]{4,10}$'),
        substitute_manufacturer text,
        substitute_part_number  text,
        region_code             varchar(8) NOT NULL REFERENCES regions (code) ON DELETE RESTRICT,
        countries               char(2)[] NOT NULL CHECK (cardinality(countries) >= 1),
        max_distance_km         integer CHECK (max_distance_km > 0),
        certifications          text[] NOT NULL DEFAULT '{}',
        quantity                integer CHECK (quantity > 0),
        budget_amount           numeric(16, 2) CHECK (budget_amount > 0),
        budget_currency         char(3) CHECK (budget_currency IN ('BYN', 'RUB', 'USD', 'EUR')),
        deadline                date,
        status                  varchar(16) NOT NULL DEFAULT 'open'
                                CHECK (status IN ('open', 'matching', 'matched', 'closed', 'cancelled')),
        version                 integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        matched_version         integer CHECK (matched_version <= version),
        matching_summary        jsonb,
        matched_at              timestamptz,
        idempotency_key         varchar(255),
        request_hash            char(64),
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tasks_budget_check CHECK ((budget_amount IS NULL) = (budget_currency IS NULL)),
        CONSTRAINT tasks_idempotency_check CHECK ((idempotency_key IS NULL) = (request_hash IS NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX tasks_enterprise_id_created_at_idx ON tasks (enterprise_id, created_at DESC, id DESC)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX tasks_enterprise_idempotency_key ON tasks (enterprise_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX tasks_status_idx ON tasks (status) WHERE status IN ('open', 'matching', 'matched')`,
    );

    await queryRunner.query(`
      CREATE TABLE task_requirements (
        task_id         uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        capability_code varchar(64) NOT NULL REFERENCES capabilities (code) ON DELETE RESTRICT,
        weight          real NOT NULL CHECK (weight >= 0 AND weight <= 1),
        required        boolean NOT NULL DEFAULT false,
        position        smallint NOT NULL CHECK (position >= 0),
        PRIMARY KEY (task_id, capability_code)
      )`);
    await queryRunner.query(
      `CREATE INDEX task_requirements_capability_code_idx ON task_requirements (capability_code)`,
    );

    await queryRunner.query(`
      CREATE TABLE matches (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        task_id         uuid NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
        resident_id     uuid NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
        score           numeric(5, 4) NOT NULL CHECK (score >= 0 AND score <= 1),
        rank            integer NOT NULL CHECK (rank >= 1),
        breakdown       jsonb NOT NULL,
        status          varchar(16) NOT NULL
                        CHECK (status IN ('proposed', 'approved', 'rejected', 'notified', 'interested', 'declined', 'withdrawn')),
        task_version    integer NOT NULL CHECK (task_version >= 1),
        decline_reason  varchar(32) CHECK (decline_reason IN ('no_capacity', 'not_our_profile', 'deadline', 'budget', 'other')),
        decline_comment text CHECK (length(decline_comment) <= 2000),
        answered_at     timestamptz,
        reviewed_by     uuid,
        reviewed_at     timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT matches_task_resident_key UNIQUE (task_id, resident_id),
        CONSTRAINT matches_decline_reason_status_check CHECK (decline_reason IS NULL OR status = 'declined'),
        CONSTRAINT matches_answered_check CHECK ((status IN ('interested', 'declined')) = (answered_at IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX matches_task_id_rank_idx ON matches (task_id, rank)`);
    await queryRunner.query(`CREATE INDEX matches_resident_id_status_idx ON matches (resident_id, status)`);
    await queryRunner.query(`CREATE INDEX matches_proposed_idx ON matches (created_at) WHERE status = 'proposed'`);

    await queryRunner.query(`
      CREATE TABLE users (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email         text NOT NULL CHECK (email ~ '^[^@\\s]+@[^@\\s]+$'),
        password_hash text NOT NULL,
        role          varchar(16) NOT NULL CHECK (role IN ('admin', 'coordinator')),
        active        boolean NOT NULL DEFAULT true,
        failed_logins integer NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_until  timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await queryRunner.query(`
      CREATE TABLE user_technoparks (
        user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        technopark_id uuid NOT NULL REFERENCES technoparks (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, technopark_id)
      )`);
    await queryRunner.query(`CREATE INDEX user_technoparks_technopark_id_idx ON user_technoparks (technopark_id)`);
    await queryRunner.query(
      `ALTER TABLE matches ADD CONSTRAINT matches_reviewed_by_fk FOREIGN KEY (reviewed_by) REFERENCES users (id) ON DELETE SET NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE notifications (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind                varchar(16) NOT NULL CHECK (kind IN ('match', 'digest')),
        resident_id         uuid NOT NULL REFERENCES residents (id) ON DELETE CASCADE,
        task_id             uuid REFERENCES tasks (id) ON DELETE CASCADE,
        match_id            uuid REFERENCES matches (id) ON DELETE CASCADE,
        recipients          text[] NOT NULL CHECK (cardinality(recipients) >= 1),
        language            varchar(2) NOT NULL CHECK (language IN ('ru', 'en')),
        subject             text,
        status              varchar(16) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
        attempts            integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error          text,
        message_id          text NOT NULL,
        provider_message_id text,
        sent_at             timestamptz,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT notifications_message_id_key UNIQUE (message_id),
        CONSTRAINT notifications_match_check CHECK (kind <> 'match' OR (task_id IS NOT NULL AND match_id IS NOT NULL)),
        CONSTRAINT notifications_sent_check CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      )`);
    // A resident never gets two emails about one task, whatever the queue does.
    await queryRunner.query(
      `CREATE UNIQUE INDEX notifications_resident_task_key ON notifications (resident_id, task_id) WHERE kind = 'match'`,
    );
    await queryRunner.query(`CREATE INDEX notifications_status_created_at_idx ON notifications (status, created_at)`);
    await queryRunner.query(`CREATE INDEX notifications_match_id_idx ON notifications (match_id)`);

    await queryRunner.query(`
      CREATE TABLE outbox (
        id           bigserial PRIMARY KEY,
        job_name     text NOT NULL,
        job_id       text NOT NULL CHECK (job_id !~ ':' AND job_id !~ '^[0-9]+$'),
        payload      jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error   text
      )`);
    await queryRunner.query(`CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE published_at IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE audit_log (
        id          bigserial PRIMARY KEY,
        actor_type  varchar(16) NOT NULL CHECK (actor_type IN ('user', 'enterprise', 'cli', 'system')),
        actor_id    text,
        action      text NOT NULL,
        entity_type text NOT NULL,
        entity_id   text NOT NULL,
        before      jsonb,
        after       jsonb,
        request_id  text,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, created_at)`);
    await queryRunner.query(`CREATE INDEX audit_log_created_at_idx ON audit_log (created_at)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'outbox',
      'notifications',
      'user_technoparks',
      'matches',
      'users',
      'task_requirements',
      'tasks',
      'api_keys',
      'enterprises',
      'residents',
      'technoparks',
      'capabilities',
      'regions',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
