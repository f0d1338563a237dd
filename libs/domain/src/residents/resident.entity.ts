import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const NOTIFICATION_MODES = ['instant', 'daily', 'off'] as const;
export type NotificationMode = (typeof NOTIFICATION_MODES)[number];
export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A firm in a technopark. */
@Entity({ name: 'residents' })
export class Resident {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'technopark_id', type: 'uuid' })
  technoparkId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 8 })
  regionCode!: string;

  /** UNP (BY), INN (RU), BIN (KZ) or TIN; unique within a country. */
  @Column({ name: 'legal_id', type: 'varchar', length: 20 })
  legalId!: string;

  @Column({ type: 'integer' })
  headcount!: number;

  /** Capability codes the resident declared. */
  @Column({ type: 'text', array: true })
  capabilities!: string[];

  /** Declared codes plus all their ancestors: `closure @> {code}` means "holds code or a descendant". */
  @Column({ name: 'capability_closure', type: 'text', array: true })
  capabilityClosure!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  certifications!: string[];

  @Column({ type: 'text', array: true })
  emails!: string[];

  @Column({ type: 'varchar', length: 2, default: 'ru' })
  language!: Language;

  @Column({ name: 'notification_mode', type: 'varchar', length: 8, default: 'instant' })
  notificationMode!: NotificationMode;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ name: 'unsubscribed_at', type: 'timestamptz', nullable: true })
  unsubscribedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** The CSV import that created the resident, if any (for the list filtered to one import). */
  @Column({ name: 'import_id', type: 'uuid', nullable: true, select: false })
  importId?: string | null;

  /** Id of the transaction that last wrote the row, set by a trigger; the matching worker's index follows it. */
  @Column({ name: 'change_xid', type: 'bigint', select: false, insert: false, update: false })
  changeXid!: string;
}
