import { createGunzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeps } from '../../platform/http/route-deps.js';
import { DomainError } from '../../platform/errors.js';
import { errorBody } from '../../platform/http/error-handler.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../platform/json-depth.js';
import { batchCallSchema, documentedOnly, singleCallSchema } from './ingest.openapi.js';
import type { IngestResult } from './ingest.service.js';
import { batchEnvelopeSchema, MAX_BATCH_BYTES, MAX_EVENT_BYTES, type MessageType, messageTypes } from './segment.schemas.js';

/** Registers the Segment-compatible tracking API: /v1/identify, /v1/track, … and /v1/batch (write-key auth). */
export function registerIngestRoutes(http: FastifyInstance, deps: RouteDeps): void {
  http.register(async (scope) => {
    // Every body is JSON, whatever its label: browser clients post text/plain to avoid a CORS
    // preflight, and RudderStack's Node SDK posts gzip with axios's default
    // application/x-www-form-urlencoded. A body that is not JSON is refused as such.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
      try {
        done(null, JSON.parse(body as string));
      } catch {
        done(new DomainError('invalid_json', 'The body is not valid JSON'), undefined);
      }
    });
    scope.addHook('preParsing', async (request, _reply, payload) => {
      if (request.headers['content-encoding']?.toLowerCase() !== 'gzip') return payload;
      const gunzip = createGunzip();
      const received = { length: 0 };
      payload.on('data', (chunk: Buffer) => (received.length += chunk.length));
      const stream = payload.pipe(gunzip);
      Object.defineProperty(stream, 'receivedEncodedLength', { get: () => received.length });
      delete request.headers['content-encoding'];
      return stream;
    });
    scope.addHook('onRequest', async (_request, reply) => {
      // Any site may post with its write key; no cookie is read here, so no credentials are allowed.
      reply.header('access-control-allow-origin', '*');
      // RudderStack's browser SDK sends its anonymous id in an AnonymousId header.
      reply.header('access-control-allow-headers', 'authorization, content-type, content-encoding, anonymousid');
      reply.header('access-control-allow-methods', 'POST, OPTIONS');
      reply.header('access-control-max-age', '86400');
    });
    scope.addHook('onSend', async (_request, reply, payload) => (reply.statusCode >= 400 ? withTrackingApiFields(payload) : payload));
    scope.options('/v1/*', { schema: { hide: true } }, async (_request, reply) => reply.status(204).send());

    // Segment's browser library (analytics.js 2.0) posts to the type's first letter (/v1/t, /v1/p…)
    // and batches to /v1/b; the long paths are the HTTP tracking API's.
    for (const path of ['/v1/batch', '/v1/b']) {
      const options = { bodyLimit: MAX_BATCH_BYTES, schema: batchCallSchema(path === '/v1/b'), ...documentedOnly };
      scope.post(path, options, (request, reply) => receiveBatch(deps, request, reply));
    }
    for (const type of messageTypes) {
      const handler = (request: FastifyRequest, reply: FastifyReply) => receiveOne(deps, type, request, reply);
      for (const path of [`/v1/${type}`, `/v1/${type.charAt(0)}`]) {
        const options = { bodyLimit: MAX_EVENT_BYTES + 1024, schema: singleCallSchema(type, path.length === 5), ...documentedOnly };
        scope.post(path, options, handler);
      }
    }
  });
}

// Segment's own libraries read `code` and `message` at the top of an error body (analytics-python
// fails on a body without them, and then resends a batch it should have dropped); ours stays under
// `error`, as everywhere in the API.
function withTrackingApiFields(payload: unknown): unknown {
  if (typeof payload !== 'string') return payload;
  let body: unknown;
  try {
    body = JSON.parse(payload);
  } catch {
    return payload;
  }
  if (typeof body !== 'object' || body === null || !('error' in body)) return payload;
  const error = body.error;
  if (typeof error !== 'object' || error === null || !('code' in error) || !('message' in error)) return payload;
  return JSON.stringify({ code: error.code, message: error.message, ...body });
}

// One batch call: the envelope is checked here, each message by the ingestion service.
async function receiveBatch(deps: RouteDeps, request: FastifyRequest, reply: FastifyReply) {
  const envelope = batchEnvelopeSchema.safeParse(request.body);
  if (!envelope.success) {
    const details = envelope.error.issues.map((i) => ({ field: i.path.join('.') || 'body', reason: i.message }));
    throw new DomainError('validation_failed', `${details[0]?.field}: ${details[0]?.reason}`, details);
  }
  const workspaceId = await writeKeyWorkspace(deps, request, envelope.data.writeKey ?? undefined);
  // The batch's context is merged into every message, so a context too deep for one is too deep for all.
  if (nestsDeeperThan(envelope.data.context, MAX_JSON_DEPTH)) {
    throw new DomainError('validation_failed', `context: nests deeper than ${MAX_JSON_DEPTH} levels`, [{ field: 'context', reason: `nests deeper than ${MAX_JSON_DEPTH} levels` }]);
  }
  const result = await deps.services.ingest.ingest(workspaceId, envelope.data.batch, {
    receivedAt: deps.clock.now(),
    batchSentAt: envelope.data.sentAt ?? undefined,
    batchContext: envelope.data.context,
  });
  return answer(reply, result, envelope.data.batch.length, true);
}

// One single call (/v1/track …): the route names the message type.
async function receiveOne(deps: RouteDeps, type: MessageType, request: FastifyRequest, reply: FastifyReply) {
  const body = request.body;
  const bodyKey = body && typeof body === 'object' && 'writeKey' in body ? (body as { writeKey: unknown }).writeKey : undefined;
  const workspaceId = await writeKeyWorkspace(deps, request, typeof bodyKey === 'string' ? bodyKey : undefined);
  const result = await deps.services.ingest.ingest(workspaceId, [body], { type, receivedAt: deps.clock.now() });
  return answer(reply, result, 1, false);
}

// The write key: HTTP Basic with the key as user name (what Segment's clients send), or `writeKey` in the body.
async function writeKeyWorkspace(deps: RouteDeps, request: FastifyRequest, bodyKey: string | undefined): Promise<string> {
  const header = request.headers.authorization;
  let key = bodyKey;
  if (header?.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice('Basic '.length).trim(), 'base64').toString('utf8');
    key = decoded.split(':')[0];
  }
  if (!key) throw new DomainError('unauthorized', 'Pass the write key as the HTTP Basic user name or as "writeKey" in the body');
  const verified = await deps.services.apiKeys.verifyWriteKey(key);
  if (!verified) throw new DomainError('unauthorized', 'Unknown or revoked write key');
  return verified.workspaceId;
}

// 200 {success: true} when every message was stored (or was a duplicate); otherwise 400 naming each
// rejected message by index and field, with the counts of what was stored anyway.
function answer(reply: FastifyReply, result: IngestResult, total: number, batch: boolean) {
  if (result.rejected.length === 0) {
    return reply.send({ success: true, accepted: result.accepted, duplicates: result.duplicates });
  }
  const rejectedCount = new Set(result.rejected.map((r) => r.index)).size;
  const path = (r: { index: number; field: string }) =>
    batch ? `batch[${r.index}]${r.field ? `.${r.field}` : ''}` : r.field || 'body';
  const details = result.rejected.map((r) => ({ ...(batch ? { index: r.index } : {}), field: path(r), reason: r.reason }));
  const first = details[0];
  const message =
    batch
      ? `${rejectedCount} of ${total} messages rejected (first: ${first?.field}: ${first?.reason}); the other ${total - rejectedCount} were stored`
      : `${first?.field}: ${first?.reason}`;
  return reply.status(400).send({
    ...errorBody('validation_failed', message, details),
    success: false,
    accepted: result.accepted,
    duplicates: result.duplicates,
    rejected: rejectedCount,
  });
}
