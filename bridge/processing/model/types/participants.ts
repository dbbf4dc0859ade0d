import type { ModelBase } from "./base.ts";
import type { Platform, ReadyStatus } from "./enums.ts";

export interface Colour {
  red: number;
  green: number;
  blue: number;
}

export interface ParticipantCar {
  aiControlled: boolean;
  driverId: number;
  /** The game's driver for driverId; absent for network humans and unknown ids. */
  driver?: string;
  teamId: number;
  team?: string;
  raceNumber: number;
  nationalityId: number;
  nationality?: string;
  /** As the game sent it (NUL-terminated UTF-8): untrusted text. */
  name: string;
  /** 2019+: the player's "Your Telemetry" setting is public. */
  telemetryPublic?: boolean;
  /** 2021+; absent for cars without a network player (EA's 255, 65535 in 2026). */
  networkId?: number;
  myTeam?: boolean;
  /** 2023+. */
  showOnlineNames?: boolean;
  platform?: Platform;
  /** 2024+. */
  techLevel?: number;
  /** 2025+: the livery's colours (cut to numColours). */
  liveryColours?: Colour[];
}

export interface ParticipantsPacket extends ModelBase<"participants"> {
  /** 2018 calls it numCars. */
  numActiveCars: number;
  cars: ParticipantCar[];
}

export interface LobbyPlayer {
  aiControlled: boolean;
  teamId: number;
  team?: string;
  nationalityId: number;
  nationality?: string;
  name: string;
  readyStatus?: ReadyStatus;
  /** 2021+. */
  carNumber?: number;
  /** 2023+. */
  platform?: Platform;
  /** 2024+. */
  telemetryPublic?: boolean;
  showOnlineNames?: boolean;
  techLevel?: number;
}

/** 2020+. Players in lobby order (not vehicle indices), cut to numPlayers. */
export interface LobbyInfoPacket extends ModelBase<"lobbyInfo"> {
  players: LobbyPlayer[];
}
