import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const RESIDENT_IMPORT_STATUSES = ['checking', 'checked', 'committing', 'committed', 'failed'] as const;
export type ResidentImportStatus = (typeof RESIDENT_IMPORT_STATUSES)[number];

/** One problem of an import file, where a spreadsheet user finds it: 1-based line, column name. */
export interface ResidentImportProblem {
  line: number;
  column: string;
  message: string;
}

/** One row of the file as the preview shows it: its line and its fields by column. */
export interface ResidentImportPreviewRow {
  line: number;
  values: Record<string, string>;
  invalid: boolean;
}

/**
 * A resident CSV import, checked and committed by the worker. `technoparkIds` is the uploader's
 * technopark scope (null for an admin): rows may only name those technoparks, and only users whose
 * scope covers it see the import.
 */
@Entity({ name: 'resident_imports' })
export class ResidentImport {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'uploaded_by', type: 'uuid', nullable: true })
  uploadedBy!: string | null;

  @Column({ name: 'technopark_ids', type: 'uuid', array: true, nullable: true })
  technoparkIds!: string[] | null;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  /** The file's text; only the worker reads it. */
  @Column({ type: 'text', select: false })
  csv!: string;

  @Column({ type: 'varchar', length: 12, default: 'checking' })
  status!: ResidentImportStatus;

  @Column({ name: 'total_rows', type: 'integer', default: 0 })
  totalRows!: number;

  @Column({ name: 'processed_rows', type: 'integer', default: 0 })
  processedRows!: number;

  @Column({ name: 'error_count', type: 'integer', default: 0 })
  errorCount!: number;

  /** Every problem of the file; pages read slices of it. */
  @Column({ type: 'jsonb', default: () => "'[]'", select: false })
  errors!: ResidentImportProblem[];

  @Column({ name: 'preview_rows', type: 'jsonb', default: () => "'[]'" })
  previewRows!: ResidentImportPreviewRow[];

  @Column({ name: 'created_count', type: 'integer', nullable: true })
  createdCount!: number | null;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
