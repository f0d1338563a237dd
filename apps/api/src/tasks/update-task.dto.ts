import { z } from 'zod';
import { TASK_STATUSES } from '@app/domain';
import { pageQuery } from '../common/schemas';
import { createTaskSchema } from './create-task.dto';

/** `PATCH /api/v1/tasks/:id` body: any field of a new task; `requirements` replace the old list. */
export const updateTaskSchema = createTaskSchema
  .partial()
  .refine((body) => Object.keys(body).length > 0, { error: 'name at least one field to change' });

export type UpdateTaskDto = z.output<typeof updateTaskSchema>;

/** `GET /api/v1/tasks` query. */
export const listTasksQuery = z.strictObject({
  ...pageQuery,
  status: z
    .string()
    .max(100)
    .transform((value) => value.split(','))
    .pipe(z.array(z.enum(TASK_STATUSES)))
    .optional()
    .meta({ description: 'Comma-separated statuses, e.g. `open,matched`' }),
});

export type ListTasksQuery = z.output<typeof listTasksQuery>;
