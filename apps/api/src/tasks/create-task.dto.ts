import { z } from 'zod';
import { CURRENCIES } from '@app/domain';

const text = (max: number) => z.string().trim().min(1).max(max);
const code = z.string().trim().min(1).max(64);

/** `POST /api/v1/tasks` body. Strict: unknown fields are rejected with their path. */
export const createTaskSchema = z.strictObject({
  title: text(300),
  description: z.string().max(20_000).optional(),
  substitutes: z.strictObject({
    name: text(300),
    tnVed: z
      .string()
      .regex(/^[0-9]{4,10}$/, { error: 'must be a TN VED code of 4 to 10 digits' })
      .optional(),
    manufacturer: text(300).optional(),
    partNumber: text(100).optional(),
  }),
  requirements: z
    .array(
      z.strictObject({
        capability: code,
        weight: z.number().min(0).max(1).default(1),
        required: z.boolean().default(false),
      }),
    )
    .min(1)
    .max(30),
  region: z.string().regex(/^[A-Z]{2}-[A-Z0-9]{1,3}$/, { error: 'must be an ISO 3166-2 region code such as BY-HM' }),
  countries: z
    .array(z.enum(['BY', 'RU', 'KZ', 'KG', 'UZ']))
    .min(1)
    .max(5)
    .optional(),
  maxDistanceKm: z.number().int().min(1).max(20_000).optional(),
  certifications: z.array(text(100)).max(20).optional(),
  quantity: z.number().int().min(1).max(1_000_000_000).optional(),
  budget: z
    .strictObject({
      amount: z.number().positive().max(1e13),
      currency: z.enum(CURRENCIES),
    })
    .optional(),
  deadline: z.iso.date({ error: 'must be a date in YYYY-MM-DD form' }).optional(),
  matching: z
    .strictObject({
      capabilityWeight: z.number().min(0.5).max(1).optional(),
      threshold: z.number().min(0.3).max(0.95).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    })
    .optional()
    .meta({
      description:
        "This task's own matching settings, overriding the defaults (capability weight 0.7, threshold 0.5, 25 matches); the region weight is 1 minus the capability weight",
    }),
});

export type CreateTaskDto = z.output<typeof createTaskSchema>;
