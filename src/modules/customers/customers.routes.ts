import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteDeps } from '../../platform/http/route-deps.js';
import { DomainError } from '../../platform/errors.js';
import { requirePermission } from '../../platform/http/auth.js';
import type { CustomerFields } from './customer-fields.js';
import {
  createdCustomerSchema,
  customerExportSchema,
  customerIdParamsSchema,
  customerListQuerySchema,
  customerListSchema,
  customerProfileSchema,
  customerWriteSchema,
  eraseBodySchema,
  eraseQuerySchema,
  lookupQuerySchema,
  timelineQuerySchema,
  timelineSchema,
  workspaceQuery,
} from './customers.schemas.js';
import type { ProfileInput } from './profile-input.js';

const tags = ['Customers'];
const noContent = z.null().meta({ description: 'No body' });
const workspaceOnly = z.object(workspaceQuery);

/** Registers the customer endpoints: list and search, lookup, profile, timeline, export, create, edit, erase. */
export function registerCustomerRoutes(http: FastifyInstance, deps: RouteDeps): void {
  const api = http.withTypeProvider<ZodTypeProvider>();
  const { customers, customerList: list, timeline, customerExport: exporter } = deps.services;
  const read = requirePermission(deps.authn, 'read');
  const write = requirePermission(deps.authn, 'customers:write');

  api.get(
    '/api/v1/customers',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'List and search customers',
        description:
          'Live customers (merged and erased ones left out), filtered, sorted and paged by cursor: pass nextCursor back as `cursor` ' +
          'with the same query. Money in integer kopecks, times in epoch milliseconds.',
        querystring: customerListQuerySchema,
        response: { 200: customerListSchema },
      },
    },
    async (request) => list.list(request.auth.workspaceId, request.query),
  );

  api.get(
    '/api/v1/customers/lookup',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'Find the customer an identifier names',
        description: 'The value may be in any format (phones are normalised in the workspace phone region). 404 when nobody has it.',
        querystring: lookupQuerySchema,
        response: { 200: customerProfileSchema },
      },
    },
    async (request) => customers.lookup(request.auth.workspaceId, request.query.kind, request.query.value),
  );

  api.get(
    '/api/v1/customers/:id',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'A customer profile with identifiers, consent and stats',
        description: 'An id merged into another profile answers with that profile (its `id` differs from the one asked for).',
        params: customerIdParamsSchema,
        querystring: workspaceOnly,
        response: { 200: customerProfileSchema },
      },
    },
    async (request) => customers.get(request.auth.workspaceId, request.params.id),
  );

  api.get(
    '/api/v1/customers/:id/timeline',
    {
      onRequest: read,
      schema: {
        tags,
        summary: "A customer's orders and events, newest first",
        description: 'Cursor-paged; times in epoch milliseconds, money in integer kopecks.',
        params: customerIdParamsSchema,
        querystring: timelineQuerySchema,
        response: { 200: timelineSchema },
      },
    },
    async (request) => timeline.timeline(request.auth.workspaceId, request.params.id, request.query),
  );

  api.get(
    '/api/v1/customers/:id/export',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'Everything stored about a customer, as a JSON file',
        description: 'Profile, identifiers, consent, stats, all orders with items and all events (data-access requests). Money in kopecks, times in epoch ms.',
        params: customerIdParamsSchema,
        querystring: workspaceOnly,
        response: { 200: customerExportSchema },
      },
    },
    async (request, reply) => {
      const data = await exporter.export(request.auth.workspaceId, request.params.id);
      reply.header('content-disposition', `attachment; filename="customer-${data.profile.id}.json"`);
      return data;
    },
  );

  api.post(
    '/api/v1/customers',
    {
      onRequest: write,
      schema: {
        tags,
        summary: 'Create a customer, or update the one its identifiers name',
        description: '201 with created: true for a new person; 200 with created: false when a phone, e-mail, card or id already names someone.',
        querystring: workspaceOnly,
        body: customerWriteSchema,
        response: { 200: createdCustomerSchema, 201: createdCustomerSchema },
      },
    },
    async (request, reply) => {
      const { input, named } = toProfileInput(request.body);
      const result = await withBodyFieldNames(named, () => customers.create(request.auth.workspaceId, input));
      return reply.status(result.created ? 201 : 200).send({ customer: result.profile, created: result.created });
    },
  );

  api.patch(
    '/api/v1/customers/:id',
    {
      onRequest: write,
      schema: {
        tags,
        summary: 'Edit a customer',
        description: 'Absent fields stay, null clears a field, identifiers are added; one that belongs to another customer is a 409.',
        params: customerIdParamsSchema,
        querystring: workspaceOnly,
        body: customerWriteSchema,
        response: { 200: customerProfileSchema },
      },
    },
    async (request) => {
      const { input, named } = toProfileInput(request.body);
      return withBodyFieldNames(named, () => customers.update(request.auth.workspaceId, request.params.id, input));
    },
  );

  api.delete(
    '/api/v1/customers/:id',
    {
      onRequest: write,
      schema: {
        tags,
        summary: "Erase a customer's personal data",
        description: 'On a data-erasure request: names, contacts, identifiers, consent, traits and events go; orders stay, anonymous. The request is recorded.',
        params: customerIdParamsSchema,
        querystring: eraseQuerySchema,
        body: eraseBodySchema,
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const reason = request.body?.reason ?? request.query.reason ?? null;
      await customers.erase(request.auth.workspaceId, request.params.id, request.auth.userId, reason);
      return reply.status(204).send(null);
    },
  );
}

// Standard fields a client may write (device fields are the tracking's to set).
const writableFields = [
  'phone', 'email', 'firstName', 'lastName', 'middleName', 'gender', 'birthDate', 'city', 'region', 'country',
  'source', 'utmSource', 'utmMedium', 'utmCampaign', 'preferredChannel', 'managerUserId', 'locale',
] as const;

// The body as the service's ProfileInput; `named` lists the body fields that became the first identifiers.
function toProfileInput(body: z.infer<typeof customerWriteSchema>): { input: ProfileInput; named: string[] } {
  const identifiers: { kind: string; value: string }[] = [];
  const named: string[] = [];
  if (body.cardNumber !== undefined) {
    identifiers.push({ kind: 'card', value: body.cardNumber });
    named.push('cardNumber');
  }
  if (body.externalId !== undefined) {
    identifiers.push({ kind: 'external_id', value: body.externalId });
    named.push('externalId');
  }
  identifiers.push(...(body.identifiers ?? []));
  const fields: CustomerFields = {};
  for (const name of writableFields) {
    const value = body[name];
    if (value !== undefined) fields[name] = value;
  }
  return { input: { identifiers, fields, traits: body.traits, consent: body.consent }, named };
}

// The service names identifiers by their place in ProfileInput; the client knows them by the body's field names.
async function withBodyFieldNames<T>(named: string[], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof DomainError) || !Array.isArray(error.details) || named.length === 0) throw error;
    const details = error.details.map((d) => ({ ...d, field: bodyField(d.field, named) }));
    const first = details[0];
    const message = error.code === 'validation_failed' && first ? `${first.field}: ${first.reason}` : error.message;
    throw new DomainError(error.code, message, details);
  }
}

function bodyField(field: string, named: string[]): string {
  const m = /^identifiers\.(\d+)\.(kind|value)$/.exec(field);
  if (!m) return field;
  const index = Number(m[1]);
  return index < named.length ? (named[index] ?? field) : `identifiers.${index - named.length}.${m[2]}`;
}
