import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'technoparks' })
export class Technopark {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'region_code', type: 'varchar', length: 8 })
  regionCode!: string;

  /** When on, its residents are contacted only after a coordinator approves the match. */
  @Column({ name: 'review_matches', type: 'boolean', default: false })
  reviewMatches!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
