// Names for the decoder's types as the normalisers see them: one packet name across every format.
import type { DecodedPacket } from "../../../f1/formats/index.ts";

export type { DecodedPacket };
export type Decoded<N extends DecodedPacket["name"]> = Extract<DecodedPacket, { name: N }>;
/** The element type of an array-typed field, across formats. */
export type Item<T> = T extends readonly (infer E)[] ? E : never;
