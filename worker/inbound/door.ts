import type { Client } from '@temporalio/client';
import type { Db } from 'mongodb';
import { InFlightLimit } from './admission';
import { AvailabilityCheck } from './availability';

/** What an inbound request passes before anything is written. */
export interface InboundDoor {
  inFlight: InFlightLimit;
  availability: AvailabilityCheck;
}

const doors = new WeakMap<Client, InboundDoor>();

/** One door per Temporal client, so one per process: all its requests share the limit and health. */
export function inboundDoor(deps: { db: Db; client: Client }, maxInFlight: number): InboundDoor {
  let door = doors.get(deps.client);
  if (!door || door.inFlight.max !== maxInFlight) {
    door = { inFlight: new InFlightLimit(maxInFlight), availability: new AvailabilityCheck(deps) };
    doors.set(deps.client, door);
  }
  return door;
}
