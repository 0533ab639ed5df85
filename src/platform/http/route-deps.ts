import type { Clock } from '../clock.js';
import type { Db } from '../db/database.js';
import type { Services } from '../../services.js';
import type { Authenticator } from './auth.js';

/** Dependencies route modules receive. */
export interface RouteDeps {
  services: Services;
  authn: Authenticator;
  db: Db;
  clock: Clock;
}
