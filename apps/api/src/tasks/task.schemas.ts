import { z } from 'zod';
import { CURRENCIES, TASK_STATUSES } from '@app/domain';
import { isoDateTime } from '../common/schemas';

/** The JSON shape of a task in answers (see task.presenter.ts). */
export const taskResponseSchema = z.object({
  id: z.uuid(),
  status: z.enum(TASK_STATUSES),
  version: z.number().int(),
  title: z.string(),
  description: z.string(),
  substitutes: z.object({
    name: z.string(),
    tnVed: z.string().nullable(),
    manufacturer: z.string().nullable(),
    partNumber: z.string().nullable(),
  }),
  requirements: z.array(z.object({ capability: z.string(), weight: z.number(), required: z.boolean() })),
  region: z.string(),
  countries: z.array(z.string()),
  maxDistanceKm: z.number().nullable(),
  certifications: z.array(z.string()),
  quantity: z.number().nullable(),
  budget: z.object({ amount: z.number(), currency: z.enum(CURRENCIES) }).nullable(),
  deadline: z.string().nullable(),
  matchingOptions: z
    .object({ capabilityWeight: z.number().optional(), threshold: z.number().optional(), limit: z.number().optional() })
    .nullable(),
  matching: z
    .object({
      matchedAt: isoDateTime.nullable(),
      matchedVersion: z.number().nullable(),
      considered: z.number(),
      qualified: z.number(),
      matched: z.number(),
      tooFew: z.boolean(),
      excluded: z.record(z.string(), z.unknown()),
    })
    .nullable()
    .meta({ description: 'Outcome of the last matching run; null until the first run.' }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});

export const matchResponseSchema = z.object({
  id: z.uuid(),
  rank: z.number().int(),
  score: z.number(),
  status: z.string(),
  resident: z.object({
    id: z.uuid(),
    name: z.string(),
    country: z.string(),
    region: z.string(),
    headcount: z.number(),
    contact: z
      .object({ emails: z.array(z.string()) })
      .nullable()
      .meta({ description: 'Only once the resident said it is interested.' }),
  }),
  breakdown: z.record(z.string(), z.unknown()),
  answeredAt: isoDateTime.nullable(),
  declineReason: z.string().nullable(),
});

export const taskExample = {
  title: 'Gear housing',
  description: 'Cast and machined housing for a two-stage gearbox',
  substitutes: { name: 'Gearbox housing', manufacturer: 'SEW-Eurodrive', tnVed: '8483409000' },
  requirements: [
    { capability: '25.62', weight: 1, required: true },
    { capability: '24.5', weight: 0.5 },
  ],
  region: 'BY-MI',
  countries: ['BY', 'RU'],
  certifications: ['ISO 9001'],
  quantity: 200,
  budget: { amount: 90000, currency: 'USD' },
  deadline: '2026-12-01',
};
