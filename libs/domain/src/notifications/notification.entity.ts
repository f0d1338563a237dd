import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** `match`: a new task for a resident; `digest`: a resident's daily list; `interest`: an enterprise hears a resident is interested. */
export const NOTIFICATION_KINDS = ['match', 'digest', 'interest'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** `failed`: delivery failed (retryable by staff); `skipped`: not sent on purpose, the reason in `last_error`. */
export const NOTIFICATION_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/**
 * One email to one resident. The row, not the queue, is the source of truth for delivery;
 * a partial unique index allows one `match` email per (resident, task), ever.
 */
@Entity({ name: 'notifications' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: NotificationKind;

  @Column({ name: 'resident_id', type: 'uuid' })
  residentId!: string;

  @Column({ name: 'task_id', type: 'uuid', nullable: true })
  taskId!: string | null;

  @Column({ name: 'match_id', type: 'uuid', nullable: true })
  matchId!: string | null;

  @Column({ type: 'text', array: true })
  recipients!: string[];

  @Column({ type: 'varchar', length: 2 })
  language!: string;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status!: NotificationStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Deterministic RFC 5322 Message-ID, so a resend after a crash is recognisable as the same message. */
  @Column({ name: 'message_id', type: 'text' })
  messageId!: string;

  @Column({ name: 'provider_message_id', type: 'text', nullable: true })
  providerMessageId!: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
