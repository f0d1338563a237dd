import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { numericTransformer } from '../common/column-transformers';
import { TaskRequirement } from './task-requirement.entity';

export const TASK_STATUSES = ['open', 'matching', 'matched', 'closed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const CURRENCIES = ['BYN', 'RUB', 'USD', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** A task's own matching settings, overriding the environment's defaults (bounds are checked by the database too). */
export interface TaskMatchingOptions {
  /** Weight of the capability score; the region score gets the rest. 0.5..1 */
  capabilityWeight?: number;
  /** Lowest score kept. 0.3..0.95 */
  threshold?: number;
  /** Most matches kept. 1..100 */
  limit?: number;
}

/** Why a task has fewer than three qualified residents, so the enterprise knows what to relax. */
export interface MatchingSummary {
  considered: number;
  qualified: number;
  matched: number;
  tooFew: boolean;
  excluded: {
    country: number;
    capability: Record<string, number>;
    certification: number;
    distance: number;
    belowThreshold: number;
  };
}

/** An enterprise's import-substitution task. */
@Entity({ name: 'tasks' })
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ name: 'substitute_name', type: 'text' })
  substituteName!: string;

  @Column({ name: 'substitute_tn_ved', type: 'varchar', length: 10, nullable: true })
  substituteTnVed!: string | null;

  @Column({ name: 'substitute_manufacturer', type: 'text', nullable: true })
  substituteManufacturer!: string | null;

  @Column({ name: 'substitute_part_number', type: 'text', nullable: true })
  substitutePartNumber!: string | null;

  @Column({ name: 'region_code', type: 'varchar', length: 8 })
  regionCode!: string;

  @Column({ type: 'char', length: 2, array: true })
  countries!: string[];

  @Column({ name: 'max_distance_km', type: 'integer', nullable: true })
  maxDistanceKm!: number | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  certifications!: string[];

  @Column({ type: 'integer', nullable: true })
  quantity!: number | null;

  @Column({
    name: 'budget_amount',
    type: 'numeric',
    precision: 16,
    scale: 2,
    nullable: true,
    transformer: numericTransformer,
  })
  budgetAmount!: number | null;

  @Column({ name: 'budget_currency', type: 'char', length: 3, nullable: true })
  budgetCurrency!: Currency | null;

  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'open' })
  status!: TaskStatus;

  /** Bumped on every edit; matching jobs carry it so that a stale job does nothing. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  @Column({ name: 'matched_version', type: 'integer', nullable: true })
  matchedVersion!: number | null;

  @Column({ name: 'matching_options', type: 'jsonb', nullable: true })
  matchingOptions!: TaskMatchingOptions | null;

  @Column({ name: 'matching_summary', type: 'jsonb', nullable: true })
  matchingSummary!: MatchingSummary | null;

  @Column({ name: 'matched_at', type: 'timestamptz', nullable: true })
  matchedAt!: Date | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 255, nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'request_hash', type: 'char', length: 64, nullable: true })
  requestHash!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToMany(() => TaskRequirement, (requirement) => requirement.task, { cascade: ['insert'] })
  requirements!: TaskRequirement[];
}
