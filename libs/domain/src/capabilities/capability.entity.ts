import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * A node of the capability taxonomy: NACE Rev.2 / OKVED2 section › division › group › class,
 * then concrete competencies (`25.62.cnc-milling-5axis`).
 */
@Entity({ name: 'capabilities' })
export class Capability {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ name: 'parent_code', type: 'varchar', length: 64, nullable: true })
  parentCode!: string | null;

  /** Ancestor codes from the root down, excluding the node itself. Maintained on insert. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  ancestors!: string[];

  @Column({ type: 'smallint' })
  depth!: number;

  @Column({ name: 'label_ru', type: 'text' })
  labelRu!: string;

  @Column({ name: 'label_en', type: 'text' })
  labelEn!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
