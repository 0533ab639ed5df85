import { z } from 'zod';
import { exportFormats } from './audience-files.js';

// Contracts of audience exports.

/** An export to make. */
export const exportInputSchema = z.object({
  format: z.enum(exportFormats).meta({ description: 'csv: people (names, phone, e-mail) for people; yandex: Yandex Audience CRM data, hashed; vk_phone / vk_email: VK Ads user lists, hashed' }),
  language: z.enum(['ru', 'en']).default('ru').meta({ description: 'Column names of the csv format' }),
});

/** An export and how far it got. */
export const exportSchema = z.object({
  id: z.string(),
  segmentId: z.string(),
  segmentName: z.string(),
  format: z.enum(exportFormats),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  rows: z.number().int().nullable().meta({ description: 'Lines written (customers without the needed contact, or who refused its channel, are left out)' }),
  members: z.number().int().nullable(),
  progress: z.number().meta({ description: '0..1' }),
  minimumRows: z.number().int().nullable().meta({ description: 'The fewest rows the advertising system accepts: Yandex Audience 100, VK Ads 2,000' }),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});
