import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../domain/actor.ts';
import type { Viewer } from '../domain/api-tokens.ts';
import type { Loaders } from '../domain/loaders.ts';

/** What every resolver gets: a request-scoped EntityManager fork, its loaders and the caller. */
export interface Context {
  em: EntityManager;
  loaders: Loaders;
  viewer: Viewer;
  /** The viewer as recorded on ticket events. */
  actor: Actor;
}
