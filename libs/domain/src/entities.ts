import { AuditEntry } from './audit/audit-entry.entity';
import { Capability } from './capabilities/capability.entity';
import { DigestItem } from './digests/digest-item.entity';
import { ApiKey } from './enterprises/api-key.entity';
import { Enterprise } from './enterprises/enterprise.entity';
import { Match } from './matches/match.entity';
import { Notification } from './notifications/notification.entity';
import { OutboxMessage } from './outbox/outbox-message.entity';
import { Region } from './regions/region.entity';
import { ResidentImport } from './residents/resident-import.entity';
import { Resident } from './residents/resident.entity';
import { TaskRequirement } from './tasks/task-requirement.entity';
import { Task } from './tasks/task.entity';
import { Technopark } from './technoparks/technopark.entity';
import { User } from './users/user.entity';
import { WebhookDelivery, WebhookDeliveryAttempt } from './webhooks/webhook-delivery.entity';

/** Every entity, for the one DataSource shared by the apps, the CLI and the migrations. */
export const ENTITIES = [
  Region,
  Capability,
  Technopark,
  Resident,
  ResidentImport,
  Enterprise,
  ApiKey,
  Task,
  TaskRequirement,
  Match,
  Notification,
  User,
  OutboxMessage,
  AuditEntry,
  DigestItem,
  WebhookDelivery,
  WebhookDeliveryAttempt,
];
