import { InitialSchema1764000000000 } from './1764000000000-InitialSchema';
import { ReferenceData1764000000001 } from './1764000000001-ReferenceData';
import { ResidentChangeTracking1764100000000 } from './1764100000000-ResidentChangeTracking';
import { EnterpriseUpdatesAndDigests1764200000000 } from './1764200000000-EnterpriseUpdatesAndDigests';
import { TaskMatchingOptions1764300000000 } from './1764300000000-TaskMatchingOptions';
import { ResidentImports1764400000000 } from './1764400000000-ResidentImports';
import { OutboxNotifyTrigger1764500000000 } from './1764500000000-OutboxNotifyTrigger';
import { NotificationSkippedStatus1764600000000 } from './1764600000000-NotificationSkippedStatus';

/**
 * Every migration, in order. Listed explicitly (not globbed) so that the apps, the TypeORM CLI
 * and Jest all load the same compiled or transpiled classes. Add new migrations at the end.
 */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  ReferenceData1764000000001,
  ResidentChangeTracking1764100000000,
  EnterpriseUpdatesAndDigests1764200000000,
  TaskMatchingOptions1764300000000,
  ResidentImports1764400000000,
  OutboxNotifyTrigger1764500000000,
  NotificationSkippedStatus1764600000000,
];
