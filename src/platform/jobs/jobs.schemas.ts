import { z } from 'zod';
import { recordIdParam } from '../record-id.js';

// Contracts of the job endpoints, shared by the server and the web app.

/** A job as the API shows it. */
export const jobSchema = z.object({
  id: z.number().int(),
  kind: z.string().meta({ description: 'What the job does, e.g. scores.recompute or imports.run' }),
  status: z.enum(['queued', 'running', 'done', 'failed']).meta({ description: 'queued (also waiting to be retried), running, done, failed (see lastError)' }),
  attempts: z.number().int().meta({ description: 'Times a worker took the job' }),
  maxAttempts: z.number().int(),
  lastError: z.string().nullable().meta({ description: 'The error of the latest failed attempt' }),
  progress: z.unknown().meta({ description: 'What the running job reported last (its own JSON)' }),
  result: z.unknown().meta({ description: 'What the finished job returned (its own JSON)' }),
  runAt: z.number().int().meta({ description: 'When a queued job runs next (epoch milliseconds)' }),
  createdAt: z.number().int(),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
});

/** Query of the job list. */
export const jobListQuerySchema = z.object({
  status: z.enum(['queued', 'running', 'done', 'failed']).optional(),
  kind: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The job list. */
export const jobListSchema = z.object({ items: z.array(jobSchema) });

/** Path parameters naming a job. */
export const jobParamsSchema = z.object({ id: recordIdParam });
