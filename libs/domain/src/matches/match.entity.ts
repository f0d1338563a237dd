import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MatchBreakdown } from '@app/matching';
import { numericTransformer } from '../common/column-transformers';

export const MATCH_STATUSES = [
  'proposed',
  'approved',
  'rejected',
  'notified',
  'interested',
  'declined',
  'withdrawn',
] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];
export const DECLINE_REASONS = ['no_capacity', 'not_our_profile', 'deadline', 'budget', 'other'] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** A (task, resident) pair that passed the matching rules, with the breakdown that explains it. */
@Entity({ name: 'matches' })
export class Match {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  @Column({ name: 'resident_id', type: 'uuid' })
  residentId!: string;

  @Column({ type: 'numeric', precision: 5, scale: 4, transformer: numericTransformer })
  score!: number;

  @Column({ type: 'integer' })
  rank!: number;

  @Column({ type: 'jsonb' })
  breakdown!: MatchBreakdown;

  @Column({ type: 'varchar', length: 16 })
  status!: MatchStatus;

  @Column({ name: 'task_version', type: 'integer' })
  taskVersion!: number;

  @Column({ name: 'decline_reason', type: 'varchar', length: 32, nullable: true })
  declineReason!: DeclineReason | null;

  @Column({ name: 'decline_comment', type: 'text', nullable: true })
  declineComment!: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
