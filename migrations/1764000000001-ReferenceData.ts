import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CAPABILITIES, REGIONS } from '@app/reference-data';

/**
 * Ships the regions (BY, RU, KZ, KG, UZ) and the capability taxonomy. Upserts, so a later
 * migration can run it again after the reference data grows.
 */
export class ReferenceData1764000000001 implements MigrationInterface {
  name = 'ReferenceData1764000000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `INSERT INTO regions (code, country, name_ru, name_en, centre_ru, centre_en, lat, lon, iso_listed)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
         code text, country text, "nameRu" text, "nameEn" text, "centreRu" text, "centreEn" text,
         lat double precision, lon double precision, "isoListed" boolean)
       ON CONFLICT (code) DO UPDATE SET
         name_ru = EXCLUDED.name_ru, name_en = EXCLUDED.name_en, centre_ru = EXCLUDED.centre_ru,
         centre_en = EXCLUDED.centre_en, lat = EXCLUDED.lat, lon = EXCLUDED.lon, iso_listed = EXCLUDED.iso_listed`,
      [JSON.stringify(REGIONS)],
    );

    const parents = new Map(CAPABILITIES.map((node) => [node.code, node.parentCode]));
    const ancestorsOf = (code: string): string[] => {
      const chain: string[] = [];
      for (let parent = parents.get(code) ?? null; parent !== null; parent = parents.get(parent) ?? null) {
        chain.unshift(parent);
      }
      return chain;
    };
    const rows = CAPABILITIES.map((node) => ({ ...node, ancestors: ancestorsOf(node.code) }));
    // Parents come before children in CAPABILITIES, and one INSERT checks its foreign keys at the end.
    await queryRunner.query(
      `INSERT INTO capabilities (code, parent_code, ancestors, depth, label_ru, label_en, aliases)
       SELECT r.code, r."parentCode", ARRAY(SELECT jsonb_array_elements_text(r.ancestors)),
              jsonb_array_length(r.ancestors), r."labelRu", r."labelEn", ARRAY(SELECT jsonb_array_elements_text(r.aliases))
       FROM jsonb_to_recordset($1::jsonb) AS r(code text, "parentCode" text, ancestors jsonb, "labelRu" text, "labelEn" text, aliases jsonb)
       ON CONFLICT (code) DO UPDATE SET
         label_ru = EXCLUDED.label_ru, label_en = EXCLUDED.label_en, aliases = EXCLUDED.aliases`,
      [JSON.stringify(rows)],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM capabilities`);
    await queryRunner.query(`DELETE FROM regions`);
  }
}
