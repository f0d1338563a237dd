import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A first-level administrative unit (ISO 3166-2), with its administrative centre for distances. */
@Entity({ name: 'regions' })
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 8 })
  code!: string;

  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ name: 'name_ru', type: 'text' })
  nameRu!: string;

  @Column({ name: 'name_en', type: 'text' })
  nameEn!: string;

  @Column({ name: 'centre_ru', type: 'text' })
  centreRu!: string;

  @Column({ name: 'centre_en', type: 'text' })
  centreEn!: string;

  @Column({ type: 'double precision' })
  lat!: number;

  @Column({ type: 'double precision' })
  lon!: number;

  /** False for the few subjects whose code is not (yet) listed in ISO 3166-2. */
  @Column({ name: 'iso_listed', type: 'boolean', default: true })
  isoListed!: boolean;
}
