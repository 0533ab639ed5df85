import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from '../logger.js';
import { installErrorHandler } from './error-handler.js';

/** The HTTP server the platform runs (Fastify); only routes and platform/http use its API. */
export type HttpServer = FastifyInstance;

/** Options of the HTTP server. */
export interface HttpOptions {
  logger: Logger;
  /** Largest request body in bytes (the ingestion batch limit is enforced per route). */
  bodyLimit?: number;
  /** Proxies whose X-Forwarded-* headers are believed (TRUST_PROXY); none when left out. */
  trustProxy?: false | string[];
}

/** Creates the Fastify instance with zod validation, cookies, OpenAPI at /api/docs and the error mapper. */
export async function createHttpServer(options: HttpOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // One log line per request would drown the log at ingestion rates; errors are still logged.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: options.trustProxy ?? false,
    ajv: { customOptions: { coerceTypes: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Klientura API', version: '1.0.0', description: 'REST API of the Klientura CRM-marketing platform' },
      components: {
        securitySchemes: {
          secretKey: { type: 'http', scheme: 'bearer', description: 'A workspace secret key (sk_…)' },
          session: { type: 'apiKey', in: 'cookie', name: 'kl_session' },
          writeKey: { type: 'http', scheme: 'basic', description: 'Write key as the user name, empty password' },
        },
      },
      security: [{ secretKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  return app;
}
