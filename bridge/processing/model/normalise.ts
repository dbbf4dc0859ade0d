/**
 * Decoded packet -> model packets. Pure and total: every packet `decode()` accepts, of every format, normalises.
 * Usually one model packet; two where an older format carried data that EA later moved to its own packet, so that
 * one kind always holds the same data (see ModelPacket): a 2018-2022 Motion packet gives "motion" and "motionEx",
 * a 2018-2020 Car Status packet gives "status" and "damage" (both with the same meta).
 * Each format's quirks are handled in the file of its packet kind, under ./normalise/.
 */

import { carSetups } from "./normalise/car-setups.ts";
import { damage } from "./normalise/damage.ts";
import type { DecodedPacket } from "./normalise/decoded.ts";
import { event } from "./normalise/event.ts";
import { lapData } from "./normalise/lap-data.ts";
import { metaOf } from "./normalise/meta.ts";
import { motion, motionEx } from "./normalise/motion.ts";
import { lobbyInfo, participants } from "./normalise/participants.ts";
import { finalClassification, lapPositions, sessionHistory, timeTrial, tyreSets } from "./normalise/results.ts";
import { session } from "./normalise/session.ts";
import { status } from "./normalise/status.ts";
import { telemetry, telemetry2 } from "./normalise/telemetry.ts";
import type { ModelPacket } from "./types.ts";

export function normalise(packet: DecodedPacket): ModelPacket[] {
  const meta = metaOf(packet.header);
  switch (packet.name) {
    case "motion":
      return motion(packet, meta);
    case "session":
      return [session(packet, meta)];
    case "lapData":
      return [lapData(packet, meta)];
    case "event":
      return [event(packet, meta)];
    case "participants":
      return [participants(packet, meta)];
    case "carSetups":
      return [carSetups(packet, meta)];
    case "carTelemetry":
      return [telemetry(packet, meta)];
    case "carStatus":
      return status(packet, meta);
    case "finalClassification":
      return [finalClassification(packet, meta)];
    case "lobbyInfo":
      return [lobbyInfo(packet, meta)];
    case "carDamage":
      return [damage(packet, meta)];
    case "sessionHistory":
      return [sessionHistory(packet, meta)];
    case "tyreSets":
      return [tyreSets(packet, meta)];
    case "motionEx":
      return [motionEx(packet, meta)];
    case "timeTrial":
      return [timeTrial(packet, meta)];
    case "lapPositions":
      return [lapPositions(packet, meta)];
    case "carTelemetry2":
      return [telemetry2(packet, meta)];
  }
}
