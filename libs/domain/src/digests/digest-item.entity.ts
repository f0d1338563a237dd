import { Entity, PrimaryColumn } from 'typeorm';

/** A match listed in a daily digest notification; the unique match id lists each match in one digest only. */
@Entity({ name: 'digest_items' })
export class DigestItem {
  @PrimaryColumn({ name: 'notification_id', type: 'uuid' })
  notificationId!: string;

  @PrimaryColumn({ name: 'match_id', type: 'uuid' })
  matchId!: string;
}
