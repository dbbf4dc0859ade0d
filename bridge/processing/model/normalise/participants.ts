// Participants (id 4) and Lobby Info (id 9, 2020+). Names from the lookups of the packet's own format.
import { driverName, nationalityName, teamName } from "../../../f1/lookups/index.ts";
import * as code from "../enums.ts";
import type { PacketMeta } from "../types/base.ts";
import type { LobbyInfoPacket, LobbyPlayer, ParticipantCar, ParticipantsPacket } from "../types/participants.ts";
import { firstOf, flagOn } from "../units.ts";
import type { Decoded, Item } from "./decoded.ts";

type Car = Item<Decoded<"participants">["data"]["participants"]>;
type Player = Item<Decoded<"lobbyInfo">["data"]["lobbyPlayers"]>;

export function participants(p: Decoded<"participants">, meta: PacketMeta): ParticipantsPacket {
  const d = p.data;
  const cars: readonly Car[] = d.participants;
  return {
    kind: "participants",
    meta,
    // 2018 names the count numCars.
    numActiveCars: "numCars" in d ? d.numCars : d.numActiveCars,
    cars: cars.map((c) => participant(c, p.packetFormat)),
  };
}

function participant(c: Car, f: number): ParticipantCar {
  return {
    aiControlled: flagOn(c.aiControlled),
    driverId: c.driverId,
    driver: driverName(f, c.driverId),
    teamId: c.teamId,
    team: teamName(f, c.teamId),
    raceNumber: c.raceNumber,
    nationalityId: c.nationality,
    nationality: nationalityName(f, c.nationality),
    name: c.name,
    telemetryPublic: "yourTelemetry" in c ? flagOn(c.yourTelemetry) : undefined,
    // All ones marks a car without a network player: 255, or 65535 once 2026 widens the id to u16.
    networkId: "networkId" in c && c.networkId !== (f >= 2026 ? 0xffff : 0xff) ? c.networkId : undefined,
    myTeam: "myTeam" in c ? flagOn(c.myTeam) : undefined,
    showOnlineNames: "showOnlineNames" in c ? flagOn(c.showOnlineNames) : undefined,
    platform: "platform" in c ? code.platform(c.platform) : undefined,
    techLevel: "techLevel" in c ? c.techLevel : undefined,
    liveryColours: "liveryColours" in c ? firstOf(c.liveryColours, c.numColours) : undefined,
  };
}

export function lobbyInfo(p: Decoded<"lobbyInfo">, meta: PacketMeta): LobbyInfoPacket {
  const players: readonly Player[] = p.data.lobbyPlayers;
  const f = p.packetFormat;
  return {
    kind: "lobbyInfo",
    meta,
    players: firstOf(players, p.data.numPlayers).map(
      (l): LobbyPlayer => ({
        aiControlled: flagOn(l.aiControlled),
        teamId: l.teamId,
        team: teamName(f, l.teamId),
        nationalityId: l.nationality,
        nationality: nationalityName(f, l.nationality),
        name: l.name,
        readyStatus: code.readyStatus(l.readyStatus),
        carNumber: "carNumber" in l ? l.carNumber : undefined,
        platform: "platform" in l ? code.platform(l.platform) : undefined,
        telemetryPublic: "yourTelemetry" in l ? flagOn(l.yourTelemetry) : undefined,
        showOnlineNames: "showOnlineNames" in l ? flagOn(l.showOnlineNames) : undefined,
        techLevel: "techLevel" in l ? l.techLevel : undefined,
      }),
    ),
  };
}
