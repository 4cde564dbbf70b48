import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../src-shared/contract/events';

/** The typed map of events the core pushes to every shell. */
export interface CoreEvents {
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
  emit<K extends EventName>(event: K, payload: EventPayload<K>): void;
}

export function createCoreEvents(): CoreEvents {
  const emitter = new EventEmitter();
  // Every window and every HTTP stream listens; none of them is a leak.
  emitter.setMaxListeners(0);
  return {
    on(event, listener) {
      const wrapped = (payload: unknown) => listener(payload as never);
      emitter.on(event, wrapped);
      return () => emitter.off(event, wrapped);
    },
    emit(event, payload) {
      emitter.emit(event, payload);
    },
  };
}
