import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditActorType } from './audit-entry.entity';

/** Who is acting: a dashboard user, an enterprise's key, the admin CLI or the system itself. */
export interface Actor {
  type: AuditActorType;
  id: string | null;
  requestId?: string | null;
}

export const CLI_ACTOR: Actor = { type: 'cli', id: null };
export const SYSTEM_ACTOR: Actor = { type: 'system', id: null };

/** Appends to the audit log inside the caller's transaction, so the record and the change commit together. */
@Injectable()
export class AuditService {
  async record(
    manager: EntityManager,
    actor: Actor,
    action: string,
    entityType: string,
    entityId: string,
    before: object | null,
    after: object | null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (actor_type, actor_id, request_id, action, entity_type, entity_id, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb)`,
      [
        actor.type,
        actor.id,
        actor.requestId ?? null,
        action,
        entityType,
        entityId,
        before === null ? null : JSON.stringify(before),
        after === null ? null : JSON.stringify(after),
      ],
    );
  }
}
